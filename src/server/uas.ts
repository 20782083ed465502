import { buildResponse, defaultRandom, newTag, type AnySipMessage, type RandomSource, type SipRequest, type SipResponse } from '../core/index.js';
import type { Clock, ReceivedInfo } from '../transport/index.js';
import type { InboundFlow, SipListener } from './listener.js';
import { stampTopVia } from './response-routing.js';
import { ServerTransactionLayer } from './server-layer.js';
import { InviteServerTransaction, type ServerTransaction } from './server-transaction.js';
import { answerSdp, listenerOffer } from './sdp-answer.js';
import { contactFor, dialogKey, localHost, UasCall } from './uas-call.js';
import { SourceRateLimit } from './rate-limit.js';
import { ListenerRequests } from './uas-client.js';
import { ALLOWED_METHODS, KNOWN_METHODS, SUPPORTED_EXTENSIONS, type CallEndedBy, type CallOutcome, type UasDelegate, type UasOptions, type UasStats } from './uas-types.js';

const ALLOW = ALLOWED_METHODS.join(', ');

interface Extra {
  reason?: string;
  headers?: Array<[string, string]>;
  body?: string;
  call?: UasCall;
  contact?: boolean;
}

/**
 * A user agent server for `siptool listen`: answers OPTIONS, answers or rejects INVITEs as
 * configured (100 Trying, 180 Ringing, reliably with 100rel when the caller requires it, then
 * 200 with an SDP answer chosen from the offer, or 403/404/486/503), handles ACK, BYE, CANCEL
 * (200 + 487), PRACK, re-INVITE/UPDATE/INFO in a dialog, refuses other methods (405/501), and
 * hangs up calls in progress on `shutdown()`. Transactions, retransmissions and response
 * routing are RFC 3261 §17.2/§18.2; the number of calls is bounded by `maxDialogs`.
 */
export class ListenerUas {
  readonly layer: ServerTransactionLayer;
  readonly stats: UasStats = { requests: 0, responsesSent: 0, absorbed: 0, retransmissionsSent: 0, calls: 0, refused: 0, overload: 0, badRequests: 0, noAck: 0, flood: 0 };
  private readonly o: UasOptions;
  private readonly clock: Clock;
  private readonly random: RandomSource;
  private readonly d: UasDelegate;
  private readonly calls = new Map<string, UasCall>();
  private readonly byTx = new Map<ServerTransaction, UasCall>();
  private readonly requests: ListenerRequests;
  private readonly byes = new Set<Promise<unknown>>();
  private stopping = false;
  private readonly rate: SourceRateLimit;

  constructor(options: UasOptions = {}) {
    this.o = options;
    this.d = options.delegate ?? {};
    this.random = options.random ?? defaultRandom;
    this.layer = new ServerTransactionLayer({
      clock: options.clock,
      timers: options.timers,
      maxTransactions: options.maxTransactions,
      delegate: {
        onRequest: (r, i, f, tx) => this.onRequest(r, i, f, tx),
        onRetransmission: (r, i, f) => {
          this.stats.absorbed++;
          this.d.onReceived?.({ message: r, info: i, flow: f, retransmission: 1 });
        },
        onAck: (r, i, f, repeated) => this.d.onReceived?.({ message: r, info: i, flow: f, retransmission: repeated ? 1 : 0 }),
        onResponse: (r, i, f) => {
          this.d.onReceived?.({ message: r, info: i, flow: f, retransmission: 0 });
          this.requests.receive(r);
        },
        onSent: (r, f, n) => {
          this.stats.responsesSent++;
          if (n > 0) this.stats.retransmissionsSent++;
          this.d.onSent?.({ message: r, flow: f, retransmission: n });
        },
        onSendFailed: (tx, e) => this.d.onNote?.(`could not send the response to ${tx.method} to ${tx.flow.remote.address}:${tx.flow.remote.port}: ${e.message}`, 'send-failed'),
        onOverload: (r, f) => {
          this.stats.overload++;
          this.d.onNote?.(`dropped ${r.method} from ${f.remote.address}:${f.remote.port}: too many transactions at once`, 'overload');
        },
      },
    });
    this.clock = this.layer.clock;
    this.rate = new SourceRateLimit(this.clock, options.maxRequestsPerSecond ?? 200);
    this.requests = new ListenerRequests(this.clock, this.layer.timers, (r, f, n) => this.d.onSent?.({ message: r, flow: f, retransmission: n }));
  }

  /** Calls in progress. */
  get activeCalls(): number {
    return this.calls.size;
  }

  /** Takes requests from a listener. Returns a function that detaches it. */
  attach(listener: SipListener): () => void {
    return listener.on({ message: (m, info, flow) => this.receive(m, info, flow) });
  }

