import { DrawKeeper, worstSeverity } from '../../src/explain/draw-keeper.js';

describe('DrawKeeper: the calls a report draws, at most a limit, the worst first', () => {
  it('keeps every call under the limit, handed back in input order', () => {
    const k = new DrawKeeper<string>(10);
    k.add(5, 0, 'e');
    k.add(1, 3, 'a');
    k.add(3, 1, 'c');
    expect(k.values()).toEqual(['a', 'c', 'e']);
    expect([k.seenCalls, k.droppedCalls]).toEqual([3, 0]);
  });

  it('past the limit a worse call takes the place of the latest of the least severe ones', () => {
    const k = new DrawKeeper<string>(3);
    k.add(0, 1, 'info-0');
    k.add(1, 0, 'clean-1');
    k.add(2, 0, 'clean-2');
    k.add(3, 3, 'error-3'); // evicts clean-2 (latest clean)
    k.add(4, 2, 'warning-4'); // evicts clean-1
    k.add(5, 2, 'warning-5'); // evicts info-0
    k.add(6, 2, 'warning-6'); // nothing less severe left: left out
    k.add(7, 0, 'clean-7'); // left out
    expect(k.values()).toEqual(['error-3', 'warning-4', 'warning-5']);
    expect([k.seenCalls, k.droppedCalls]).toEqual([8, 5]);
  });

  it('keeps the earliest of equally severe calls', () => {
    const k = new DrawKeeper<number>(2);
    for (let i = 0; i < 5; i++) k.add(i, 3, i);
    expect(k.values()).toEqual([0, 1]);
  });

  it('without a limit keeps everything', () => {
    const k = new DrawKeeper<number>(Number.POSITIVE_INFINITY);
    for (let i = 0; i < 1000; i++) k.add(i, i % 4, i);
    expect(k.values()).toHaveLength(1000);
  });

  it('ranks a group by its worst finding', () => {
    expect(worstSeverity([])).toBe(0);
    expect(worstSeverity([{ severity: 'info' }, { severity: 'warning' }])).toBe(2);
    expect(worstSeverity([{ severity: 'info' }, { severity: 'error' }, { severity: 'warning' }])).toBe(3);
  });
});
