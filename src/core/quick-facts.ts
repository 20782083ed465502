import type { HeaderField } from './header-field.js';
import { equalsIgnoreCase, PARAM_AT, paramAt } from './syntax/params.js';

/**
 * Fast paths for the facts every tool asks for first (From/To tag, top Via branch): the value a
 * full parse would give, read straight from the field text when its shape is plain, without
 * building the NameAddr/Via/ParamList objects. They answer `false` whenever the text is not
 * plain enough to be sure (quotes, no <...>, an unusual Via start), and the caller then does the
 * full parse; test/core/quick-facts.test.ts checks both agree on every fixture and on mutations.
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
    const { stop, eq, ns, ne } = PARAM_AT;
    let vs = -1;
    if (eq >= 0) {
      vs = eq + 1;
      while (vs < stop && isWs(s.charCodeAt(vs))) vs++;
      // a quoted value may hold ";": only the full reader knows where it ends
      if (vs < end && s.charCodeAt(vs) === 34) return false;
    }
    if (ne - ns === name.length && equalsIgnoreCase(s.slice(ns, ne), name)) {
      if (eq < 0) return null;
      let ve = stop;
      while (ve > vs && isWs(s.charCodeAt(ve - 1))) ve--;
      return s.slice(vs, ve);
    }
    i = stop;
  }
}

/** The tag of a From or To field written as name-addr without quotes; false: parse it fully. */
export function quickTag(field: HeaderField): string | null | false {
  const s = field.lexValue;
  if (s.indexOf('"') >= 0) return false;
  const lt = s.indexOf('<');
  if (lt < 0) return false;
  const gt = s.indexOf('>', lt + 1);
  if (gt < 0) return null;
  return quickParam(s, gt + 1, s.length, 'tag');
}

/** SIP/2.0/transport, whitespace, then a plain host (name, IPv4 or [IPv6]) and optional port. */
const PLAIN_VIA = /SIP\/2\.0\/[A-Za-z]+[ \t]+(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::[0-9]+)?/y;

/** The branch of the first Via value of a field of plain shape; false: parse it fully. */
export function quickBranch(field: HeaderField): string | null | false {
  const s = field.lexValue;
  let i = 0;
  while (i < s.length && isWs(s.charCodeAt(i))) i++;
  PLAIN_VIA.lastIndex = i;
  if (!PLAIN_VIA.test(s)) return false;
  const from = PLAIN_VIA.lastIndex;
  let end = s.indexOf(',', from);
  if (end < 0) end = s.length;
  // quotes and <...> change where the list splits: only the full reader knows
  const q = s.indexOf('"', from);
  if (q >= 0 && q < end) return false;
  const lt = s.indexOf('<', from);
  if (lt >= 0 && lt < end) return false;
  // readList trims the element: trailing whitespace before the comma is not part of a value
  while (end > from && isWs(s.charCodeAt(end - 1))) end--;
  // the host must end where the parameters (or the value) start; anything else: parse fully
  let j = from;
  while (j < end && isWs(s.charCodeAt(j))) j++;
  if (j < end && s.charCodeAt(j) !== 59) return false;
  return quickParam(s, from, end, 'branch');
}
