import { Canceller } from '../../src/transport/cancel.js';
import { sleep, systemClock } from '../../src/transport/clock.js';

describe('Canceller', () => {
  it('fires each listener once on the first abort, with an AbortError reason by default', () => {
    const c = new Canceller();
    const calls: string[] = [];
    const a = (): void => void calls.push('a');
    c.signal.addEventListener('abort', a, { once: true });
    c.signal.addEventListener('abort', a); // the same listener twice: once, as EventTarget does
    c.signal.addEventListener('abort', () => calls.push('b'));
    const removed = (): void => void calls.push('removed');
    c.signal.addEventListener('abort', removed);
    c.signal.removeEventListener('abort', removed);
    expect(c.signal.aborted).toBe(false);
    expect(() => c.signal.throwIfAborted()).not.toThrow();
    c.abort();
    c.abort('again');
    expect(calls).toEqual(['a', 'b']);
    expect(c.signal.aborted).toBe(true);
    expect(c.signal.reason).toMatchObject({ name: 'AbortError' });
    expect(() => c.signal.throwIfAborted()).toThrow('This operation was aborted');
  });

  it('keeps the reason it was given', () => {
    const c = new Canceller();
    c.abort('stop');
    expect(c.signal.reason).toBe('stop');
  });

  it('cancels a sleep like an AbortSignal does', async () => {
    for (const make of [() => new Canceller(), () => new AbortController()]) {
      const c = make();
      const p = sleep(systemClock, 60_000, c.signal);
      c.abort('cancelled');
      await expect(p).rejects.toBe('cancelled');
    }
  });
});
