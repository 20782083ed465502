import type { CancelSignal } from './cancel.js';
import { lightClearTimeout, lightSetTimeout, lightTurn } from './platform-timers.js';
/** An opaque timer handle. */
export type TimerHandle = { readonly __timer: unique symbol } | object;

/**
 * Time and timers, injected so that every timer of the transaction layer and the call engine
 * can be driven by a fake clock in tests (no test waits for real time).
 */
export interface Clock {
  /** Monotonic milliseconds (sub-millisecond precision where available). */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /**
   * Resolves after one turn of the event loop, so that work the runtime has queued (V8 posts
   * its garbage-collection tasks to the loop) runs before a request leaves rather than while it
   * is on the wire, where it would be counted in the RTT. Fake clocks leave it out.
   */
  turn?(): Promise<void>;
}

/**
 * Monotonic milliseconds from process.hrtime: the `performance` global would load perf_hooks (a
 * dozen modules, about a millisecond of a one-shot probe) for the same number.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Wall-clock milliseconds at monotonicMs() = 0, fixed once (Date.now() has whole milliseconds). */
const WALL_ORIGIN = Date.now() - monotonicMs();

/** Wall-clock time in ms with sub-millisecond steps (for captures and RTTs): monotonic within a run. */
export function wallClock(): number {
  return WALL_ORIGIN + monotonicMs();
}

/**
 * Real time. Its timers and loop turns run on V8's task queue rather than Node's timers module
 * (platform-timers.ts: the same behaviour, without compiling Node's timers in a one-shot run).
 */
export const systemClock: Clock = {
  now: monotonicMs,
  setTimeout: lightSetTimeout,
  clearTimeout: lightClearTimeout,
  turn: lightTurn,
};

/** Resolves after `ms` on the given clock (rejects on abort with the signal's reason). */
export function sleep(clock: Clock, ms: number, signal?: CancelSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clock.clearTimeout(h);
      reject(signal!.reason);
    };
    const h = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * RFC 3261 §17 timer values (ms). Defaults: T1 500, T2 4000, T4 5000; Timers B and F 64·T1;
 * Timer D 32 s on UDP (0 on reliable transports); Timer K T4 on UDP (0 on reliable).
 */
export interface TimerSettings {
  t1: number;
  t2: number;
  t4: number;
  /** Timer B / Timer F: when a transaction gives up without a final response (default 64·T1). */
  transactionTimeout: number;
  /** Timer D on unreliable transports (default 32 000, at least 64·T1 is not required). */
  timerD: number;
}

export function timerSettings(partial: Partial<TimerSettings> = {}): TimerSettings {
  const t1 = partial.t1 ?? 500;
  return {
    t1,
    t2: partial.t2 ?? 4000,
    t4: partial.t4 ?? 5000,
    transactionTimeout: partial.transactionTimeout ?? 64 * t1,
    timerD: partial.timerD ?? 32_000,
  };
}

/**
 * The named timers of one transaction (RFC 3261 timer letters: "A", "B", "G", ...): starting a
 * name again replaces it, and `clear()` stops them all when the transaction ends.
 */
export class NamedTimers {
  private readonly handles = new Map<string, TimerHandle>();
  private readonly clock: () => Clock;

  constructor(clock: () => Clock) {
    this.clock = clock;
  }

  start(name: string, ms: number, fn: () => void): void {
    this.cancel(name);
    const clock = this.clock();
    this.handles.set(
      name,
      clock.setTimeout(() => {
        this.handles.delete(name);
        fn();
      }, ms),
    );
  }

  cancel(name: string): void {
    const h = this.handles.get(name);
    if (h !== undefined) {
      this.clock().clearTimeout(h);
      this.handles.delete(name);
    }
  }

  clear(): void {
    const clock = this.clock();
    for (const h of this.handles.values()) clock.clearTimeout(h);
    this.handles.clear();
  }
}
