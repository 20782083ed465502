import type { RandomSource } from '../core/ids.js';
import type { SrvData } from './types.js';

/**
 * RFC 2782 "Usage rules": lower priority first; within a priority, weighted random selection:
 * the zero-weight records go first, a number is drawn uniformly from 0..sum (inclusive) and the
 * first record whose running sum reaches it is taken; repeat with the rest.
 */

/** Records by priority, then by weight (heaviest first), then as served: the most likely order. */
export function srvDeterministicOrder<T extends { data: SrvData }>(records: readonly T[]): T[] {
  return records
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.data.priority - b.r.data.priority || b.r.data.weight - a.r.data.weight || a.i - b.i)
    .map((x) => x.r);
}

/**
 * The chance that each record is tried first among those of its priority, by the RFC 2782
 * algorithm. With S the sum of weights, a record of weight w > 0 wins the draws that land on its
 * part of the running sum: w / (S + 1). The draw of 0 goes to the zero-weight records, which the
 * RFC puts first (shared equally: their order is left open), or, with none, to whichever record
 * is arranged first; the arrangement is "any order", so that share is spread evenly too (which
 * is what srvWeightedOrder does by shuffling). With all weights 0 every record has 1/n.
 */
export function srvProbabilities(weights: readonly number[]): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 1 / n);
  const zeros = weights.filter((w) => w === 0).length;
  return weights.map((w) => (w > 0 ? (w + (zeros === 0 ? 1 / n : 0)) / (sum + 1) : 1 / (sum + 1) / zeros));
}

/** Per record (same order as given): its chance of being tried first within its priority. */
export function srvSelectionProbabilities<T extends { data: SrvData }>(records: readonly T[]): number[] {
  const out = new Array<number>(records.length).fill(0);
  const byPrio = new Map<number, number[]>();
  records.forEach((r, i) => {
    const list = byPrio.get(r.data.priority) ?? [];
    list.push(i);
    byPrio.set(r.data.priority, list);
  });
  for (const idx of byPrio.values()) {
    const p = srvProbabilities(idx.map((i) => records[i]!.data.weight));
    idx.forEach((i, k) => (out[i] = p[k]!));
  }
  return out;
}

/** A uniform integer in 0..max (inclusive) from a byte source, by rejection (no modulo bias). */
export function uniformInt(random: RandomSource, max: number): number {
  if (max <= 0) return 0;
  const range = max + 1;
  const limit = Math.floor(0x100000000 / range) * range;
  for (let i = 0; i < 64; i++) {
    const x = random(4).readUInt32BE(0);
    if (x < limit) return x % range;
  }
  return random(4).readUInt32BE(0) % range;
}

/** One random RFC 2782 ordering (what a client does on each new request). */
export function srvWeightedOrder<T extends { data: SrvData }>(records: readonly T[], random: RandomSource): T[] {
  const prios = [...new Set(records.map((r) => r.data.priority))].sort((a, b) => a - b);
  const out: T[] = [];
  for (const p of prios) {
    const group = records.filter((r) => r.data.priority === p);
    // "arrange in any order, except that the zero-weight ones go first": a random arrangement,
    // so the outcome does not depend on the order the DNS server happened to serve
    const left = [...shuffle(group.filter((r) => r.data.weight === 0), random), ...shuffle(group.filter((r) => r.data.weight > 0), random)];
    while (left.length > 0) {
      const sum = left.reduce((a, r) => a + r.data.weight, 0);
      const pick = uniformInt(random, sum);
      let running = 0;
      let chosen = left.length - 1;
      for (let i = 0; i < left.length; i++) {
        running += left[i]!.data.weight;
        if (running >= pick) {
          chosen = i;
          break;
        }
      }
      out.push(left.splice(chosen, 1)[0]!);
    }
  }
  return out;
}

function shuffle<T>(items: T[], random: RandomSource): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = uniformInt(random, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
