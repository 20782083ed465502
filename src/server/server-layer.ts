import { BRANCH_COOKIE, type AnySipMessage, type SipRequest, type SipResponse } from '../core/index.js';
import { systemClock, timerSettings, type Clock, type ReceivedInfo, type TimerSettings, type TransportError } from '../transport/index.js';
import type { InboundFlow } from './listener.js';
import { InviteServerTransaction, NonInviteServerTransaction, type ServerTransaction, type ServerTransactionHost } from './server-transaction.js';

export interface ServerLayerDelegate {
  /**
   * A new request: `tx` is its server transaction, or null for an ACK that matched none (the
   * ACK of a 2xx, a transaction of its own for the dialog layer).
   */
  onRequest?(request: SipRequest, info: ReceivedInfo, flow: InboundFlow, tx: ServerTransaction | null): void;
  /** A retransmitted request, absorbed by its transaction (which resent its last response). */
  onRetransmission?(request: SipRequest, info: ReceivedInfo, flow: InboundFlow, tx: ServerTransaction): void;
  /** The ACK of a non-2xx final, matched to its INVITE transaction (`repeated`: a retransmission, absorbed). */
  onAck?(ack: SipRequest, info: ReceivedInfo, flow: InboundFlow, repeated: boolean): void;
  /** A response from the peer (to a request we sent, such as a BYE). */
  onResponse?(response: SipResponse, info: ReceivedInfo, flow: InboundFlow): void;
  /** Every response a transaction put on the wire. */
  onSent?(response: SipResponse, flow: InboundFlow, retransmission: number): void;
  onTransactionEnd?(tx: ServerTransaction, reason: 'normal' | 'no-ack' | 'transport-error'): void;
  onSendFailed?(tx: ServerTransaction, error: TransportError): void;
  /** A request dropped because too many transactions are live (a flood). */
  onOverload?(request: SipRequest, flow: InboundFlow): void;
}

export interface ServerLayerOptions {
  clock?: Clock;
  timers?: Partial<TimerSettings>;
  delegate?: ServerLayerDelegate;
  /** Most live server transactions (default 4096); requests beyond are dropped and counted. */
  maxTransactions?: number;
}

export interface ServerLayerStats {
  requests: number;
  /** Retransmitted requests absorbed by a transaction. */
  absorbed: number;
  /** Responses resent (Timer G, the 2xx timer, or for a retransmitted request). */
  retransmissionsSent: number;
  /** Requests dropped because the transaction table was full. */
  overload: number;
  /** Finals (non-2xx or 2xx) that never got an ACK (Timer H / L). */
  noAck: number;
}

function sentBy(request: SipRequest): string {
  const v = request.topVia;
  return v ? `${v.host.toLowerCase()}:${v.port ?? ''}` : '';
}

/**
 * The key that matches a request to its server transaction (RFC 3261 §17.2.3): top Via branch
 * + sent-by + method, with ACK matching the INVITE; for branches without the magic cookie
 * (RFC 2543 peers) Call-ID, CSeq number, From tag and sent-by instead.
 */
export function serverTransactionKey(request: SipRequest, method = request.method): string {
  const m = method === 'ACK' ? 'INVITE' : method;
  const branch = request.branch;
  if (branch && branch.startsWith(BRANCH_COOKIE)) return `${branch}\u0000${sentBy(request)}\u0000${m}`;
  return `${request.callId ?? ''}\u0000${request.cseq?.seq ?? ''}\u0000${request.fromTag ?? ''}\u0000${sentBy(request)}\u0000${m}`;
}

/**
 * Owns the server transactions of a listener: matches each request to its transaction,
 * absorbs retransmissions (the transaction resends its last response), creates transactions
 * for new requests and hands them to the TU. Memory is bounded by `maxTransactions`.
 */
export class ServerTransactionLayer implements ServerTransactionHost {
  readonly clock: Clock;
  readonly timers: TimerSettings;
  readonly stats: ServerLayerStats = { requests: 0, absorbed: 0, retransmissionsSent: 0, overload: 0, noAck: 0 };
  private readonly delegate: ServerLayerDelegate;
  private readonly live = new Map<string, ServerTransaction>();
  private readonly max: number;

  constructor(options: ServerLayerOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.timers = timerSettings(options.timers);
    this.delegate = options.delegate ?? {};
    this.max = options.maxTransactions ?? 4096;
  }

  get size(): number {
    return this.live.size;
  }

  /** The live transaction for a key (e.g. the INVITE a CANCEL refers to). */
  find(key: string): ServerTransaction | undefined {
    return this.live.get(key);
  }

  /** The INVITE transaction a CANCEL (same branch and sent-by) cancels (§9.2). */
  inviteFor(cancel: SipRequest): InviteServerTransaction | undefined {
    const tx = this.live.get(serverTransactionKey(cancel, 'INVITE'));
    return tx instanceof InviteServerTransaction ? tx : undefined;
  }

  /** Feed every received message here (ListenerEvents.message). */
  receive(message: AnySipMessage, info: ReceivedInfo, flow: InboundFlow): void {
    if (message.kind === 'response') {
      this.delegate.onResponse?.(message, info, flow);
      return;
    }
    const key = serverTransactionKey(message);
    const tx = this.live.get(key);
    if (message.method === 'ACK') {
      if (tx instanceof InviteServerTransaction && (tx.state === 'completed' || tx.state === 'confirmed')) {
        const repeated = tx.state === 'confirmed';
        if (repeated) this.stats.absorbed++;
        this.delegate.onAck?.(message, info, flow, repeated);
        tx.ack();
        return;
      }
      this.stats.requests++;
      this.delegate.onRequest?.(message, info, flow, null);
      return;
    }
    if (tx) {
      this.stats.absorbed++;
      tx.retransmitted();
      this.delegate.onRetransmission?.(message, info, flow, tx);
      return;
    }
    if (this.live.size >= this.max) {
      this.stats.overload++;
      this.delegate.onOverload?.(message, flow);
      return;
    }
    this.stats.requests++;
    const created = message.method === 'INVITE' ? new InviteServerTransaction(this, key, message, flow) : new NonInviteServerTransaction(this, key, message, flow);
    this.live.set(key, created);
    this.delegate.onRequest?.(message, info, flow, created);
  }

  sent(tx: ServerTransaction, response: SipResponse, retransmission: number): void {
    if (retransmission > 0) this.stats.retransmissionsSent++;
    this.delegate.onSent?.(response, tx.flow, retransmission);
  }

  terminated(tx: ServerTransaction, reason: 'normal' | 'no-ack' | 'transport-error'): void {
    if (this.live.get(tx.key) === tx) this.live.delete(tx.key);
    if (reason === 'no-ack') this.stats.noAck++;
    this.delegate.onTransactionEnd?.(tx, reason);
  }

  sendFailed(tx: ServerTransaction, error: TransportError): void {
    this.delegate.onSendFailed?.(tx, error);
  }

  /** Terminates every live transaction (timers stopped). */
  dispose(): void {
    for (const tx of [...this.live.values()]) tx.terminate();
    this.live.clear();
  }
}
