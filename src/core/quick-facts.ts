import { equalsIgnoreCaseAt, PARAM_AT, paramAt } from './syntax/params.js';
import { quotedEnd } from './syntax/quoted-string.js';
import { ALPHA, DIGIT, HEX, is, TOKEN } from './syntax/chars.js';

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
 * Native string searches (indexOf) are used where they can replace loops over charCodeAt: in V8
 * one search costs about as much as a handful of charCodeAt steps. The Via's plain shape is
 * scanned char by char all the same (plainViaEnd).
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

/** What \s matches in a regular expression. */
function isSpace(c: number): boolean {
  if (c <= 255) return c === 32 || (c >= 9 && c <= 13) || c === 160;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** A plain parameter value's chars: anything but ; , " < > and whitespace. */
function isValueChar(c: number): boolean {
  return c !== 59 && c !== 44 && c !== 34 && c !== 60 && c !== 62 && !isSpace(c);
}

/**
 * The plain start of a Via value at s[i]: "SIP/2.0/" (in any case when anyCase), a transport of letters,
 * spaces or tabs, a host (name or IPv4 of letters, digits, dots and dashes, or [IPv6] of hex
 * digits, colons and dots) and an optional :port. The index after it, or -1.
 * (Scanned char by char, not with a regular expression: V8 compiles a pattern at its first use,
 * ~1.5M instructions for PLAIN_VIA_BRANCH, as much as a one-shot probe's whole parse of its
 * answer; quickBranch uses the pattern only once warm. test/core/quick-facts.test.ts compares
 * the scanners with the patterns on random text.)
 */
export function plainViaEnd(s: string, i: number, anyCase = false): number {
  const n = s.length;
  if (i + 8 > n) return -1;
  const fold = anyCase ? 32 : 0;
  if ((s.charCodeAt(i) | fold) !== (83 | fold) || (s.charCodeAt(i + 1) | fold) !== (73 | fold) || (s.charCodeAt(i + 2) | fold) !== (80 | fold)) return -1;
  if (s.charCodeAt(i + 3) !== 47 || s.charCodeAt(i + 4) !== 50 || s.charCodeAt(i + 5) !== 46 || s.charCodeAt(i + 6) !== 48 || s.charCodeAt(i + 7) !== 47) return -1;
  let j = i + 8;
  const transport = j;
  while (j < n && is(s.charCodeAt(j), ALPHA)) j++;
  if (j === transport) return -1;
  const space = j;
  while (j < n && (s.charCodeAt(j) === 32 || s.charCodeAt(j) === 9)) j++;
  if (j === space) return -1;
  const host = j;
  if (j < n && s.charCodeAt(j) === 91 /* [ */) {
    j++;
    for (let c = s.charCodeAt(j); j < n && (is(c, HEX) || c === 58 || c === 46); c = s.charCodeAt(++j));
    if (j === host + 1 || j >= n || s.charCodeAt(j) !== 93) return -1;
    j++;
  } else {
    for (let c = s.charCodeAt(j); j < n && (is(c, ALPHA | DIGIT) || c === 46 || c === 45); c = s.charCodeAt(++j));
    if (j === host) return -1;
  }
  if (j + 1 < n && s.charCodeAt(j) === 58 && is(s.charCodeAt(j + 1), DIGIT)) {
    j += 2;
    while (j < n && is(s.charCodeAt(j), DIGIT)) j++;
  }
  return j;
}

/** Where plainViaBranch found the value: it ends at s[BRANCH_END.at]. */
export const BRANCH_END = { at: 0 };

/**
 * The usual Via shape: plainViaEnd's start (in any case), parameters of plain names and values, then
 * ";branch=value" ("branch" in any case). The index where the value starts (its end in
 * BRANCH_END.at), or -1. Quotes, "<" and "," are kept out of everything before, so the first
 * value of the list cannot end earlier; plainEnd checks what follows. Reads s to its end, as the
 * pattern did: the caller checks the value's end against the field's.
 */
export function plainViaBranch(s: string, i: number): number {
  const n = s.length;
  let j = plainViaEnd(s, i, true);
  if (j < 0) return -1;
  for (;;) {
    if (j >= n || s.charCodeAt(j) !== 59 /* ; */) return -1;
    j++;
    if (j + 6 <= n && equalsIgnoreCaseAt(s, j, j + 6, 'branch')) {
      if (j + 6 === n) return -1;
      const c = s.charCodeAt(j + 6);
      if (c === 61 /* = */) {
        let e = j + 7;
        while (e < n && isValueChar(s.charCodeAt(e))) e++;
        BRANCH_END.at = e;
        return j + 7;
      }
      // "branch" alone or without a value: not plain; a longer name is an ordinary parameter
      if (c === 59 || c === 44 || isSpace(c)) return -1;
    }
    const name = j;
    while (j < n && is(s.charCodeAt(j), TOKEN)) j++; // a plain name: a token
    if (j === name) return -1;
    if (j < n && s.charCodeAt(j) === 61) {
      j++;
      while (j < n && isValueChar(s.charCodeAt(j))) j++;
    }
  }
}

/**
 * plainViaBranch as one pattern (group 1: the value), made at first use. A process that reads
 * many messages uses it once warm: compiled to machine code, it runs faster than the scanner
 * (~95 against ~130 ns a Via); a process that reads one or two (a one-shot probe) does not pay
 * for compiling it.
 */
let branchPattern: RegExp | undefined;
export function plainViaBranchPattern(): RegExp {
  return (branchPattern ??= /SIP\/2\.0\/[A-Za-z]+[ \t]+(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::[0-9]+)?(?:;(?!branch(?:[=;,\s]|$))[A-Za-z0-9._!%*+`'~-]+(?:=[^;,"<>\s]*)?)*;branch=([^;,"<>\s]*)/iy);
}

/** quickBranch scans its first `warmAfter` Vias, then uses the pattern (settable for tests). */
export const BRANCH_TIER = { calls: 0, warmAfter: 64 };

/** The branch of the first Via value of s[start..end) when its shape is plain; false: parse it fully. */
export function quickBranch(s: string, start: number, end: number): string | null | false {
  let i = start;
  while (i < end && isWs(s.charCodeAt(i))) i++;
  let value: number;
  if (BRANCH_TIER.calls < BRANCH_TIER.warmAfter) {
    BRANCH_TIER.calls++;
    value = plainViaBranch(s, i);
  } else {
    const pattern = branchPattern ?? plainViaBranchPattern();
    pattern.lastIndex = i;
    const m = pattern.exec(s);
    BRANCH_END.at = pattern.lastIndex;
    value = m === null ? -1 : BRANCH_END.at - m[1]!.length;
  }
  if (value >= 0 && plainEnd(s, BRANCH_END.at, end, true)) return s.slice(value, BRANCH_END.at);
  const from = plainViaEnd(s, i);
  if (from < 0 || from > end) return false;
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
