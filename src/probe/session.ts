import { buildResponse } from '../core/build-response.js';
import { defaultRandom, type RandomSource } from '../core/ids.js';
import type { AnySipMessage, SipRequest, SipResponse } from '../core/message.js';
import { systemClock, type Clock, type TimerSettings } from '../transport/clock.js';
import type { TransportError } from '../transport/errors.js';
import { TransactionLayer, type UnmatchedReason } from '../transport/transaction-layer.js';
import type { ReceivedInfo, SipTransport, TransportNotice } from '../transport/types.js';
import type { AuthAttempt } from './authenticator.js';
import type { DigestCredentials } from './credentials.js';
import type { ViaSpec } from './dialog.js';
import { Pacer } from './pacer.js';

/** Call states reported to the delegate. */
export type CallState = 'calling' | 'proceeding' | 'early' | 'answered' | 'confirmed' | 'cancelling' | 'terminating' | 'ended';

/**
 * Progress of a probe, for a spinner, a ladder or a log. Library code never prints; the CLI
 * turns these into output (and --json ignores them).
 */
export interface ProbeDelegate {
  /** A request sent: a new one, a retransmission (`retransmission` > 0), an ACK. */
  onSend?(request: SipRequest, info: { retransmission: number }): void;
  /** Every message received, matched or not. */
  onReceive?(message: AnySipMessage, info: ReceivedInfo): void;
  /** A response that matched no transaction (other branch, Call-ID or CSeq); ignored and counted. */
  onUnmatched?(response: SipResponse, reason: UnmatchedReason): void;
  onNotice?(notice: TransportNotice): void;
  onTransportError?(error: TransportError): void;
  onCallState?(state: CallState): void;
  onAuth?(attempt: AuthAttempt): void;
}

export interface ProbeSessionOptions {
  transport: SipTransport;
  clock?: Clock;
  random?: RandomSource;
  timers?: Partial<TimerSettings>;
  delegate?: ProbeDelegate;
  /** Minimum gap between new requests (default 100 ms). */
  paceMs?: number;
  /** Digest credentials, answered on 401/407. */
  credentials?: DigestCredentials;
  /** User-Agent header (default "siptool"); null for none. */
  userAgent?: string | null;
  /** Host to write in Via sent-by and Contact instead of the socket address (e.g. a public IP). */
  advertisedHost?: string;
  advertisedPort?: number;
  /** User part of our Contact (default "siptool"). */
  contactUser?: string;
  /** Our whole Contact (a name-addr such as "<sip:app@198.51.100.20:5060>"), replacing the computed one (--contact). */
  contact?: string;
  /** Extra header fields on every new request (--header). */
  headers?: Array<[string, string]>;
}

/**
 * One transport, its transaction layer, the pacer and the identity of the probe: what OPTIONS
 * probes and INVITE calls share. Requests from the peer that no call claims are answered
 * (OPTIONS 200, others 481/501) so a peer is never left retransmitting.
 */
export class ProbeSession {
  readonly transport: SipTransport;
  readonly layer: TransactionLayer;
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly pacer: Pacer;
  readonly delegate: ProbeDelegate;
  readonly credentials: DigestCredentials | undefined;
  readonly options: ProbeSessionOptions;
  private readonly requestHandlers = new Set<(req: SipRequest, info: ReceivedInfo) => boolean>();
  /** The random .invalid host of a WebSocket session's Via and Contact, made at its first use. */
  private wsHostName: string | undefined;

  constructor(options: ProbeSessionOptions) {
    this.options = options;
    this.transport = options.transport;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? defaultRandom;
    this.delegate = options.delegate ?? {};
    this.credentials = options.credentials;
    this.pacer = new Pacer(this.clock, options.paceMs ?? 100);
    const d = this.delegate;
    this.layer = new TransactionLayer(this.transport, {
      clock: this.clock,
      timers: options.timers,
      delegate: {
        onSend: (r, n) => d.onSend?.(r, { retransmission: n }),
        onReceive: (m, i) => d.onReceive?.(m, i),
        onUnmatched: (r, why) => d.onUnmatched?.(r, why),
        onNotice: (n) => d.onNotice?.(n),
        onTransportError: (e) => d.onTransportError?.(e),
        onRequest: (r, i) => this.onRequest(r, i),
      },
    });
  }

  /** Via for a new request: our socket address, or a random .invalid host on WebSocket (RFC 7118 §5.2). */
  via(): ViaSpec {
    const t = this.transport;
    const ws = t.protocol === 'ws' || t.protocol === 'wss';
    return { transport: t.viaTransport, host: this.options.advertisedHost ?? (ws ? (this.wsHostName ??= `${this.random(6).toString('hex')}.invalid`) : t.local.address), port: ws && !this.options.advertisedHost ? undefined : (this.options.advertisedPort ?? t.local.port) };
  }

  /** Our Contact (a name-addr). */
  contact(): string {
    if (this.options.contact) return this.options.contact;
    const v = this.via();
    const host = v.host.includes(':') && !v.host.startsWith('[') ? `[${v.host}]` : v.host;
    const proto = this.transport.protocol;
    const param = proto === 'udp' ? '' : `;transport=${proto === 'wss' ? 'ws' : proto}`;
    return `<sip:${this.options.contactUser ?? 'siptool'}@${host}${v.port ? ':' + v.port : ''}${param}>`;
  }

  /** Headers every new request carries: User-Agent and the caller's extra headers. */
  commonHeaders(): Array<[string, string]> {
    const ua = this.options.userAgent === undefined ? 'siptool' : this.options.userAgent;
    return [...(ua ? ([['User-Agent', ua]] as Array<[string, string]>) : []), ...(this.options.headers ?? [])];
  }

  /** Registers a handler for requests from the peer; it returns true when it answered. */
  handleRequests(handler: (req: SipRequest, info: ReceivedInfo) => boolean): () => void {
    this.requestHandlers.add(handler);
    return () => this.requestHandlers.delete(handler);
  }

  /** Sends a response to a request from the peer (outside any transaction). */
  respond(request: SipRequest, status: number, extra: { headers?: Array<[string, string]>; body?: string; contentType?: string } = {}): void {
    const res = buildResponse(request, status, { random: this.random, contact: status < 300 && request.method === 'INVITE' ? this.contact() : undefined, ...extra });
    this.layer.sendStateless(res).catch(() => undefined);
  }

  /** Stops the transaction layer (the transport is closed by whoever opened it). */
  dispose(): void {
    this.layer.dispose();
  }

  private onRequest(req: SipRequest, info: ReceivedInfo): void {
    for (const h of [...this.requestHandlers]) if (h(req, info)) return;
    if (req.method === 'ACK') return;
    if (req.method === 'OPTIONS') this.respond(req, 200, { headers: [['Allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK']] });
    else if (req.method === 'BYE' || req.method === 'CANCEL' || req.method === 'PRACK' || req.method === 'UPDATE' || req.method === 'INFO') this.respond(req, 481);
    else this.respond(req, 501);
  }
}
