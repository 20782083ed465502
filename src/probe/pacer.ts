import type { CancelSignal } from '../transport/cancel.js';
import { sleep, type Clock } from '../transport/clock.js';

/**
 * Keeps at least `minGapMs` between new requests (retransmissions and ACKs are not paced):
 * siptool must never flood a carrier (issue 4, Safety).
 */
export class Pacer {
  private last = -Infinity;
  readonly minGapMs: number;
  private readonly clock: Clock;

  constructor(clock: Clock, minGapMs = 100) {
    this.clock = clock;
    this.minGapMs = Math.max(0, minGapMs);
  }

  /** Waits until the next request may go (rejects only when `signal` aborts). */
  async wait(signal?: CancelSignal): Promise<void> {
    const due = this.last + this.minGapMs - this.clock.now();
    if (due > 0) await sleep(this.clock, due, signal);
    await this.clock.turn?.();
    this.last = this.clock.now();
  }
}
