import type { SipRequest, SipResponse } from '../core/index.js';
import { NamedTimers, type Clock, type TimerSettings } from '../transport/clock.js';
import { TransportError } from '../transport/index.js';
import type { InboundFlow } from './listener.js';
import { responseDestination } from './response-routing.js';

export type ServerTransactionState = 'trying' | 'proceeding' | 'accepted' | 'completed' | 'confirmed' | 'terminated';

/** What a server transaction tells the layer above it. */
export interface ServerTransactionHost {
  readonly clock: Clock;
  readonly timers: TimerSettings;
  /** Every response put on the wire; `retransmission` > 0 for timer or request-driven resends. */
  sent(tx: ServerTransaction, response: SipResponse, retransmission: number): void;
  /** The transaction is over (the layer forgets it). `reason` says how it ended. */
  terminated(tx: ServerTransaction, reason: 'normal' | 'no-ack' | 'transport-error'): void;
  /** Sending failed (the connection is gone): the transaction terminates. */
  sendFailed(tx: ServerTransaction, error: TransportError): void;
}

/**
 * RFC 3261 §17.2 server transaction, the part INVITE and non-INVITE share: the request, the
 * flow it came on, the last response (resent when the request is retransmitted), timers.
 */
export abstract class ServerTransaction {
  readonly request: SipRequest;
  readonly flow: InboundFlow;
  readonly key: string;
  state: ServerTransactionState;
  lastResponse: SipResponse | null = null;
  /** Request retransmissions absorbed. */
  absorbed = 0;
  /** Response retransmissions sent. */
  retransmissions = 0;
  protected readonly host: ServerTransactionHost;
  private readonly timers = new NamedTimers(() => this.host.clock);

  protected constructor(host: ServerTransactionHost, key: string, request: SipRequest, flow: InboundFlow, initial: ServerTransactionState) {
    this.host = host;
    this.key = key;
    this.request = request;
    this.flow = flow;
    this.state = initial;
  }

  get method(): string {
    return this.request.method;
  }

  /** True once a final response has been sent. */
  get answered(): boolean {
    return this.lastResponse !== null && this.lastResponse.status >= 200;
  }

  /** The TU's response (provisional or final). Ignored once a final was sent. */
  abstract respond(response: SipResponse): void;

  /** The same request again: absorbed, with the last response resent (§17.2.1, §17.2.2). */
  abstract retransmitted(): void;

  protected transmit(response: SipResponse, retransmission: number): void {
    if (retransmission > 0) this.retransmissions++;
    this.host.sent(this, response, retransmission);
    const to = this.flow.reliable ? undefined : responseDestination(response, this.flow.remote);
    this.flow.send(response, to).catch((e: unknown) => {
      const err = e instanceof TransportError ? e : new TransportError('TRANSPORT_ERR_SEND', String(e), { cause: e });
      this.host.sendFailed(this, err);
      this.terminate('transport-error');
    });
  }

  protected timer(name: string, ms: number, fn: () => void): void {
    this.timers.start(name, ms, fn);
  }

  protected cancelTimer(name: string): void {
    this.timers.cancel(name);
  }

  /** Stops the timers and tells the layer; safe to call twice. */
  terminate(reason: 'normal' | 'no-ack' | 'transport-error' = 'normal'): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.timers.clear();
    this.host.terminated(this, reason);
  }
}

/**
 * INVITE server transaction (RFC 3261 §17.2.1 with RFC 6026): "proceeding" resends the last
 * provisional on a retransmitted INVITE; a non-2xx final moves to "completed" where Timer G
 * resends it over UDP (T1 doubling up to T2) until the ACK ("confirmed", Timer I) or Timer H
 * (64·T1: no ACK); a 2xx moves to "accepted" (Timer L) where the UAS core resends the 2xx
 * (§13.3.1.4, here: T1 doubling up to T2, on every transport, since a proxy may carry it on over UDP) until
 * the TU says the ACK came (`acknowledged2xx`).
 */
export class InviteServerTransaction extends ServerTransaction {
  private interval = 0;
  /** Called when no ACK came for a final response within 64·T1 (Timer H, or Timer L for a 2xx). */
  onNoAck: ((final: SipResponse) => void) | null = null;
  /** Called once when the ACK for a non-2xx final arrives. */
  onAcked: (() => void) | null = null;
  private acked2xx = false;

