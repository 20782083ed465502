/**
 * Domain names as siptool handles them: lower case, no trailing dot, printable. Names decoded
 * from the wire can hold any octet; they are shown with dig-style \DDD escapes so that nothing a
 * hostile server sends reaches the terminal raw.
 */

/** Lower case, trailing dot removed, "" → ".". */
export function normalizeName(name: string): string {
  const n = name.toLowerCase().replace(/\.$/, '');
  return n === '' ? '.' : n;
}

/**
 * Replaces every character outside printable ASCII by \DDD (dig style), and the backslash too
 * unless `backslash` is false (for text that is escaped already).
 */
export function escapeName(text: string, backslash = true): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c > 0x20 && c < 0x7f && (c !== 0x5c || !backslash)) out += ch;
    else out += '\\' + String(c).padStart(3, '0');
  }
  return out;
}

/** Like escapeName, for the character-strings of a NAPTR record (spaces allowed). */
export function escapeText(text: string, max = 255): string {
  let out = '';
  for (const ch of text.slice(0, max)) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x20 && c < 0x7f && c !== 0x5c) out += ch;
    else out += '\\' + String(c).padStart(3, '0');
  }
  return out;
}

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * Why a name cannot be queried, or null when it can: at most 253 characters, labels of 1-63
 * letters, digits, "-" or "_" (underscores appear in SRV owners such as _sip._udp).
 */
export function queryNameProblem(name: string): string | null {
  if (name === '.' || name === '') return 'the root name "."';
  if (name.length > 253) return 'longer than 253 characters';
  const labels = name.split('.');
  for (const l of labels) {
    if (l === '') return 'an empty label';
    if (l.length > 63) return `a label longer than 63 characters`;
    if (!LABEL.test(l)) return `"${escapeName(l, false)}" is not a valid DNS label`;
  }
  return null;
}

/**
 * Whether a name is a host name (RFC 952/1123 letters, digits and hyphens; no underscores),
 * which is what an SRV target or NAPTR-derived host must be (RFC 2782 "Target").
 */
export function isHostName(name: string): boolean {
  if (queryNameProblem(name) !== null) return false;
  return name.split('.').every((l) => /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(l));
}
