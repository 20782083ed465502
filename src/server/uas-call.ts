import { buildRequest, formatNameAddr, isIPv4, isIPv6, type RandomSource, type SipRequest, type SipResponse } from '../core/index.js';
import type { TimerHandle } from '../transport/index.js';
import type { InboundFlow } from './listener.js';
import type { InviteServerTransaction } from './server-transaction.js';
import type { CallRecord } from './uas-types.js';

/** early: ringing; completed: a non-2xx final sent, waiting for its ACK; answered: 2xx sent, waiting for its ACK. */
export type CallState = 'early' | 'completed' | 'answered' | 'confirmed' | 'ended';

/**
 * One call the listener answers: the INVITE, its server transaction and the UAS side of the
 * dialog (RFC 3261 §12.1.1): local tag (our To tag), remote tag, remote target (the INVITE's
 * Contact), route set (the INVITE's Record-Route in order) and our CSeq for requests we send.
 */
export class UasCall {
  readonly invite: SipRequest;
  readonly tx: InviteServerTransaction;
  readonly flow: InboundFlow;
  readonly localTag: string;
  readonly record: CallRecord;
  state: CallState = 'early';
  localSeq: number;
  /** The transaction of the latest re-INVITE (its 2xx is resent until the ACK). */
  reinviteTx: InviteServerTransaction | null = null;
  /** A reliable provisional waiting for its PRACK (RFC 3262). */
  reliable: { rseq: number; response: SipResponse } | null = null;
  answerSdp: string | null = null;
  /** The final status decided for the INVITE. */
  finalStatus: number;
  readonly timers: TimerHandle[] = [];

  constructor(invite: SipRequest, tx: InviteServerTransaction, flow: InboundFlow, localTag: string, now: number, finalStatus: number, random: RandomSource) {
    this.invite = invite;
    this.tx = tx;
    this.flow = flow;
    this.localTag = localTag;
    this.finalStatus = finalStatus;
    this.localSeq = 1 + (random(2).readUInt16BE(0) % 1000);
    this.record = {
      callId: invite.callId ?? '',
      from: invite.value('From') ?? '',
      to: invite.value('To') ?? '',
      requestUri: invite.uri,
      protocol: flow.protocol,
      remote: flow.remote,
      local: flow.local,
      startedAt: now,
      answeredAt: null,
      endedAt: now,
      status: null,
      outcome: 'answered',
      endedBy: 'final-response',
      offerCodecs: [],
      answerCodec: null,
      acked: false,
      pracks: 0,
      byeStatus: null,
    };
  }

  get key(): string {
    return dialogKey(this.record.callId, this.localTag);
  }

  get remoteTag(): string {
    return this.invite.fromTag ?? '';
  }

  /** The remote target: the INVITE's Contact URI (else its From URI). */
  get remoteTarget(): string {
    const c = this.invite.contacts;
    if (c !== '*' && c[0]) return c[0].uriText;
    return this.invite.from?.uriText ?? this.invite.uri;
  }

  /** Route set of a UAS: the INVITE's Record-Route URIs, taken in order (§12.1.1). */
  get routeSet(): string[] {
    return this.invite.list('Record-Route').map((na) => formatNameAddr(na));
  }

  /** A BYE from the listener in this dialog (sent back on the flow the INVITE came on). */
  bye(host: string, random: RandomSource, userAgent: string | null): SipRequest {
    const to = this.invite.value('To') ?? '';
    return buildRequest(
      {
        method: 'BYE',
        uri: this.remoteTarget,
        from: /;\s*tag=/i.test(to) ? to : `${to};tag=${this.localTag}`,
        to: this.invite.value('From') ?? '',
        via: { transport: this.flow.viaTransport, host, port: this.flow.local.port },
        callId: this.record.callId,
        cseq: ++this.localSeq,
        headers: [...this.routeSet.map((r): [string, string] => ['Route', r]), ...(userAgent ? ([['User-Agent', userAgent]] as Array<[string, string]>) : [])],
      },
      { random },
    );
  }
}

export function dialogKey(callId: string, localTag: string): string {
  return `${callId}\u0000${localTag}`;
}

function isWildcard(a: string): boolean {
  return a === '0.0.0.0' || a === '::' || a === '::0';
}

/**
 * The host to write in Contact, Via and SDP: the advertised host, else the address the flow
 * arrived on; a wildcard bind (0.0.0.0, ::) gives no address, so the Request-URI host is used
 * when it is an IP literal, else 127.0.0.1.
 */
export function localHost(flow: InboundFlow, request: SipRequest | undefined, advertised: string | undefined): string {
  if (advertised) return advertised;
  if (!isWildcard(flow.local.address)) return flow.local.address;
  const u = request?.requestUri;
  if (u?.type === 'sip') {
    const h = u.host.replace(/^\[|\]$/g, '');
    if (isIPv4(h) || isIPv6(h)) return h;
  }
  return '127.0.0.1';
}

/** Our Contact for a dialog (sips: when the Request-URI was sips:, else sip: with the transport). */
export function contactFor(flow: InboundFlow, request: SipRequest, host: string, user: string): string {
  const h = host.includes(':') ? `[${host}]` : host;
  const u = request.requestUri;
  if (u?.type === 'sip' && u.scheme === 'sips') return `<sips:${user}@${h}:${flow.local.port}>`;
  const param = flow.protocol === 'udp' ? '' : `;transport=${flow.protocol}`;
  return `<sip:${user}@${h}:${flow.local.port}${param}>`;
}
