import type { SipRequest, SipResponse } from '../core/index.js';
import { NamedTimers, type Clock, type TimerSettings } from './clock.js';
import { TransportError } from './errors.js';
import type { ReceivedInfo, SipTransport } from './types.js';

export type TransactionState = 'calling' | 'trying' | 'proceeding' | 'accepted' | 'completed' | 'terminated';

export interface TransactionCallbacks {
  /** A 1xx response (every one, retransmissions of reliable provisionals included). */
  onProvisional?(response: SipResponse, info: ReceivedInfo): void;
  /** A retransmitted 2xx to an INVITE after the first (the TU must ACK it again, RFC 3261 §13.2.2.4). */
  on2xxRetransmission?(response: SipResponse, info: ReceivedInfo): void;
  /** A (re)transmission of the request; `count` is 0 for the first. */
  onSend?(request: SipRequest, count: number): void;
  /** The ACK the transaction sent for a non-2xx final response. */
  onAck?(ack: SipRequest): void;
}

/** What a finished transaction tells. */
export interface FinalResponse {
  response: SipResponse;
  info: ReceivedInfo;
  /** Clock time of the first transmission and of the final response. */
  sentAt: number;
  receivedAt: number;
  /** Round-trip time of the first transmission (ClientTransaction.rttTo). */
  rttMs: number;
  /** Retransmissions of the request before the final response (UDP only). */
  retransmissions: number;
  /** Provisional responses received. */
  provisionals: number;
}

/** Ends a transaction from the layer: the layer calls `receive` and `fail`. */
export interface TransactionHost {
  readonly transport: SipTransport;
  readonly clock: Clock;
  readonly timers: TimerSettings;
  /** Called once when the transaction is terminated (the layer forgets it). */
  terminated(tx: ClientTransaction): void;
}

/**
 * RFC 3261 §17.1 client transaction, shared part: the request, its timers, the final-response
 * promise. Timers only retransmit over unreliable transports. Subclasses add the INVITE and
 * non-INVITE state machines.
 */
export abstract class ClientTransaction {
  readonly request: SipRequest;
  /** The top Via branch (the transaction key with the CSeq method). */
  readonly branch: string;
  readonly method: string;
  state: TransactionState;
  retransmissions = 0;
  provisionals = 0;
  sentAt = 0;
  /** Wall-clock time the first transmission was handed to the socket, when the transport tells. */
  private sentWireAt: number | undefined = undefined;
  /** Resolves with the final response; rejects with TransportError (TIMEOUT, CLOSED, SEND, ABORTED). */
  readonly final: Promise<FinalResponse>;
  protected readonly host: TransactionHost;
  protected readonly callbacks: TransactionCallbacks;
  private readonly timers = new NamedTimers(() => this.host.clock);
  private settle!: { resolve: (f: FinalResponse) => void; reject: (e: TransportError) => void };
  private settled = false;

  protected constructor(host: TransactionHost, request: SipRequest, initial: TransactionState, callbacks: TransactionCallbacks) {
    this.host = host;
    this.request = request;
    this.branch = request.branch ?? '';
    this.method = request.method;
    this.state = initial;
    this.callbacks = callbacks;
    this.final = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    // a caller that only listens to callbacks must not get an unhandled rejection
    this.final.catch(() => undefined);
  }

  get isSettled(): boolean {
    return this.settled;
  }

  /** Sends the request the first time and starts the timers. */
  abstract start(): void;

  /** A response matched to this transaction by the layer. */
  abstract receive(response: SipResponse, info: ReceivedInfo): void;

  /** Ends the transaction with an error (transport closed, abort...). */
  fail(error: TransportError): void {
    this.reject(error);
    this.terminate();
  }

