import { setFlagsFromString } from 'node:v8';

/**
 * Bounds how far V8 lets its old generation grow while explain reads a capture. The calls it
 * holds (until their end, plus a grace period for late retransmissions) outlive the young
 * generation and die in the old one; V8 then sets its next full collection at up to about four
 * times what the last one kept, and a full collection that ran while much was held let a 64 MB
 * capture peak at 520 to 600 MB instead of 230 to 260 MB (most runs, by chance). A growing factor
 * of 2 keeps the peak at 180 to 205 MB, for a few more full collections (about 3% more CPU).
 * Returns the function that restores V8's own heuristic: the flag is global to the process, and
 * it also enters the hash V8 checks code caches against (bin/siptool.cjs writes one at exit when
 * the build trains it).
 */
export function limitHeapGrowth(): () => void {
  setFlagsFromString('--heap-growing-percent=100');
  return () => setFlagsFromString('--heap-growing-percent=0');
}
