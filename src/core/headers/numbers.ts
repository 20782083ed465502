import type { Report } from '../syntax/report.js';

/** RFC 3261 limits: CSeq < 2^31, delta-seconds and Expires < 2^32, Max-Forwards 0..255 (§8.1.1.5, §20). */
export const LIMITS = {
  cseq: 2 ** 31 - 1,
  deltaSeconds: 2 ** 32 - 1,
  maxForwards: 255,
  rseq: 2 ** 32 - 1,
} as const;

/**
 * Reads a run of digits from s[start..end) (surrounding whitespace allowed) as a number; leading
 * zeros are legal (RFC 4475 §3.1.1.1). Values above `max` are reported and still returned (as
 * the nearest double), so callers can show what was written.
 */
export function readUnsigned(s: string, start: number, end: number, max: number, what: string, report: Report): number | null {
  let i = start;
  while (i < end && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9 || s.charCodeAt(i) === 13 || s.charCodeAt(i) === 10)) i++;
  let e = end;
  while (e > i && (s.charCodeAt(e - 1) === 32 || s.charCodeAt(e - 1) === 9 || s.charCodeAt(e - 1) === 13 || s.charCodeAt(e - 1) === 10)) e--;
  if (i === e) {
    report('SIP_HEADER_SYNTAX', `${what} is empty`, start);
    return null;
  }
  let n = 0;
  for (let j = i; j < e; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) {
      report('SIP_HEADER_SYNTAX', `${what} "${s.slice(i, e)}" is not a non-negative integer`, j);
      return null;
    }
    n = n * 10 + (c - 48);
  }
  if (n > max) report('SIP_VALUE_OUT_OF_RANGE', `${what} ${s.slice(i, e)} is above the maximum ${max}`, i);
  return n;
}
