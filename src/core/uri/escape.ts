import { HEX, is } from '../syntax/chars.js';

/** True when every "%" in s[start..end) starts a %XX escape. */
export function escapesValid(s: string, start = 0, end = s.length): boolean {
  for (let i = s.indexOf('%', start); i >= 0 && i < end; i = s.indexOf('%', i + 1)) {
    if (i + 2 >= end) return false;
    if (!is(s.charCodeAt(i + 1), HEX) || !is(s.charCodeAt(i + 2), HEX)) return false;
  }
  return true;
}

/**
 * Resolves %XX escapes (RFC 3261 §19.1.2: escaped and unescaped forms are equivalent) and
 * decodes the octets as UTF-8. Escaped NULs survive (RFC 4475 §3.1.1.4). Text without "%"
 * comes back unchanged; a "%" that starts no escape is kept literally.
 */
export function percentDecode(s: string): string {
  if (!s.includes('%')) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 37 && i + 2 < s.length && is(s.charCodeAt(i + 1), HEX) && is(s.charCodeAt(i + 2), HEX)) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(c & 0xff);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Escapes every char outside `allowed` (a char-class test) as %XX of its UTF-8 octets. */
export function percentEncode(s: string, allowed: (code: number) => boolean): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    out += b < 128 && allowed(b) ? String.fromCharCode(b) : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}
