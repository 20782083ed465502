import { is, TOKEN } from './chars.js';
import { quote, quotedEnd, unquote } from './quoted-string.js';
import type { Report } from './report.js';

export interface Param {
  /** The name as written. Lookups are case-insensitive. */
  readonly name: string;
  /** The value (quotes removed and unescaped), or null for a parameter without `=value`. */
  readonly value: string | null;
  /** Whether the value was (or is to be) written as a quoted-string. */
  readonly quoted: boolean;
}

/**
 * An ordered list of `;name=value` parameters (header params, URI params) or URI headers.
 * Order and spelling are kept so the list serializes back as written; names match
 * case-insensitively.
 */
export class ParamList {
  readonly items: Param[];

  constructor(items: Param[] = []) {
    this.items = items;
  }

  get size(): number {
    return this.items.length;
  }

  private find(name: string): Param | undefined {
    const lower = name.toLowerCase();
    for (const p of this.items) if (p.name.length === lower.length && p.name.toLowerCase() === lower) return p;
    return undefined;
  }

  /** The value; null when present without a value; undefined when absent. */
  get(name: string): string | null | undefined {
    return this.find(name)?.value;
  }

  has(name: string): boolean {
    return this.find(name) !== undefined;
  }

  /** Replaces the first parameter of that name (keeping its place) or appends one. */
  set(name: string, value: string | null, quoted = false): this {
    const lower = name.toLowerCase();
    const i = this.items.findIndex((p) => p.name.toLowerCase() === lower);
    const next: Param = { name, value, quoted };
    if (i >= 0) this.items[i] = next;
    else this.items.push(next);
    return this;
  }

  delete(name: string): boolean {
    const lower = name.toLowerCase();
    const before = this.items.length;
    for (let i = this.items.length - 1; i >= 0; i--) if (this.items[i]!.name.toLowerCase() === lower) this.items.splice(i, 1);
    return this.items.length !== before;
  }

  /** Plain object view (lower-case names; the first occurrence wins). */
  toObject(): Record<string, string | null> {
    const o: Record<string, string | null> = {};
    for (const p of this.items) {
      const k = p.name.toLowerCase();
      if (!(k in o)) o[k] = p.value;
    }
    return o;
  }

  /** `;a=1;b;c="x y"` (or with another separator, e.g. '&' for URI headers). */
  format(first = ';', sep = ';'): string {
    let out = '';
    for (let i = 0; i < this.items.length; i++) {
      const p = this.items[i]!;
      out += (i === 0 ? first : sep) + p.name;
      if (p.value !== null) out += '=' + (p.quoted ? quote(p.value) : p.value);
    }
    return out;
  }

  clone(): ParamList {
    return new ParamList(this.items.slice());
  }
}

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

/** gen-value chars: token, plus ':' '[' ']' so hosts and IPv6 addresses (received=) read as one value. */
function isValueChar(c: number): boolean {
  return is(c, TOKEN) || c === 58 || c === 91 || c === 93;
}

/**
 * Reads header parameters `*( SEMI generic-param )` from s[i..end) (RFC 3261 §25.1: SEMI and
 * EQUAL allow whitespace around them). Stops at `end` or at a char that cannot continue the
 * list, and returns the list and the index reached.
 */
export function readHeaderParams(s: string, i: number, end: number, report: Report): { params: ParamList; end: number } {
  const items: Param[] = [];
  for (;;) {
    while (i < end && isWs(s.charCodeAt(i))) i++;
    if (i >= end || s.charCodeAt(i) !== 59 /* ; */) break;
    const semi = i;
    i++;
    while (i < end && isWs(s.charCodeAt(i))) i++;
    const nameStart = i;
    while (i < end && is(s.charCodeAt(i), TOKEN)) i++;
    if (i === nameStart) {
      const c = i < end ? s.charCodeAt(i) : -1;
      if (c === -1 || c === 59 || c === 44) report('SIP_EMPTY_PARAMETER', 'empty parameter (";" with no name)', semi);
      else {
        report('SIP_HEADER_SYNTAX', `unexpected "${s[i]}" where a parameter name should be`, i);
        i = skipToSemi(s, i, end);
      }
      continue;
    }
    const name = s.slice(nameStart, i);
    let j = i;
    while (j < end && isWs(s.charCodeAt(j))) j++;
    if (j < end && s.charCodeAt(j) === 61 /* = */) {
      j++;
      while (j < end && isWs(s.charCodeAt(j))) j++;
      if (j < end && s.charCodeAt(j) === 34) {
        const q = quotedEnd(s, j, end);
        if (q < 0) {
          report('SIP_UNTERMINATED_QUOTE', `the quoted value of parameter "${name}" is not closed`, j);
          items.push({ name, value: unquote(s.slice(j, end) + '"'), quoted: true });
          i = end;
          break;
        }
        items.push({ name, value: unquote(s.slice(j, q)), quoted: true });
        i = q;
      } else {
        const vs = j;
        while (j < end && isValueChar(s.charCodeAt(j))) j++;
        if (j === vs) {
          report('SIP_HEADER_SYNTAX', `parameter "${name}" has "=" but no value`, vs < end ? vs : end);
          items.push({ name, value: '', quoted: false });
        } else {
          items.push({ name, value: s.slice(vs, j), quoted: false });
        }
        i = j;
        const k = skipWsTo(s, i, end);
        if (k < end && s.charCodeAt(k) !== 59) {
          report('SIP_HEADER_SYNTAX', `unexpected "${s[k]}" in the value of parameter "${name}"`, k);
          i = skipToSemi(s, k, end);
        }
      }
    } else {
      items.push({ name, value: null, quoted: false });
      if (j < end && s.charCodeAt(j) !== 59) {
        report('SIP_HEADER_SYNTAX', `unexpected "${s[j]}" after parameter "${name}"`, j);
        i = skipToSemi(s, j, end);
      }
    }
  }
  return { params: new ParamList(items), end: i };
}

function skipWsTo(s: string, i: number, end: number): number {
  while (i < end && isWs(s.charCodeAt(i))) i++;
  return i;
}

function skipToSemi(s: string, i: number, end: number): number {
  while (i < end && s.charCodeAt(i) !== 59) {
    if (s.charCodeAt(i) === 34) {
      const q = quotedEnd(s, i, end);
      i = q < 0 ? end : q;
    } else i++;
  }
  return i;
}