  receive(message: AnySipMessage, info: ReceivedInfo, flow: InboundFlow): void {
    if (message.kind === 'request' && !this.rate.allow(flow.remote.address)) {
      this.stats.flood++;
      if (this.rate.dropped === 1 || this.rate.dropped % 1000 === 0) this.d.onNote?.(`more than ${this.o.maxRequestsPerSecond ?? 200} requests a second from ${flow.remote.address}: the excess is dropped (${this.rate.dropped} so far)`, 'flood');
      return;
    }
    this.layer.receive(message, info, flow);
  }

  /**
   * Ends every call: BYE to answered ones (waiting up to `timeoutMs` for the answers), 480 to
   * ringing ones; then stops all timers.
   */
  async shutdown(timeoutMs = 2000): Promise<void> {
    this.stopping = true;
    for (const call of [...this.calls.values()]) {
      if (call.state === 'early') {
        this.respond(call.tx, 480, { call, reason: 'Temporarily Unavailable' });
        call.record.status = 480;
        this.end(call, 'shutdown', 'shutdown');
      } else if (call.state === 'completed') this.end(call, call.record.outcome, call.record.endedBy);
      else this.hangup(call, 'shutdown', timeoutMs);
    }
    await Promise.all([...this.byes]);
    this.layer.dispose();
    this.requests.dispose();
  }

  private onRequest(req: SipRequest, info: ReceivedInfo, flow: InboundFlow, tx: ServerTransaction | null): void {
    this.stats.requests++;
    this.d.onReceived?.({ message: req, info, flow, retransmission: 0 });
    if (!tx) return this.ackFor2xx(req);
    const missing = ['Call-ID', 'CSeq', 'From', 'To'].filter((h) => !req.has(h));
    if (missing.length > 0 || req.cseq?.method !== req.method || req.topVia === undefined) {
      this.stats.badRequests++;
      this.d.onNote?.(`${req.method} from ${flow.remote.address}:${flow.remote.port} is malformed (${missing.length > 0 ? 'no ' + missing.join(', ') : 'CSeq method or Via wrong'}): 400`, 'bad-request');
      this.respond(tx, 400, { reason: missing.length > 0 ? `Missing ${missing[0]}` : 'Bad Request' });
      return;
    }
    const unsupported = req.method === 'CANCEL' ? [] : (req.parsed('Require') ?? []).filter((x) => !(SUPPORTED_EXTENSIONS as readonly string[]).includes(x.toLowerCase()));
    if (unsupported.length > 0) {
      this.respond(tx, 420, { headers: [['Unsupported', unsupported.join(', ')]] });
      return;
    }
    const call = req.toTag ? this.calls.get(dialogKey(req.callId ?? '', req.toTag)) : undefined;
    switch (req.method) {
      case 'INVITE':
        if (!req.toTag) return this.newInvite(req, tx as InviteServerTransaction, flow);
        if (!call || call.state === 'early') return void this.respond(tx, 481);
        return this.reInvite(req, tx as InviteServerTransaction, call);
      case 'CANCEL':
        return this.cancel(tx);
      case 'BYE':
        if (!call) return void this.respond(tx, 481);
        this.respond(tx, 200, { call });
        if (call.state === 'completed') return this.end(call, call.record.outcome, call.record.endedBy);
        if (call.state === 'early') {
          this.respond(call.tx, 487, { call });
          return this.end(call, 'cancelled', 'caller-BYE');
        }
        return this.end(call, 'answered', 'caller-BYE');
      case 'PRACK':
        return this.prack(req, tx, call);
      case 'OPTIONS':
        return void this.respond(tx, 200, { call, headers: [['Allow', ALLOW], ['Accept', 'application/sdp'], ['Supported', SUPPORTED_EXTENSIONS.join(', ')], ['Accept-Language', 'en']] });
      case 'UPDATE':
      case 'INFO':
        if (!call) return void this.respond(tx, 481);
        if (req.method === 'UPDATE' && req.body.length > 0) return void this.respond(tx, 200, { call, ...this.sdpFor(req, call) });
        return void this.respond(tx, 200, { call });
      default:
        if ((KNOWN_METHODS as readonly string[]).includes(req.method)) return void this.respond(tx, 405, { headers: [['Allow', ALLOW]] });
        this.respond(tx, 501);
    }
  }

