import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep, systemClock } from '../../src/transport/clock.js';
import { hasLightTimers, lightClearTimeout, lightSetTimeout, lightTurn } from '../../src/transport/platform-timers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('light timers (V8 task queue instead of Node timers)', () => {
  it('are what this runtime uses (Atomics.waitAsync exists on Node 20)', () => {
    expect(hasLightTimers).toBe(true);
  });

  it('fire once, not before their time, in the order of their due times', async () => {
    const fired: Array<[string, number]> = [];
    const t0 = systemClock.now();
    await new Promise<void>((resolve) => {
      lightSetTimeout(() => fired.push(['b', systemClock.now() - t0]), 60);
      lightSetTimeout(() => fired.push(['a', systemClock.now() - t0]), 20);
      lightSetTimeout(resolve, 120);
    });
    expect(fired.map(([n]) => n)).toEqual(['a', 'b']);
    expect(fired[0]![1]).toBeGreaterThanOrEqual(19);
    expect(fired[1]![1]).toBeGreaterThanOrEqual(59);
  });

  it('do not fire once cleared, and clearing twice or after firing is harmless', async () => {
    const fired: string[] = [];
    const a = lightSetTimeout(() => fired.push('a'), 20);
    const b = lightSetTimeout(() => fired.push('b'), 30);
    lightClearTimeout(a);
    lightClearTimeout(a);
    await sleep(systemClock, 80);
    lightClearTimeout(b);
    expect(fired).toEqual(['b']);
  });

  it('run a zero or negative delay as Node does (a macrotask, clearable)', async () => {
    const fired: string[] = [];
    lightSetTimeout(() => fired.push('zero'), 0);
    const cleared = lightSetTimeout(() => fired.push('cleared'), -5);
    lightClearTimeout(cleared);
    expect(fired).toEqual([]);
    await sleep(systemClock, 20);
    expect(fired).toEqual(['zero']);
  });

  it('turn() resolves after what was queued before it, without a timer', async () => {
    const order: string[] = [];
    const turn = lightTurn().then(() => order.push('turn'));
    void Promise.resolve().then(() => order.push('microtask'));
    await turn;
    expect(order).toEqual(['microtask', 'turn']);
  });

  it('keep the process alive when nothing else does (moved to Node timers before the loop ends)', () => {
    // a child with only light timers: Node's platform timers alone would let it exit at once
    const code = `
      import { lightSetTimeout, lightClearTimeout } from ${JSON.stringify(join(root, 'dist/transport/platform-timers.js'))};
      const t0 = Date.now();
      lightSetTimeout(() => console.log('fired', Date.now() - t0 >= 140), 150);
      lightClearTimeout(lightSetTimeout(() => console.log('cleared one fired'), 100));
      process.on('exit', () => console.log('exit'));
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', timeout: 10_000 });
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['fired true', 'exit']);
  });
});
