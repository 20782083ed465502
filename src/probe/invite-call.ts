import type { SipRequest, SipResponse } from '../core/index.js';
import type { ClientTransaction } from '../transport/client-transaction.js';
import { sleep, type TimerHandle } from '../transport/clock.js';
import { Canceller } from '../transport/cancel.js';
import { cancelFor } from '../transport/derived-requests.js';
import { TransportError } from '../transport/errors.js';
import type { ReceivedInfo } from '../transport/types.js';
import type { CallOptions, CallOutcome, CallResult } from './call-types.js';
import { Dialog } from './dialog.js';
import { natView } from './nat-view.js';
import { RequestChain, settle } from './request-chain.js';
import { answeredCodecs, buildSdpOffer, DEFAULT_CODECS } from './sdp-offer.js';
import type { CallState, ProbeSession } from './session.js';

/**
 * Places one INVITE call and always tears it down (RFC 3261 §13, RFC 3262, RFC 4028 §7.4):
 * 100/18x (PRACK for reliable ones), 401/407 answered, 422 retried once with Min-SE, ACK for a
 * 2xx along the route set, BYE after the hold time, CANCEL on ring timeout or abort.
 * Never throws for network outcomes: they are in the result.
 */
export async function runCall(session: ProbeSession, options: CallOptions): Promise<CallResult> {
  return new Call(session, options).run();
}

class Call {
  private readonly s: ProbeSession;
  private readonly o: CallOptions;
  private readonly chain: RequestChain;
  private readonly r: CallResult;
  private readonly t0: number;
  private invite: SipRequest | null = null;
  private inviteTx: ClientTransaction | null = null;
  private early: Dialog | null = null;
  private lastRseq = -1;
  private gotProvisional = false;
  private cancelWanted = false;
  private cancelSent = false;
  private aborted = false;
  private remoteBye = false;
  private ack: SipRequest | null = null;
  private readonly hangup = new Canceller();
  private readonly timers: TimerHandle[] = [];

  constructor(session: ProbeSession, o: CallOptions) {
    this.s = session;
    this.o = o;
    const local = session.transport.local;
    const codecs = o.codecs ?? DEFAULT_CODECS;
    const body = buildSdpOffer({ address: local.address, port: o.rtpPort, codecs, sessionId: String(Math.floor(Date.now() / 1000)) });
    const supported = ['100rel', 'timer'].filter((x) => x !== '100rel' || o.use100rel !== false);
    this.chain = new RequestChain(session, {
      method: 'INVITE',
      uri: o.target,
      from: o.from ?? `<sip:siptool@${local.family === 'IPv6' ? `[${local.address}]` : local.address}>`,
      to: o.to ?? `<${o.target}>`,
      headers: [['Allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK'], ['Supported', supported.join(', ')], ...(o.headers ?? [])],
      body,
      contentType: 'application/sdp',
      maxForwards: o.maxForwards,
    });
    this.t0 = session.clock.now();
    this.r = {
      outcome: 'timeout',
      callId: this.chain.callId,
      status: null,
      reason: null,
      invites: 0,
      provisionals: [],
      earlyMedia: false,
      pracks: [],
      pddMs: null,
      finalMs: null,
      rttMs: null,
      offerCodecs: [...codecs],
      answerCodecs: [],
      sessionTimer: { retried422: false, minSE: null },
      retryAfter: null,
      auth: this.chain.auth.attempts,
      authFailure: null,
      teardown: { by: 'none', status: null },
      dialog: null,
      nat: null,
      retransmissions: 0,
      error: null,
    };
  }

  async run(): Promise<CallResult> {
    const signal = this.o.signal;
    const onAbort = (): void => this.onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const unhandle = this.s.handleRequests((req, info) => this.onPeerRequest(req, info));
    const retransmissionsBefore = this.s.layer.stats.retransmissions;
    this.timers.push(this.s.clock.setTimeout(() => this.wantCancel(), this.o.ringTimeoutMs ?? 60_000));
    try {
      if (signal?.aborted) this.aborted = true;
      else await this.inviteLoop();
    } finally {
      for (const t of this.timers) this.s.clock.clearTimeout(t);
      signal?.removeEventListener('abort', onAbort);
      unhandle();
      this.r.retransmissions = this.s.layer.stats.retransmissions - retransmissionsBefore;
      this.state('ended');
    }
    if (this.aborted && this.r.outcome !== 'answered') this.r.outcome = 'aborted';
    return this.r;
  }

