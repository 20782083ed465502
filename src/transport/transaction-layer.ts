import type { AnySipMessage, SipRequest, SipResponse } from '../core/index.js';
import { ClientTransaction, NonInviteClientTransaction, type TransactionCallbacks, type TransactionHost } from './client-transaction.js';
import { systemClock, timerSettings, type Clock, type TimerSettings } from './clock.js';
import { TransportError } from './errors.js';
import { InviteClientTransaction } from './invite-client-transaction.js';
import type { ReceivedInfo, SipTransport, TransportNotice } from './types.js';

/** Why a response was not given to any transaction. */
export type UnmatchedReason = 'no-transaction' | 'cseq-method' | 'call-id' | 'no-via-branch';

export interface TransactionLayerDelegate {
  /** Every message received (matched or not), in arrival order. */
  onReceive?(message: AnySipMessage, info: ReceivedInfo): void;
  /** Every request sent by a transaction; `count` > 0 for retransmissions. */
  onSend?(request: SipRequest, count: number): void;
  /** A response that matched no transaction; it was ignored and counted. */
  onUnmatched?(response: SipResponse, reason: UnmatchedReason): void;
  /** A request from the peer (BYE, OPTIONS, a retransmitted INVITE...). The TU answers it. */
  onRequest?(request: SipRequest, info: ReceivedInfo): void;
  onNotice?(notice: TransportNotice): void;
  /** The transport failed or closed; pending transactions were failed with this error. */
  onTransportError?(error: TransportError): void;
}

export interface TransactionLayerOptions {
  clock?: Clock;
  timers?: Partial<TimerSettings>;
  delegate?: TransactionLayerDelegate;
}

export interface TransactionLayerStats {
  /** Responses ignored because they matched no transaction (other branch, Call-ID or CSeq). */
  unmatchedResponses: number;
  /** Responses given to transactions (retransmissions included). */
  matchedResponses: number;
  requestsReceived: number;
  retransmissions: number;
}

/**
 * Owns the client transactions on one transport: creates them, matches responses to them by
 * top Via branch + CSeq method + Call-ID (RFC 3261 §17.1.3; mismatches ignored and counted,
 * never stored), fails them when the transport dies. Memory stays bounded whatever the peer sends:
 * only live transactions are kept.
 */
export class TransactionLayer implements TransactionHost {
  readonly transport: SipTransport;
  readonly clock: Clock;
  readonly timers: TimerSettings;
  readonly stats: TransactionLayerStats = { unmatchedResponses: 0, matchedResponses: 0, requestsReceived: 0, retransmissions: 0 };
  private readonly delegate: TransactionLayerDelegate;
  private readonly live = new Map<string, ClientTransaction>();
  private readonly unsubscribe: () => void;

  constructor(transport: SipTransport, options: TransactionLayerOptions = {}) {
    this.transport = transport;
    this.clock = options.clock ?? systemClock;
    this.timers = timerSettings(options.timers);
    this.delegate = options.delegate ?? {};
    this.unsubscribe = transport.on({
      message: (m, info) => this.onMessage(m, info),
      notice: (n) => this.delegate.onNotice?.(n),
      error: (e) => this.failAll(e),
      close: () => this.failAll(new TransportError('TRANSPORT_ERR_CLOSED', `the ${transport.viaTransport} transport closed`)),
    });
  }

  /** Transactions still running. */
  get size(): number {
    return this.live.size;
  }

  /** Starts a client transaction for `request` (INVITE or non-INVITE; never ACK). */
  request(request: SipRequest, callbacks: TransactionCallbacks = {}): ClientTransaction {
    if (request.method === 'ACK') throw new TransportError('TRANSPORT_ERR_INVALID_STATE', 'ACK is not sent in a client transaction; use sendAck');
    if (this.transport.closed) throw new TransportError('TRANSPORT_ERR_INVALID_STATE', `the ${this.transport.viaTransport} transport is closed`);
    const wrapped: TransactionCallbacks = {
      ...callbacks,
      onSend: (r, n) => {
        if (n > 0) this.stats.retransmissions++;
        this.delegate.onSend?.(r, n);
        callbacks.onSend?.(r, n);
      },
      onAck: (a) => {
        this.delegate.onSend?.(a, 0);
        callbacks.onAck?.(a);
      },
    };
    const tx = request.method === 'INVITE' ? new InviteClientTransaction(this, request, wrapped) : new NonInviteClientTransaction(this, request, wrapped);
    if (!tx.branch) throw new TransportError('TRANSPORT_ERR_INVALID_STATE', 'the request has no Via branch');
    this.live.set(key(tx.branch, tx.method), tx);
    tx.start();
    return tx;
  }

  /** Sends a message outside any client transaction: ACK for a 2xx, responses to peer requests. */
  async sendStateless(message: AnySipMessage): Promise<void> {
    if (message.kind === 'request') this.delegate.onSend?.(message, 0);
    await this.transport.send(message);
  }

  terminated(tx: ClientTransaction): void {
    const k = key(tx.branch, tx.method);
    if (this.live.get(k) === tx) this.live.delete(k);
  }

  /** Fails every live transaction and stops listening (the transport is left to its owner). */
  dispose(): void {
    this.unsubscribe();
    this.failAll(new TransportError('TRANSPORT_ERR_ABORTED', 'the transaction layer was disposed'));
  }

  private failAll(error: TransportError): void {
    if (this.live.size === 0) return;
    this.delegate.onTransportError?.(error);
    for (const tx of [...this.live.values()]) tx.fail(error);
    this.live.clear();
  }

  private onMessage(m: AnySipMessage, info: ReceivedInfo): void {
    this.delegate.onReceive?.(m, info);
    if (m.kind === 'request') {
      this.stats.requestsReceived++;
      this.delegate.onRequest?.(m, info);
      return;
    }
    const reason = this.match(m);
    if (typeof reason === 'string') {
      this.stats.unmatchedResponses++;
      this.delegate.onUnmatched?.(m, reason);
      return;
    }
    this.stats.matchedResponses++;
    reason.receive(m, info);
  }

  private match(r: SipResponse): ClientTransaction | UnmatchedReason {
    const branch = r.branch;
    if (!branch) return 'no-via-branch';
    const method = r.cseq?.method;
    const tx = method ? this.live.get(key(branch, method)) : undefined;
    if (!tx) {
      for (const t of this.live.values()) if (t.branch === branch) return 'cseq-method';
      return 'no-transaction';
    }
    if (r.callId !== tx.request.callId) return 'call-id';
    return tx;
  }
}

function key(branch: string, method: string): string {
  // CANCEL shares the INVITE's branch; the method keeps them apart (RFC 3261 §17.1.3)
  return `${branch}\u0000${method}`;
}
