import { latin1ToUtf8 } from './chars.js';

/**
 * Index just after the closing quote of the quoted-string that opens at s[i] (which must be
 * '"'), honouring quoted-pair escapes; -1 when the string is not closed before `end`.
 */
export function quotedEnd(s: string, i: number, end = s.length): number {
  for (let j = i + 1; j < end; j++) {
    const c = s.charCodeAt(j);
    if (c === 92 /* \ */) j++;
    else if (c === 34 /* " */) return j + 1;
  }
  return -1;
}

/** The content of a quoted-string (quotes removed, quoted-pairs resolved, UTF-8 decoded). */
export function unquote(raw: string): string {
  let body = raw.length >= 2 && raw.charCodeAt(0) === 34 && raw.charCodeAt(raw.length - 1) === 34 ? raw.slice(1, -1) : raw;
  if (body.includes('\\')) body = body.replace(/\\([\s\S])/g, '$1');
  return latin1ToUtf8(body);
}

/** A quoted-string for `value` (escapes `"` and `\`). Input and output are JS (UTF-16) strings. */
export function quote(value: string): string {
  return '"' + value.replace(/["\\]/g, '\\$&') + '"';
}