  private newInvite(req: SipRequest, tx: InviteServerTransaction, flow: InboundFlow): void {
    if (this.stopping || this.calls.size >= (this.o.maxDialogs ?? 32)) {
      this.stats.refused++;
      this.d.onNote?.(`refused INVITE ${req.callId ?? ''} from ${flow.remote.address}:${flow.remote.port}: ${this.stopping ? 'shutting down' : `${this.calls.size} calls in progress (--max-dialogs)`}`, 'refused');
      this.respond(tx, 503, { reason: this.stopping ? 'Shutting Down' : 'Too Many Calls', headers: [['Retry-After', '5']] });
      return;
    }
    const call = new UasCall(req, tx, flow, newTag(this.random), this.clock.now(), this.o.answer ?? 200, this.random);
    this.calls.set(call.key, call);
    this.byTx.set(tx, call);
    this.stats.calls++;
    this.d.onCallStart?.(call.record.callId, flow);
    tx.onNoAck = () => {
      if (call.state === 'answered') {
        call.record.outcome = 'no-ack';
        this.hangup(call, 'no-ACK');
      } else this.end(call, call.record.outcome, 'no-ACK');
    };
    tx.onAcked = () => {
      call.record.acked = true;
      this.end(call, call.record.outcome, call.record.endedBy);
    };
    this.respond(tx, 100);
    const offer = req.body.length > 0 && (req.contentType?.subtype ?? '').toLowerCase() === 'sdp';
    if (offer) {
      const host = localHost(flow, req, this.o.advertisedHost);
      const a = answerSdp(req.body, { address: host, codecs: this.o.codecs, sessionId: String(Math.floor(Date.now() / 1000)) });
      if (a.ok) {
        call.answerSdp = a.sdp;
        call.record.answerCodec = a.codec;
        call.record.offerCodecs = offeredCodecs(req.body);
      } else {
        call.record.offerCodecs = a.offered;
        if (call.finalStatus === 200) call.finalStatus = 488;
      }
    }
    const ringMs = this.o.ringMs ?? 0;
    if (ringMs > 0) {
      this.ring(call, req);
      call.timers.push(this.clock.setTimeout(() => this.final(call), ringMs));
    } else this.final(call);
  }

  /** 180 Ringing; reliable (Require: 100rel, RSeq) when the caller requires 100rel, resent until the PRACK. */
  private ring(call: UasCall, req: SipRequest): void {
    const wants = (req.parsed('Require') ?? []).some((x) => x.toLowerCase() === '100rel');
    if (!wants) {
      this.respond(call.tx, 180, { call, contact: true });
      return;
    }
    const rseq = 1 + (this.random(2).readUInt16BE(0) % 1000);
    const res = this.respond(call.tx, 180, { call, contact: true, headers: [['Require', '100rel'], ['RSeq', String(rseq)]] });
    call.reliable = { rseq, response: res };
    if (call.flow.reliable) return;
    let interval = this.layer.timers.t1;
    const again = (): void => {
      if (!call.reliable || call.state !== 'early') return;
      call.tx.respond(call.reliable.response);
      interval = Math.min(2 * interval, this.layer.timers.t2);
      call.timers.push(this.clock.setTimeout(again, interval));
    };
    call.timers.push(this.clock.setTimeout(again, interval));
  }

  private final(call: UasCall): void {
    if (call.state !== 'early') return;
    call.reliable = null;
    const status = call.finalStatus;
    call.record.status = status;
    if (status === 200) {
      const body = call.answerSdp ?? listenerOffer({ address: localHost(call.flow, call.invite, this.o.advertisedHost) });
      call.answerSdp = body;
      call.state = 'answered';
      call.record.answeredAt = this.clock.now();
      this.respond(call.tx, 200, { call, contact: true, body, headers: [['Allow', ALLOW], ['Supported', SUPPORTED_EXTENSIONS.join(', ')]] });
      call.timers.push(this.clock.setTimeout(() => this.hangup(call, 'listener-BYE'), this.o.maxCallMs ?? 3_600_000));
      return;
    }
    call.state = 'completed';
    call.record.outcome = status === 488 ? 'not-acceptable' : 'rejected';
    call.record.endedBy = 'final-response';
    const headers: Array<[string, string]> = status === 503 ? [['Retry-After', String(this.o.retryAfter ?? 60)]] : status === 488 ? [['Warning', '304 siptool "no common codec in the offer"']] : [];
    this.respond(call.tx, status, { call, headers });
  }

  private ackFor2xx(ack: SipRequest): void {
    const call = this.calls.get(dialogKey(ack.callId ?? '', ack.toTag ?? ''));
    if (!call) return;
    if (call.reinviteTx && call.reinviteTx.state === 'accepted') {
      call.reinviteTx.acknowledged2xx();
      call.reinviteTx = null;
      return;
    }
    if (call.state !== 'answered') return;
    call.tx.acknowledged2xx();
    call.state = 'confirmed';
    call.record.acked = true;
  }

