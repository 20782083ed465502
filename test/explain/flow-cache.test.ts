import { FlowCache, startFlow } from '../../src/explain/util/flow-cache.js';

describe('FlowCache', () => {
  it('keeps a value for its key while one flow is checked, and drops it when the next starts', () => {
    const cache = new FlowCache<object, number>();
    const a = {};
    const b = {};
    startFlow();
    cache.set(a, 1);
    expect(cache.get(a)).toBe(1);
    expect(cache.get(b)).toBeUndefined();
    startFlow();
    expect(cache.get(a)).toBeUndefined();
    cache.set(b, 2);
    expect(cache.get(b)).toBe(2);
  });

  it('holds at most max entries', () => {
    const cache = new FlowCache<object, number>(2);
    const keys = [{}, {}, {}];
    startFlow();
    keys.forEach((k, i) => cache.set(k, i));
    expect(cache.get(keys[2]!)).toBe(2);
    expect([cache.get(keys[0]!), cache.get(keys[1]!)]).toEqual([undefined, undefined]);
  });
});
