import type { SipRequest, SipResponse } from '../core/index.js';
import type { Clock, TimerHandle, TimerSettings } from '../transport/index.js';
import type { InboundFlow } from './listener.js';

interface Pending {
  request: SipRequest;
  flow: InboundFlow;
  resolve: (r: SipResponse | null) => void;
  timers: TimerHandle[];
}

/**
 * The few requests the listener sends itself (BYE when it hangs up): a minimal non-INVITE
 * client transaction on an inbound flow (RFC 3261 §17.1.2): retransmitted over UDP from T1
 * doubling to T2, given up after `timeoutMs` (Timer F, 64·T1 by default). Responses match by
 * top Via branch and CSeq method.
 */
export class ListenerRequests {
  private readonly clock: Clock;
  private readonly timers: TimerSettings;
  private readonly pending = new Map<string, Pending>();
  private readonly onSend: (request: SipRequest, flow: InboundFlow, retransmission: number) => void;

  constructor(clock: Clock, timers: TimerSettings, onSend: (request: SipRequest, flow: InboundFlow, retransmission: number) => void) {
    this.clock = clock;
    this.timers = timers;
    this.onSend = onSend;
  }

  /** Sends `request` on `flow`; resolves with the final response, or null (timeout, transport error). */
  send(request: SipRequest, flow: InboundFlow, timeoutMs = this.timers.transactionTimeout): Promise<SipResponse | null> {
    const branch = request.branch ?? '';
    return new Promise((resolve) => {
      const p: Pending = { request, flow, resolve, timers: [] };
      this.pending.set(`${branch}\u0000${request.method}`, p);
      const put = (n: number): void => {
        this.onSend(request, flow, n);
        flow.send(request).catch(() => this.finish(p, null));
      };
      put(0);
      if (!flow.reliable) {
        let interval = this.timers.t1;
        let n = 0;
        const again = (): void => {
          put(++n);
          interval = Math.min(2 * interval, this.timers.t2);
          p.timers.push(this.clock.setTimeout(again, interval));
        };
        p.timers.push(this.clock.setTimeout(again, interval));
      }
      p.timers.push(this.clock.setTimeout(() => this.finish(p, null), timeoutMs));
    });
  }

  /** A response from the peer: true when it answered one of our requests. */
  receive(response: SipResponse): boolean {
    const key = `${response.branch ?? ''}\u0000${response.cseq?.method ?? ''}`;
    const p = this.pending.get(key);
    if (!p || p.request.callId !== response.callId) return false;
    if (response.status >= 200) this.finish(p, response);
    return true;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Gives up on everything still waiting. */
  dispose(): void {
    for (const p of [...this.pending.values()]) this.finish(p, null);
  }

  private finish(p: Pending, r: SipResponse | null): void {
    for (const t of p.timers) this.clock.clearTimeout(t);
    p.timers.length = 0;
    const key = `${p.request.branch ?? ''}\u0000${p.request.method}`;
    if (this.pending.get(key) === p) this.pending.delete(key);
    p.resolve(r);
  }
}