  private async inviteLoop(): Promise<void> {
    let extra: Array<[string, string]> = this.o.sessionExpires ? [['Session-Expires', String(this.o.sessionExpires)]] : [];
    for (;;) {
      const invite = this.chain.build(extra);
      this.invite = invite;
      this.gotProvisional = false;
      this.lastRseq = -1;
      this.early = null;
      try {
        this.inviteTx = await this.chain.start(invite, { onProvisional: (res, i) => this.onProvisional(res, i), on2xxRetransmission: () => this.resendAck() }, this.o.signal);
      } catch {
        this.aborted = true; // aborted while waiting for the pacer: nothing was sent
        return;
      }
      this.r.invites++;
      this.state('calling');
      const f = await settle(this.inviteTx);
      if (f instanceof TransportError) {
        this.fail(f, this.cancelSent ? 'cancelled' : f.code === 'TRANSPORT_ERR_TIMEOUT' ? 'timeout' : 'transport-error');
        if (this.cancelSent) this.r.teardown = { by: 'CANCEL', status: this.r.teardown.status, error: { code: f.code, message: f.message } };
        return;
      }
      const res = f.response;
      this.r.status = res.status;
      this.r.reason = res.reason;
      this.r.finalMs = this.s.clock.now() - this.t0;
      this.r.rttMs ??= f.rttMs;
      this.r.nat = natView(res, this.s.transport.local);
      const ra = res.parsed('Retry-After');
      if (ra) this.r.retryAfter = ra.seconds;
      if (res.status < 300) return this.confirmed(invite, res);
      const stop = this.cancelSent || this.aborted;
      if ((res.status === 401 || res.status === 407) && !stop) {
        if (this.chain.answerChallenge(res, invite)) continue;
        this.r.authFailure = this.chain.authFailure ?? null;
        this.r.outcome = 'auth-failed';
        return;
      }
      if (res.status === 422 && !stop && !this.r.sessionTimer.retried422) {
        const minSE = Number(/^\s*(\d+)/.exec(res.value('Min-SE') ?? '')?.[1] ?? '90');
        this.r.sessionTimer = { retried422: true, minSE };
        extra = [['Session-Expires', String(minSE)], ['Min-SE', String(minSE)]];
        continue;
      }
      this.r.outcome = this.cancelSent && res.status === 487 ? 'cancelled' : 'rejected';
      return;
    }
  }

  private onProvisional(res: SipResponse, info: ReceivedInfo): void {
    const rseq = res.parsed('RSeq') ?? null;
    const reliable = rseq !== null && (res.parsed('Require') ?? []).some((x) => x.toLowerCase() === '100rel');
    if (reliable && rseq <= this.lastRseq) return; // a retransmission of a reliable provisional already PRACKed
    const sdp = res.body.length > 0 && (res.contentType?.subtype ?? '').toLowerCase() === 'sdp';
    const at = this.s.clock.now() - this.t0;
    this.r.provisionals.push({ status: res.status, reason: res.reason, atMs: at, sdp, reliable, rseq });
    this.r.rttMs ??= this.inviteTx ? this.inviteTx.rttTo(info) : this.s.clock.now() - this.t0;
    if (res.status > 100) {
      this.r.pddMs ??= at;
      if (sdp) this.r.earlyMedia = true;
      this.state(res.toTag ? 'early' : 'proceeding');
    } else this.state('proceeding');
    this.gotProvisional = true;
    if (reliable && this.invite && res.toTag) {
      this.lastRseq = rseq;
      this.early = new Dialog(this.invite, res);
      void this.prack(res, rseq);
    }
    if (this.cancelWanted && !this.cancelSent) void this.sendCancel();
  }

  /** PRACK for a reliable provisional (RFC 3262 §4): in the early dialog, RAck = RSeq CSeq INVITE. */
  private async prack(res: SipResponse, rseq: number): Promise<void> {
    const dialog = this.early!;
    const cseq = res.cseq;
    const entry: { rseq: number; status: number | null } = { rseq, status: null };
    this.r.pracks.push(entry);
    const prack = dialog.request('PRACK', this.s.via(), this.s.random, { headers: [['RAck', `${rseq} ${cseq?.seq ?? 1} INVITE`], ...this.s.commonHeaders(), ...this.chain.credentialsHeaders] });
    try {
      const tx = this.s.layer.request(prack);
      const f = await settle(tx);
      if (!(f instanceof TransportError)) entry.status = f.response.status;
    } catch {
      // transport closed: the INVITE transaction reports it
    }
  }

  private wantCancel(): void {
    this.cancelWanted = true;
    if (this.inviteTx && !this.inviteTx.isSettled && this.gotProvisional) void this.sendCancel();
    // before any provisional response a CANCEL must wait (RFC 3261 §9.1); Timer B still bounds the wait
  }