  protected transmit(count: number): void {
    if (count === 0) this.sentAt = this.host.clock.now();
    else this.retransmissions++;
    this.callbacks.onSend?.(this.request, count);
    const transport = this.host.transport;
    const before = transport.stats.messagesSent;
    // send() runs synchronously up to the socket write: lastSentAt is this request's, if it got there
    transport.send(this.request).catch((e: unknown) => {
      this.fail(e instanceof TransportError ? e : new TransportError('TRANSPORT_ERR_SEND', String(e), { cause: e }));
    });
    if (count === 0 && transport.stats.messagesSent > before) this.sentWireAt = transport.lastSentAt;
  }

  /**
   * The round-trip time to a response of this transaction, from the first transmission. With a
   * transport that tells when bytes left and arrived (the real ones): socket to socket, so
   * serializing, parsing and start-up work in between do not count (within a fraction of a
   * millisecond of what a capture shows). Otherwise by the transaction's clock.
   */
  rttTo(info: ReceivedInfo): number {
    if (this.sentWireAt !== undefined && info.timestamp >= this.sentWireAt) return info.timestamp - this.sentWireAt;
    return this.host.clock.now() - this.sentAt;
  }

  protected timer(name: string, ms: number, fn: () => void): void {
    this.timers.start(name, ms, fn);
  }

  protected cancelTimer(name: string): void {
    this.timers.cancel(name);
  }

  protected resolve(response: SipResponse, info: ReceivedInfo): void {
    if (this.settled) return;
    this.settled = true;
    this.settle.resolve({ response, info, sentAt: this.sentAt, receivedAt: this.host.clock.now(), rttMs: this.rttTo(info), retransmissions: this.retransmissions, provisionals: this.provisionals });
  }

  protected reject(error: TransportError): void {
    if (this.settled) return;
    this.settled = true;
    this.settle.reject(error);
  }

  protected timeout(timerName: string): void {
    const t = this.host.timers.transactionTimeout;
    this.reject(
      new TransportError('TRANSPORT_ERR_TIMEOUT', `no final response to ${this.method} within ${t} ms (Timer ${timerName}, ${this.retransmissions} retransmissions, ${this.provisionals} provisional responses)`, {
        details: { timer: timerName, timeoutMs: t, retransmissions: this.retransmissions, provisionals: this.provisionals, bufferedBytes: this.host.transport.stats.bufferedBytes },
      }),
    );
    this.terminate();
  }

  protected terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.timers.clear();
    this.host.terminated(this);
  }
}

/** Non-INVITE client transaction (RFC 3261 §17.1.2): Timers E, F, K. */
export class NonInviteClientTransaction extends ClientTransaction {
  private interval = 0;

  constructor(host: TransactionHost, request: SipRequest, callbacks: TransactionCallbacks = {}) {
    super(host, request, 'trying', callbacks);
  }

  start(): void {
    const { t1, transactionTimeout } = this.host.timers;
    // timers first: nothing left to do between the request leaving and its answer (RTT)
    this.interval = t1;
    if (!this.host.transport.reliable) this.timer('E', this.interval, () => this.timerE());
    this.timer('F', transactionTimeout, () => this.timeout('F'));
    this.transmit(0);
  }

  private timerE(): void {
    if (this.state !== 'trying' && this.state !== 'proceeding') return;
    this.transmit(this.retransmissions + 1);
    const { t2 } = this.host.timers;
    this.interval = this.state === 'proceeding' ? t2 : Math.min(2 * this.interval, t2);
    this.timer('E', this.interval, () => this.timerE());
  }

  receive(response: SipResponse, info: ReceivedInfo): void {
    if (response.status < 200) {
      if (this.state === 'trying' || this.state === 'proceeding') {
        this.provisionals++;
        this.state = 'proceeding';
        this.callbacks.onProvisional?.(response, info);
      }
      return;
    }
    if (this.state !== 'trying' && this.state !== 'proceeding') return; // retransmitted final: absorbed
    this.state = 'completed';
    this.cancelTimer('E');
    this.cancelTimer('F');
    this.resolve(response, info);
    const k = this.host.transport.reliable ? 0 : this.host.timers.t4;
    if (k === 0) this.terminate();
    else this.timer('K', k, () => this.terminate());
  }
}
