import type { Clock } from '../transport/index.js';

/**
 * Requests per source address in one-second windows: beyond `perSecond` they are dropped (a
 * flood from one peer must not starve the others). Memory is bounded: at most `maxSources`
 * addresses are tracked; when full, the table starts over.
 */
export class SourceRateLimit {
  private readonly clock: Clock;
  private readonly perSecond: number;
  private readonly maxSources: number;
  private readonly windows = new Map<string, { start: number; count: number }>();
  /** Requests dropped so far. */
  dropped = 0;

  constructor(clock: Clock, perSecond: number, maxSources = 4096) {
    this.clock = clock;
    this.perSecond = perSecond;
    this.maxSources = maxSources;
  }

  /** True when a request from `address` may go on. */
  allow(address: string): boolean {
    const now = this.clock.now();
    let w = this.windows.get(address);
    if (!w || now - w.start >= 1000) {
      if (!w && this.windows.size >= this.maxSources) this.windows.clear();
      w = { start: now, count: 0 };
      this.windows.set(address, w);
    }
    if (++w.count <= this.perSecond) return true;
    this.dropped++;
    return false;
  }
}
