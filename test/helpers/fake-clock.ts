import type { Clock, TimerHandle } from '../../src/transport/index.js';

interface Pending {
  id: number;
  at: number;
  fn: () => void;
}

/** A Clock whose time moves only when the test says so. Timers fire in time order. */
export class FakeClock implements Clock {
  private t = 0;
  private seq = 0;
  private pending: Pending[] = [];

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const p = { id: ++this.seq, at: this.t + Math.max(0, ms), fn };
    this.pending.push(p);
    return p;
  }

  clearTimeout(h: TimerHandle): void {
    this.pending = this.pending.filter((p) => p !== h);
  }

  get timers(): number {
    return this.pending.length;
  }

  /** Advances time by `ms`, firing every timer due on the way (and letting promises settle). */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await flush();
      this.pending.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.pending[0];
      if (!next || next.at > end) break;
      this.pending.shift();
      this.t = next.at;
      next.fn();
    }
    this.t = end;
    await flush();
  }
}

/** Lets pending promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise((r) => setImmediate(r));
}