  private async sendCancel(): Promise<void> {
    if (this.cancelSent || !this.invite || !this.inviteTx || this.inviteTx.isSettled) return;
    this.cancelSent = true;
    this.state('cancelling');
    const inviteTx = this.inviteTx;
    const cancel = cancelFor(this.invite);
    this.r.teardown = { by: 'CANCEL', status: null };
    // no final response to the INVITE within 64·T1 after the CANCEL: give up (RFC 3261 §9.1)
    this.timers.push(this.s.clock.setTimeout(() => inviteTx.fail(new TransportError('TRANSPORT_ERR_TIMEOUT', 'no final response to the INVITE within 64*T1 after CANCEL')), 64 * this.s.layer.timers.t1));
    try {
      await this.s.pacer.wait();
      const f = await settle(this.s.layer.request(cancel));
      if (f instanceof TransportError) this.r.teardown.error = { code: f.code, message: f.message };
      else this.r.teardown.status = f.response.status;
    } catch (e) {
      if (e instanceof TransportError) this.r.teardown.error = { code: e.code, message: e.message };
    }
  }

  private onAbort(): void {
    this.aborted = true;
    this.hangup.abort();
    this.wantCancel();
  }

  private async confirmed(invite: SipRequest, res: SipResponse): Promise<void> {
    const dialog = new Dialog(invite, res);
    if (this.early) dialog.localSeq = Math.max(dialog.localSeq, this.early.localSeq);
    this.r.outcome = 'answered';
    this.r.dialog = { remoteTarget: dialog.remoteTarget, routeSet: dialog.routeSet, strictRouting: dialog.strictRouting, nextHop: dialog.nextHop };
    this.r.answerCodecs = res.body.length > 0 ? answeredCodecs(res.body) : [];
    this.ack = dialog.request('ACK', this.s.via(), this.s.random, { headers: [...this.s.commonHeaders(), ...this.chain.credentialsHeaders] });
    this.resendAck();
    this.state('confirmed');
    if (!this.cancelSent && !this.aborted && !this.remoteBye) {
      try {
        await sleep(this.s.clock, this.o.holdMs ?? 0, this.hangup.signal);
      } catch {
        // hung up early: abort or the peer's BYE
      }
    }
    if (this.remoteBye) {
      this.r.teardown = { by: 'remote-BYE', status: null };
      return;
    }
    await this.bye(dialog);
  }

  private async bye(dialog: Dialog): Promise<void> {
    this.state('terminating');
    this.r.teardown = { by: 'BYE', status: null };
    let extra = this.chain.credentialsHeaders;
    for (let attempt = 0; attempt < 3; attempt++) {
      const bye = dialog.request('BYE', this.s.via(), this.s.random, { headers: [...this.s.commonHeaders(), ...extra] });
      try {
        await this.s.pacer.wait();
        const f = await settle(this.s.layer.request(bye));
        if (f instanceof TransportError) {
          this.r.teardown.error = { code: f.code, message: f.message };
          return;
        }
        this.r.teardown.status = f.response.status;
        if ((f.response.status === 401 || f.response.status === 407) && this.chain.answerChallenge(f.response, bye)) {
          extra = this.chain.credentialsHeaders;
          continue;
        }
        return;
      } catch (e) {
        if (e instanceof TransportError) this.r.teardown.error = { code: e.code, message: e.message };
        return;
      }
    }
  }

  private resendAck(): void {
    if (!this.ack) return;
    this.s.layer.sendStateless(this.ack).catch(() => undefined);
  }

  private onPeerRequest(req: SipRequest, _info: ReceivedInfo): boolean {
    if (req.callId !== this.chain.callId) return false;
    switch (req.method) {
      case 'ACK':
        return true;
      case 'BYE':
        this.s.respond(req, 200);
        this.remoteBye = true;
        this.hangup.abort();
        return true;
      case 'INVITE':
      case 'UPDATE':
        // a session refresh: accept it with our offer again
        this.s.respond(req, 200, req.body.length > 0 ? { body: buildSdpOffer({ address: this.s.transport.local.address, port: this.o.rtpPort, codecs: this.r.offerCodecs }), contentType: 'application/sdp' } : {});
        return true;
      case 'OPTIONS':
      case 'INFO':
      case 'NOTIFY':
        this.s.respond(req, 200);
        return true;
      default:
        this.s.respond(req, 501);
        return true;
    }
  }

  private fail(e: TransportError, outcome: CallOutcome): void {
    this.r.outcome = outcome;
    this.r.error = { code: e.code, message: e.message };
  }

  private state(s: CallState): void {
    this.s.delegate.onCallState?.(s);
  }
}
