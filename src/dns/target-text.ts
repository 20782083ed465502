/**
 * Small readers of target text (`siptool resolve` and `siptool probe`) that answer as the
 * regular expressions beside them in their comments, without compiling one: a one-shot run reads
 * one target, and V8 compiles each pattern at its first use (~0.1M instructions each, a dozen of
 * them before the first packet). test/dns/target-text.test.ts compares each with its pattern.
 */

/** JavaScript's `\s` outside ASCII (ASCII: 9-13 and 32). */
const WIDE_SPACE = /[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

function isSpace(c: number, s: string, i: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c >= 0xa0 && WIDE_SPACE.test(s[i]!);
}

/**
 * Whether `s` holds white space (`\s`) or one of `chars` (ASCII), or "..", when `dots`:
 * `/[\s<chars>]/` (and `|\.\./`).
 */
export function hasMark(s: string, chars: string, dots: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isSpace(c, s, i)) return true;
    if (c < 128 && chars.includes(s[i]!)) return true;
    if (dots && c === 46 && s.charCodeAt(i + 1) === 46) return true;
  }
  return false;
}

const isAlpha = (c: number): boolean => (c | 0x20) >= 97 && (c | 0x20) <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** The URI scheme at the start, lower case: `/^([a-z][a-z0-9+.-]*):/i.exec(s)?.[1]?.toLowerCase()`. */
export function schemeOf(s: string): string | undefined {
  if (!isAlpha(s.charCodeAt(0))) return undefined;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 58) return s.slice(0, i).toLowerCase();
    if (!(isAlpha(c) || isDigit(c) || c === 43 || c === 46 || c === 45)) return undefined;
  }
  return undefined;
}

/** Whether `s` is all ASCII digits, at least one: `/^\d+$/`. */
export function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

/** The user part of a sip:/sips: URI: `/^sips?:([^@;?]+)@/i.exec(s)?.[1] ?? null`. */
export function sipUserOf(s: string): string | null {
  const scheme = schemeOf(s);
  if (scheme !== 'sip' && scheme !== 'sips') return null;
  const start = scheme.length + 1;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 64) return i > start ? s.slice(start, i) : null; // @
    if (c === 59 || c === 63) return null; // ; ?
  }
  return null;
}

/** A line terminator (what `.` does not match): \n, \r, U+2028, U+2029. */
function hasLineTerminator(s: string): boolean {
  return s.includes('\n') || s.includes('\r') || s.includes('\u2028') || s.includes('\u2029');
}

const PREFIXES = ['udp', 'tcp', 'tls', 'ws', 'wss', 'sctp'];

/**
 * A transport-prefixed target ("udp:host:port"): the protocol as written and the rest, as
 * `/^(udp|tcp|tls|ws|wss|sctp):(?!\/\/)(.+)$/i.exec(s)` gives them; null when it does not match.
 */
export function transportPrefix(s: string): { proto: string; rest: string } | null {
  const colon = s.indexOf(':');
  if (colon < 2 || colon > 4 || !PREFIXES.includes(s.slice(0, colon).toLowerCase())) return null;
  const rest = s.slice(colon + 1);
  if (rest === '' || rest.startsWith('//') || hasLineTerminator(rest)) return null;
  return { proto: s.slice(0, colon), rest };
}

/**
 * host or host:port without brackets: `/^([^:[\]]+)(?::(\d+))?$/.exec(s)` as `{ host, port }`
 * (port undefined when absent); null when it does not match.
 */
export function plainHostPort(s: string): { host: string; port: string | undefined } | null {
  const colon = s.indexOf(':');
  const host = colon < 0 ? s : s.slice(0, colon);
  if (host === '' || host.includes('[') || host.includes(']')) return null;
  if (colon < 0) return { host, port: undefined };
  const port = s.slice(colon + 1);
  return isDigits(port) ? { host, port } : null;
}