  private reInvite(req: SipRequest, tx: InviteServerTransaction, call: UasCall): void {
    this.respond(tx, 100);
    call.reinviteTx = tx;
    this.respond(tx, 200, { call, contact: true, ...this.sdpFor(req, call) });
  }

  private sdpFor(req: SipRequest, call: UasCall): { body: string; headers: Array<[string, string]> } | Record<string, never> {
    if (req.body.length === 0) return call.answerSdp ? { body: call.answerSdp, headers: [] } : {};
    const a = answerSdp(req.body, { address: localHost(call.flow, req, this.o.advertisedHost), codecs: this.o.codecs });
    if (a.ok) call.answerSdp = a.sdp;
    return call.answerSdp ? { body: call.answerSdp, headers: [] } : {};
  }

  private cancel(tx: ServerTransaction): void {
    const inv = this.layer.inviteFor(tx.request);
    const call = inv ? this.byTx.get(inv) : undefined;
    if (!inv) return void this.respond(tx, 481);
    this.respond(tx, 200, { call });
    if (call && call.state === 'early') {
      this.clearTimers(call);
      call.reliable = null;
      call.state = 'completed'; // until the ACK of the 487 (tx.onAcked) or Timer H
      call.record.status = 487;
      call.record.outcome = 'cancelled';
      call.record.endedBy = 'CANCEL';
      this.respond(inv, 487, { call });
    } else if (!call && !inv.answered) this.respond(inv, 487);
  }

  private prack(req: SipRequest, tx: ServerTransaction, call: UasCall | undefined): void {
    const rack = req.parsed('RAck');
    if (!call || !call.reliable || !rack || rack.rseq !== call.reliable.rseq || rack.method.toUpperCase() !== 'INVITE') {
      if (call && rack && call.record.pracks > 0) return void this.respond(tx, 200, { call }); // a PRACK for one already acknowledged
      return void this.respond(tx, 481);
    }
    call.reliable = null;
    call.record.pracks++;
    this.respond(tx, 200, { call });
  }

  /** BYE from the listener; the call ends when the answer (or nothing, after the timeout) comes. */
  private hangup(call: UasCall, endedBy: CallEndedBy, timeoutMs?: number): void {
    if (call.state === 'ended') return;
    this.clearTimers(call);
    call.state = 'ended';
    const bye = call.bye(localHost(call.flow, call.invite, this.o.advertisedHost), this.random, this.o.server === undefined ? 'siptool' : this.o.server);
    const p = this.requests.send(bye, call.flow, timeoutMs).then((r) => {
      call.record.byeStatus = r ? r.status : null;
      this.byes.delete(p);
      this.finish(call, call.record.outcome, endedBy === 'no-ACK' ? 'no-ACK' : endedBy === 'shutdown' ? 'shutdown' : 'listener-BYE');
    });
    this.byes.add(p);
  }

  private end(call: UasCall, outcome: CallOutcome, endedBy: CallEndedBy): void {
    if (call.state === 'ended' && !this.calls.has(call.key)) return;
    this.clearTimers(call);
    call.state = 'ended';
    this.finish(call, outcome, endedBy);
  }

  private finish(call: UasCall, outcome: CallOutcome, endedBy: CallEndedBy): void {
    if (!this.calls.has(call.key)) return;
    this.calls.delete(call.key);
    this.byTx.delete(call.tx);
    if (outcome === 'no-ack') this.stats.noAck++;
    call.record.outcome = outcome;
    call.record.endedBy = endedBy;
    call.record.endedAt = this.clock.now();
    this.d.onCallEnd?.(call.record);
  }

  private clearTimers(call: UasCall): void {
    for (const t of call.timers) this.clock.clearTimeout(t);
    call.timers.length = 0;
  }

  private respond(tx: ServerTransaction, status: number, extra: Extra = {}): SipResponse {
    const req = tx.request;
    const call = extra.call;
    const host = localHost(tx.flow, req, this.o.advertisedHost);
    const server = this.o.server === undefined ? 'siptool' : this.o.server;
    const res = buildResponse(req, status, {
      random: this.random,
      reason: extra.reason,
      toTag: call?.localTag,
      contact: extra.contact ? contactFor(tx.flow, req, host, this.o.contactUser ?? 'siptool') : undefined,
      headers: [...(server ? ([['Server', server]] as Array<[string, string]>) : []), ...(extra.headers ?? [])],
      body: extra.body,
      contentType: extra.body ? 'application/sdp' : undefined,
    });
    stampTopVia(res, tx.flow.remote);
    tx.respond(res);
    return res;
  }
}

function offeredCodecs(body: Buffer): string[] {
  const r = answerSdp(body, { address: '0.0.0.0', codecs: [] });
  return r.ok ? [] : r.offered;
}
