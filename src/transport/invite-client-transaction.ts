import type { SipRequest, SipResponse } from '../core/index.js';
import { ClientTransaction, type TransactionCallbacks, type TransactionHost } from './client-transaction.js';
import { ackForNon2xx } from './derived-requests.js';
import type { ReceivedInfo } from './types.js';

/**
 * INVITE client transaction (RFC 3261 §17.1.1 with the RFC 6026 "Accepted" state): Timer A
 * retransmits from T1 doubling (UDP only) while "calling", Timer B gives up; a non-2xx final
 * response is ACKed here with the INVITE's branch and retransmissions of it are ACKed again
 * until Timer D; after a 2xx the transaction stays "accepted" for 64·T1 and hands 2xx
 * retransmissions to the TU, which ACKs them (the ACK for a 2xx is not part of the transaction).
 */
export class InviteClientTransaction extends ClientTransaction {
  private interval = 0;
  private ack: SipRequest | null = null;

  constructor(host: TransactionHost, request: SipRequest, callbacks: TransactionCallbacks = {}) {
    super(host, request, 'calling', callbacks);
  }

  start(): void {
    const { t1, transactionTimeout } = this.host.timers;
    // timers first: nothing left to do between the request leaving and its answer (RTT)
    this.interval = t1;
    if (!this.host.transport.reliable) this.timer('A', this.interval, () => this.timerA());
    this.timer('B', transactionTimeout, () => {
      if (this.state === 'calling') this.timeout('B');
    });
    this.transmit(0);
  }

  private timerA(): void {
    if (this.state !== 'calling') return;
    this.transmit(this.retransmissions + 1);
    this.interval *= 2;
    this.timer('A', this.interval, () => this.timerA());
  }

  receive(response: SipResponse, info: ReceivedInfo): void {
    const s = response.status;
    if (s < 200) {
      if (this.state === 'calling' || this.state === 'proceeding') {
        this.provisionals++;
        if (this.state === 'calling') {
          this.state = 'proceeding';
          this.cancelTimer('A');
          this.cancelTimer('B');
        }
        this.callbacks.onProvisional?.(response, info);
      }
      return;
    }
    if (s < 300) {
      if (this.state === 'calling' || this.state === 'proceeding') {
        this.state = 'accepted';
        this.cancelTimer('A');
        this.cancelTimer('B');
        this.resolve(response, info);
        this.timer('M', 64 * this.host.timers.t1, () => this.terminate());
      } else if (this.state === 'accepted') this.callbacks.on2xxRetransmission?.(response, info);
      return;
    }
    if (this.state === 'calling' || this.state === 'proceeding') {
      this.state = 'completed';
      this.cancelTimer('A');
      this.cancelTimer('B');
      this.ack = ackForNon2xx(this.request, response);
      this.sendAck();
      this.resolve(response, info);
      const d = this.host.transport.reliable ? 0 : this.host.timers.timerD;
      if (d === 0) this.terminate();
      else this.timer('D', d, () => this.terminate());
    } else if (this.state === 'completed') this.sendAck(); // retransmitted final: ACK again
  }

  private sendAck(): void {
    if (!this.ack) return;
    this.callbacks.onAck?.(this.ack);
    this.host.transport.send(this.ack).catch(() => undefined);
  }
}
