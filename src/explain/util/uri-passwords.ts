import { hideUriPasswords } from '../../core/syntax/chars.js';

/**
 * hideUriPasswords (core/syntax/chars.ts), with its regular expression run only when the text
 * can hold a URI password: a colon after "sip"/"sips" (any case), then characters other than
 * white space and :@;<>", then a colon, then characters other than white space and @<>", then
 * an @. A finding's text names URIs without passwords ("sip:+14155550100@host:5060") often, and
 * the expression then tried every position of a long text for nothing.
 */
export function withoutUriPasswords(s: string): string {
  return mayHoldUriPassword(s) ? hideUriPasswords(s) : s;
}

/**
 * Characters that end the user and password parts: only ones the expression's classes leave out
 * too (the ASCII white space of \s, and :@;<>"). A scan that stops at fewer characters can only
 * say "maybe" more often, never miss a match.
 */
function endsUser(c: number): boolean {
  return c === 58 /* : */ || endsPassword(c) || c === 59 /* ; */;
}

function endsPassword(c: number): boolean {
  return c === 64 /* @ */ || c === 60 /* < */ || c === 62 /* > */ || c === 34 /* " */ || c === 32 || (c >= 9 && c <= 13);
}

/** False only when the expression cannot match anywhere in `s`. */
export function mayHoldUriPassword(s: string): boolean {
  for (let colon = s.indexOf(':'); colon >= 0; colon = s.indexOf(':', colon + 1)) {
    if (!afterSipScheme(s, colon)) continue;
    let i = colon + 1;
    while (i < s.length && !endsUser(s.charCodeAt(i))) i++;
    if (i === colon + 1 || s.charCodeAt(i) !== 58) continue;
    i++;
    while (i < s.length && !endsPassword(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) === 64) return true;
  }
  return false;
}

/** Whether "sip" or "sips" (any case) ends just before `colon`. */
function afterSipScheme(s: string, colon: number): boolean {
  let p = colon - 1;
  if (p >= 0 && (s.charCodeAt(p) | 0x20) === 115 /* s */ && p >= 3 && (s.charCodeAt(p - 1) | 0x20) === 112) p--; // "sips"
  return p >= 2 && (s.charCodeAt(p) | 0x20) === 112 /* p */ && (s.charCodeAt(p - 1) | 0x20) === 105 /* i */ && (s.charCodeAt(p - 2) | 0x20) === 115; /* s */
}
