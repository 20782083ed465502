import { is, TOKEN } from '../syntax/chars.js';
import type { Report } from '../syntax/report.js';
import { LIMITS, readUnsigned } from './numbers.js';

/** CSeq (RFC 3261 §20.16): sequence number and method. */
export interface CSeq {
  seq: number;
  method: string;
}

export function readCSeq(s: string, report: Report): CSeq | null {
  return readCSeqIn(s, 0, s.length, report);
}

/** readCSeq over s[start..end) (a value inside a longer text, read in place). */
export function readCSeqIn(s: string, start: number, end: number, report: Report): CSeq | null {
  let i = start;
  while (i < end && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  const ds = i;
  while (i < end && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i === ds) {
    report('SIP_HEADER_SYNTAX', 'CSeq must start with a sequence number', ds);
    return null;
  }
  const seq = readUnsigned(s, ds, i, LIMITS.cseq, 'CSeq number', report);
  const ws = i;
  while (i < end && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9 || s.charCodeAt(i) === 13 || s.charCodeAt(i) === 10)) i++;
  const ms = i;
  while (i < end && is(s.charCodeAt(i), TOKEN)) i++;
  if (ms === i || ms === ws) {
    report('SIP_HEADER_SYNTAX', 'CSeq needs "number METHOD"', ms);
    return seq === null ? null : { seq, method: '' };
  }
  let t = i;
  while (t < end && (s.charCodeAt(t) === 32 || s.charCodeAt(t) === 9)) t++;
  if (t < end) report('SIP_HEADER_SYNTAX', `unexpected "${s[t]}" after the CSeq method`, t);
  return { seq: seq ?? 0, method: s.slice(ms, i) };
}

export function formatCSeq(c: CSeq): string {
  return `${c.seq} ${c.method}`;
}
