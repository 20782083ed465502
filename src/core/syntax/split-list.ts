import type { Report } from './report.js';

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

/**
 * Splits a header value at the commas that separate list elements (RFC 3261 §7.3.1), skipping
 * commas inside quoted strings and inside <...>. Returns the trimmed elements as a flat list of
 * [start, end) index pairs: [a0, b0, a1, b1, ...]. Empty elements are reported and left out.
 */
export function splitList(s: string, report: Report, start = 0, end = s.length): number[] {
  const out: number[] = [];
  if (s.indexOf(',', start) < 0 || s.indexOf(',', start) >= end) {
    // one element (the common case): just trim it
    let a = start;
    let b = end;
    while (a < b && isWs(s.charCodeAt(a))) a++;
    while (b > a && isWs(s.charCodeAt(b - 1))) b--;
    if (a < b) out.push(a, b);
    return out;
  }
  let elemStart = start;
  let inAngle = false;
  for (let i = start; i <= end; i++) {
    const c = i < end ? s.charCodeAt(i) : 44;
    if (c === 34 /* " */ && !inAngle) {
      let j = i + 1;
      while (j < end) {
        const d = s.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === 34) break;
        else j++;
      }
      i = j; // an unclosed quote swallows the rest; the element parser reports it
      continue;
    }
    if (c === 60 /* < */) inAngle = true;
    else if (c === 62 /* > */) inAngle = false;
    else if (c === 44 /* , */ && (!inAngle || i === end)) {
      let a = elemStart;
      let b = Math.min(i, end);
      while (a < b && isWs(s.charCodeAt(a))) a++;
      while (b > a && isWs(s.charCodeAt(b - 1))) b--;
      if (a === b) {
        // an empty value as a whole is the caller's business; empty elements of a list are not
        if (!(out.length === 0 && i >= end)) report('SIP_EMPTY_LIST_ELEMENT', 'empty element in a comma-separated list', i);
      } else {
        out.push(a, b);
      }
      elemStart = i + 1;
    }
  }
  return out;
}

/** Reads each list element with `read` (see splitList); elements that read as null are dropped. */
export function readList<T>(s: string, report: Report, read: (s: string, a: number, b: number, report: Report) => T | null): T[] {
  return readListIn(s, 0, s.length, report, read);
}

/** readList over s[start..end) (a value inside a longer text, read in place). */
export function readListIn<T>(s: string, start: number, end: number, report: Report, read: (s: string, a: number, b: number, report: Report) => T | null): T[] {
  const comma = s.indexOf(',', start);
  if (comma < 0 || comma >= end) {
    // one element, the usual case: no span list
    let a = start;
    let b = end;
    while (a < b && isWs(s.charCodeAt(a))) a++;
    while (b > a && isWs(s.charCodeAt(b - 1))) b--;
    if (a === b) return [];
    const v = read(s, a, b, report);
    return v === null ? [] : [v];
  }
  const spans = splitList(s, report, start, end);
  const out: T[] = [];
  for (let k = 0; k < spans.length; k += 2) {
    const v = read(s, spans[k]!, spans[k + 1]!, report);
    if (v !== null) out.push(v);
  }
  return out;
}
