/**
 * Cancellation as siptool's transports and probes read it: the part of the DOM AbortSignal they
 * use, so a real AbortSignal is one (callers of the library pass theirs), and {@link Canceller}
 * is a small one of siptool's own. Why its own: Node's AbortController and the first
 * addEventListener on its signal cost ~1 ms of CPU in a fresh process (internal code compiled on
 * first use), a noticeable part of a one-shot `siptool probe` (docs/startup.md).
 */
export interface CancelSignal {
  readonly aborted: boolean;
  readonly reason?: unknown;
  throwIfAborted(): void;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Like AbortController: `signal` fires its listeners once, on the first abort(). */
export class Canceller {
  readonly signal: CancelSignal;
  private readonly state: { aborted: boolean; reason: unknown; listeners: Array<() => void> } = { aborted: false, reason: undefined, listeners: [] };

  constructor() {
    const s = this.state;
    this.signal = {
      get aborted() {
        return s.aborted;
      },
      get reason() {
        return s.reason;
      },
      throwIfAborted() {
        if (s.aborted) throw s.reason;
      },
      // every listener is called once: a signal aborts only once
      addEventListener(_type, listener) {
        if (!s.listeners.includes(listener)) s.listeners.push(listener);
      },
      removeEventListener(_type, listener) {
        const i = s.listeners.indexOf(listener);
        if (i >= 0) s.listeners.splice(i, 1);
      },
    };
  }

  /** Aborts with `reason` (default: an AbortError, as AbortController's); later calls do nothing. */
  abort(reason?: unknown): void {
    const s = this.state;
    if (s.aborted) return;
    s.aborted = true;
    s.reason = reason ?? Object.assign(new Error('This operation was aborted'), { name: 'AbortError', code: 20 });
    const listeners = s.listeners.splice(0);
    for (const l of listeners) l();
  }
}
