import { equalsIgnoreCaseAt, PARAM_AT, paramAt } from './syntax/params.js';
import { quotedEnd } from './syntax/quoted-string.js';

/**
 * Fast paths for the facts every tool asks for first (From/To tag, top Via branch, Call-ID):
 * the value a full parse would give, read straight from the value text s[start..end) without
 * building the HeaderField/NameAddr/Via/ParamList objects. `s` is a field's lexValue, or the
 * message's head text when the field is one unfolded line (s[start..end) is then exactly what
 * lexValue would be; nothing here reads a character outside it, and a search that runs past
 * `end` counts as "not found"). They answer `false` whenever the text is not plain enough to
 * be sure (quotes, no <...>, an unusual Via start), and the caller then does the full parse.
 * test/core/quick-facts.test.ts checks both agree on every fixture, tricky shapes and mutations.
 *
 * Native string searches (indexOf, sticky regexes) are used rather than loops over charCodeAt:
 * in V8 one search costs about as much as a handful of charCodeAt steps.
 */

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

/**
 * The value of header parameter `name` in s[i..end), read exactly as readHeaderParams reads
 * parameters and ParamList.get finds the first one: a string (possibly empty), null when absent
 * or without a value, false when a quoted value makes a full parse necessary.
 */
export function quickParam(s: string, i: number, end: number, name: string): string | null | false {
  for (;;) {
    while (i < end && isWs(s.charCodeAt(i))) i++;
    if (i >= end || s.charCodeAt(i) !== 59 /* ; */) return null;
    paramAt(s, i, end);
    const stop = PARAM_AT.stop;
    const eq = PARAM_AT.eq;
    let vs = -1;
    if (eq >= 0) {
      vs = eq + 1;
      while (vs < stop && isWs(s.charCodeAt(vs))) vs++;
      // a quoted value may hold ";": only the full reader knows where it ends
      if (vs < end && s.charCodeAt(vs) === 34) return false;
    }
    if (equalsIgnoreCaseAt(s, PARAM_AT.ns, PARAM_AT.ne, name)) {
      if (eq < 0) return null;
      let ve = stop;
      while (ve > vs && isWs(s.charCodeAt(ve - 1))) ve--;
      return s.slice(vs, ve);
    }
    i = stop;
  }
}

/**
 * True when a plain-shape match that ended at p covers what the full reader would read: it
 * ends at the value's end, or (after the wanted parameter) at a ";" (or a "," between Via
 * values). A CR or LF inside the line is not an end: the full reader takes it as whitespace.
 */
function plainEnd(s: string, p: number, end: number, comma: boolean): boolean {
  if (p === end) return true;
  if (p > end) return false;
  const c = s.charCodeAt(p);
  return c === 59 || (comma && c === 44);
}

/**
 * The tag of a From or To value s[start..end) written as name-addr: an optional display name
 * (tokens, or a quoted string first), <uri>, parameters. False for other shapes (addr-spec,
 * quotes elsewhere before the "<", an unclosed quote): parse it fully.
 */
export function quickTag(s: string, start: number, end: number): string | null | false {
  let i = start;
  while (i < end && isWs(s.charCodeAt(i))) i++;
  let lt: number;
  if (i < end && s.charCodeAt(i) === 34) {
    // "display name" <uri>: readNameAddr takes the quoted string, whitespace, then wants "<"
    lt = quotedEnd(s, i, end);
    if (lt < 0) return false;
    while (lt < end && isWs(s.charCodeAt(lt))) lt++;
    if (lt >= end || s.charCodeAt(lt) !== 60) return false;
  } else {
    lt = s.indexOf('<', i);
    if (lt < 0 || lt >= end) return false;
    // a quote before the "<" (not at the start) makes readNameAddr scan differently
    for (let k = i; k < lt; k++) if (s.charCodeAt(k) === 34) return false;
  }
  const gt = s.indexOf('>', lt + 1);
  if (gt < 0 || gt >= end) return null;
  return quickParam(s, gt + 1, end, 'tag');
}

/** SIP/2.0/transport, whitespace, then a plain host (name, IPv4 or [IPv6]) and optional port. */
const PLAIN_VIA = /SIP\/2\.0\/[A-Za-z]+[ \t]+(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::[0-9]+)?/y;

/**
 * The usual Via shape in one regex: PLAIN_VIA, parameters of plain names and values, then
 * `;branch=value` (group 1). Quotes, "<" and "," are kept out of everything before, so the
 * first value of the list cannot end earlier; plainEnd checks what follows.
 */
const PLAIN_VIA_BRANCH = /SIP\/2\.0\/[A-Za-z]+[ \t]+(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::[0-9]+)?(?:;(?!branch(?:[=;,\s]|$))[A-Za-z0-9._!%*+`'~-]+(?:=[^;,"<>\s]*)?)*;branch=([^;,"<>\s]*)/iy;

/** The branch of the first Via value of s[start..end) when its shape is plain; false: parse it fully. */
export function quickBranch(s: string, start: number, end: number): string | null | false {
  let i = start;
  while (i < end && isWs(s.charCodeAt(i))) i++;
  PLAIN_VIA_BRANCH.lastIndex = i;
  const m = PLAIN_VIA_BRANCH.exec(s);
  if (m !== null && plainEnd(s, PLAIN_VIA_BRANCH.lastIndex, end, true)) return m[1]!;
  PLAIN_VIA.lastIndex = i;
  if (!PLAIN_VIA.test(s)) return false;
  const from = PLAIN_VIA.lastIndex;
  if (from > end) return false;
  let stop = s.indexOf(',', from);
  if (stop < 0 || stop > end) stop = end;
  // quotes and <...> change where the list splits: only the full reader knows
  const q = s.indexOf('"', from);
  if (q >= 0 && q < stop) return false;
  const lt = s.indexOf('<', from);
  if (lt >= 0 && lt < stop) return false;
  // readList trims the element: trailing whitespace before the comma is not part of a value
  while (stop > from && isWs(s.charCodeAt(stop - 1))) stop--;
  // the host must end where the parameters (or the value) start; anything else: parse fully
  let j = from;
  while (j < stop && isWs(s.charCodeAt(j))) j++;
  if (j < stop && s.charCodeAt(j) !== 59) return false;
  return quickParam(s, from, stop, 'branch');
}

/** Whitespace as String.prototype.trim sees it, for latin1 text. */
function isTrimmed(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 160;
}

/** The Call-ID as readCallId reads it without checking (the value trimmed). */
export function quickCallId(s: string, start: number, end: number): string {
  while (start < end && isTrimmed(s.charCodeAt(start))) start++;
  while (end > start && isTrimmed(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}
