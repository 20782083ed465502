import { seededRandom } from '../../src/core/ids.js';
import { srvDeterministicOrder, srvProbabilities, srvSelectionProbabilities, srvWeightedOrder, uniformInt } from '../../src/dns/srv-order.js';
import type { SrvRecord } from '../../src/dns/types.js';

const srv = (priority: number, weight: number, target: string): SrvRecord => ({ name: '_sip._udp.x.test', type: 'SRV', ttl: 60, data: { priority, weight, port: 5060, target } });

/** How often each target comes first over many RFC 2782 draws (seeded: deterministic). */
function firstPicks(records: SrvRecord[], draws: number, seed: number): Map<string, number> {
  const random = seededRandom(seed);
  const counts = new Map<string, number>();
  for (let i = 0; i < draws; i++) {
    const first = srvWeightedOrder(records, random)[0]!.data.target;
    counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  return counts;
}

describe('RFC 2782 ordering and selection probabilities', () => {
  it('probabilities of a priority add up to 1 and follow the weights', () => {
    for (const ws of [[60, 40], [1, 1, 1], [0, 10, 30], [0, 0], [5], [65535, 1]]) {
      const p = srvProbabilities(ws);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (let i = 0; i < ws.length; i++) for (let j = 0; j < ws.length; j++) if (ws[i]! > ws[j]!) expect(p[i]!).toBeGreaterThan(p[j]!);
    }
  });

  it.each([
    ['60/40', [srv(10, 60, 'a'), srv(10, 40, 'b')]],
    ['a zero weight among weighted', [srv(10, 0, 'a'), srv(10, 10, 'b'), srv(10, 30, 'c')]],
    ['all zero', [srv(10, 0, 'a'), srv(10, 0, 'b'), srv(10, 0, 'c')]],
    ['two priorities', [srv(10, 1, 'a'), srv(10, 3, 'b'), srv(20, 50, 'c')]],
  ])('the weighted draw picks each record first as often as its stated probability (%s)', (_label, records) => {
    const draws = 20000;
    const counts = firstPicks(records, draws, 7);
    const p = srvSelectionProbabilities(records);
    const top = Math.min(...records.map((r) => r.data.priority));
    records.forEach((r, i) => {
      const expected = r.data.priority === top ? p[i]! : 0;
      expect((counts.get(r.data.target) ?? 0) / draws).toBeCloseTo(expected, 1.6);
    });
  });

  it('a lower priority value always comes before a higher one', () => {
    const records = [srv(20, 100, 'late'), srv(10, 1, 'early'), srv(30, 0, 'last')];
    const random = seededRandom(3);
    for (let i = 0; i < 200; i++) expect(srvWeightedOrder(records, random).map((r) => r.data.target)).toEqual(['early', 'late', 'last']);
  });

  it('the deterministic order is priority, then heavier weight, then as served', () => {
    const ordered = srvDeterministicOrder([srv(20, 5, 'd'), srv(10, 10, 'b'), srv(10, 90, 'a'), srv(10, 10, 'c')]);
    expect(ordered.map((r) => r.data.target)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('probabilities do not depend on the order the server served the records', () => {
    const a = [srv(10, 60, 'x'), srv(10, 40, 'y')];
    const b = [a[1]!, a[0]!];
    expect(srvSelectionProbabilities(a)).toEqual([...srvSelectionProbabilities(b)].reverse());
  });

  it('uniformInt stays in range and covers it', () => {
    const random = seededRandom(11);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const v = uniformInt(random, 6);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(6);
      seen.add(v);
    }
    expect(seen.size).toBe(7);
    expect(uniformInt(random, 0)).toBe(0);
  });
});