  constructor(host: ServerTransactionHost, key: string, request: SipRequest, flow: InboundFlow) {
    super(host, key, request, flow, 'proceeding');
  }

  respond(response: SipResponse): void {
    if (this.state !== 'proceeding') return;
    this.lastResponse = response;
    const s = response.status;
    this.transmit(response, 0);
    if (s < 200) return;
    const { t1 } = this.host.timers;
    this.interval = t1;
    if (s < 300) {
      this.state = 'accepted';
      this.timer('G2xx', t1, () => this.resend2xx());
      this.timer('L', 64 * t1, () => {
        const final = this.lastResponse!;
        if (!this.acked2xx) this.onNoAck?.(final);
        this.terminate(this.acked2xx ? 'normal' : 'no-ack');
      });
      return;
    }
    this.state = 'completed';
    if (!this.flow.reliable) this.timer('G', t1, () => this.timerG());
    this.timer('H', 64 * t1, () => {
      this.onNoAck?.(this.lastResponse!);
      this.terminate('no-ack');
    });
  }

  private timerG(): void {
    if (this.state !== 'completed' || !this.lastResponse) return;
    this.transmit(this.lastResponse, this.retransmissions + 1);
    this.interval = Math.min(2 * this.interval, this.host.timers.t2);
    this.timer('G', this.interval, () => this.timerG());
  }

  private resend2xx(): void {
    if (this.state !== 'accepted' || this.acked2xx || !this.lastResponse) return;
    this.transmit(this.lastResponse, this.retransmissions + 1);
    this.interval = Math.min(2 * this.interval, this.host.timers.t2);
    this.timer('G2xx', this.interval, () => this.resend2xx());
  }

  /** The ACK for our non-2xx final (same branch): "confirmed", Timer I absorbs ACK retransmissions. */
  ack(): void {
    if (this.state === 'confirmed') {
      this.absorbed++;
      return;
    }
    if (this.state !== 'completed') return;
    this.state = 'confirmed';
    this.cancelTimer('G');
    this.cancelTimer('H');
    this.onAcked?.();
    const i = this.flow.reliable ? 0 : this.host.timers.t4;
    if (i === 0) this.terminate();
    else this.timer('I', i, () => this.terminate());
  }

  /** The TU got the ACK for our 2xx (a transaction of its own): stop resending the 2xx. */
  acknowledged2xx(): void {
    this.acked2xx = true;
    this.cancelTimer('G2xx');
  }

  retransmitted(): void {
    this.absorbed++;
    if (this.state === 'proceeding' && this.lastResponse) this.transmit(this.lastResponse, this.retransmissions + 1);
    else if (this.state === 'completed' && this.lastResponse) this.transmit(this.lastResponse, this.retransmissions + 1);
    // accepted: the 2xx is resent by its own timer; a retransmitted INVITE is absorbed (RFC 6026 §7.1)
  }
}

/**
 * Non-INVITE server transaction (RFC 3261 §17.2.2): "trying" absorbs retransmissions,
 * "proceeding" resends the last provisional, "completed" resends the final until Timer J
 * (64·T1 on UDP, 0 on reliable transports).
 */
export class NonInviteServerTransaction extends ServerTransaction {
  constructor(host: ServerTransactionHost, key: string, request: SipRequest, flow: InboundFlow) {
    super(host, key, request, flow, 'trying');
  }

  respond(response: SipResponse): void {
    if (this.state !== 'trying' && this.state !== 'proceeding') return;
    this.lastResponse = response;
    this.transmit(response, 0);
    if ((this.state as ServerTransactionState) === 'terminated') return;
    if (response.status < 200) {
      this.state = 'proceeding';
      return;
    }
    this.state = 'completed';
    const j = this.flow.reliable ? 0 : 64 * this.host.timers.t1;
    if (j === 0) this.terminate();
    else this.timer('J', j, () => this.terminate());
  }

  retransmitted(): void {
    this.absorbed++;
    if ((this.state === 'proceeding' || this.state === 'completed') && this.lastResponse) this.transmit(this.lastResponse, this.retransmissions + 1);
  }
}
