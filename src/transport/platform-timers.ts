/**
 * Timers on V8's own task queue (Atomics.waitAsync) instead of Node's timers module, for the
 * clock of one-shot runs: a probe sets a transaction's Timers E and F and clears them a
 * millisecond later, and the first setTimeout, clearTimeout and setImmediate of a process make V8
 * compile about forty functions of Node's timers, linked lists, priority queue and async_hooks
 * (~3M instructions, ~1 ms of a 40 ms start). A waitAsync with a timeout is a delayed task of
 * V8's platform, which Node runs on its loop like a timer, and whose promise callbacks run at
 * once after it (docs/startup.md).
 *
 * One difference: Node's platform timers do not keep the process alive. A light timer is meant
 * for waits beside open sockets (a transaction's timers while its socket listens), but nothing is
 * lost when none is open: when the loop is about to end ('beforeExit') with light timers
 * pending, they move to Node's timers. Without Atomics.waitAsync (older runtimes) Node's timers
 * serve throughout.
 */

type WaitAsync = (cell: Int32Array, index: number, value: number, timeoutMs?: number) => { async: boolean; value: Promise<'ok' | 'timed-out' | 'not-equal'> | string };

const waitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;

/** A pending light timer (the handle the clock hands out). */
interface LightTimer {
  readonly cell: Int32Array;
  readonly fn: () => void;
  /** Monotonic milliseconds when it is due, for a move to Node's timers. */
  readonly due: number;
  /** Fired, cleared, or moved to `node`. */
  done: boolean;
  node: NodeJS.Timeout | undefined;
}

const pending = new Set<LightTimer>();
let guarded = false;

/** Whether this runtime has light timers (else lightSetTimeout is Node's setTimeout). */
export const hasLightTimers = typeof waitAsync === 'function';

const monotonic = (): number => Number(process.hrtime.bigint()) / 1e6;

/** setTimeout on V8's task queue. */
export function lightSetTimeout(fn: () => void, ms: number): object {
  if (!waitAsync || !(ms > 0)) return { node: setTimeout(fn, ms) };
  const t: LightTimer = { cell: new Int32Array(new SharedArrayBuffer(4)), fn, due: monotonic() + ms, done: false, node: undefined };
  const r = waitAsync(t.cell, 0, 0, ms);
  if (typeof r.value === 'string') return { node: setTimeout(fn, ms) }; // not a wait (cannot happen: the cell is 0)
  pending.add(t);
  if (!guarded) {
    guarded = true;
    process.on('beforeExit', moveToNodeTimers);
  }
  r.value.then((outcome) => {
    if (outcome !== 'timed-out' || t.done) return;
    t.done = true;
    pending.delete(t);
    fn();
  });
  return t;
}

export function lightClearTimeout(handle: object): void {
  const h = handle as Partial<LightTimer>;
  if (h.node !== undefined) clearTimeout(h.node);
  if (h.cell === undefined || h.done) return;
  h.done = true;
  pending.delete(h as LightTimer);
  // wakes the wait now rather than at its timeout (its promise then says 'ok')
  Atomics.notify(h.cell, 0);
}

/**
 * Resolves once V8's task queue has run what was queued before it (V8 posts its garbage
 * collection work there): a wait woken at once, whose promise V8 resolves in a task of its own.
 */
export function lightTurn(): Promise<void> {
  if (!waitAsync) return new Promise((resolve) => setImmediate(resolve));
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const r = waitAsync(cell, 0, 0);
  Atomics.notify(cell, 0);
  return typeof r.value === 'string' ? Promise.resolve() : r.value.then(() => undefined);
}

/** The loop is about to end with light timers pending: Node's timers keep it alive for them. */
function moveToNodeTimers(): void {
  const now = monotonic();
  for (const t of pending) {
    pending.delete(t);
    Atomics.notify(t.cell, 0);
    t.node = setTimeout(() => {
      if (t.done) return;
      t.done = true;
      t.fn();
    }, Math.max(0, t.due - now));
  }
}
