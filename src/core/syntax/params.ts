import { is, TOKEN } from './chars.js';
import { quote, quotedEnd, unquote } from './quoted-string.js';
import { ignoreProblems, type Report } from './report.js';

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
    const items = this.items;
    for (let i = 0; i < items.length; i++) if (equalsIgnoreCase(items[i]!.name, name)) return items[i];
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
    const i = this.items.findIndex((p) => equalsIgnoreCase(p.name, name));
    const next: Param = { name, value, quoted };
    if (i >= 0) this.items[i] = next;
    else this.items.push(next);
    return this;
  }

  delete(name: string): boolean {
    const before = this.items.length;
    for (let i = this.items.length - 1; i >= 0; i--) if (equalsIgnoreCase(this.items[i]!.name, name)) this.items.splice(i, 1);
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

/** ASCII case-insensitive equality without allocating lower-cased copies. */
export function equalsIgnoreCase(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y && ((x | 32) !== (y | 32) || (x | 32) < 97 || (x | 32) > 122)) return false;
  }
  return true;
}

/** equalsIgnoreCase(s.slice(start, end), b) without the slice. */
export function equalsIgnoreCaseAt(s: string, start: number, end: number, b: string): boolean {
  if (end - start !== b.length) return false;
  for (let i = 0; i < b.length; i++) {
    const x = s.charCodeAt(start + i);
    const y = b.charCodeAt(i);
    if (x !== y && ((x | 32) !== (y | 32) || (x | 32) < 97 || (x | 32) > 122)) return false;
  }
  return true;
}

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

/** gen-value chars: token, plus ':' '[' ']' so hosts and IPv6 addresses (received=) read as one value. */
function isValueChar(c: number): boolean {
  return is(c, TOKEN) || c === 58 || c === 91 || c === 93;
}

/** Where the parameter that starts with the ";" at `semi` lies: set by paramAt (no allocation). */
export const PARAM_AT = { stop: 0, eq: -1, ns: 0, ne: 0 };

/** The last search for "=" by paramAt: in which text, from where, and what it found. */
let eqText = '';
let eqFrom = -1;
let eqNext = -1;

/**
 * Bounds of the parameter starting at the ";" at `semi` in s[..end): its end (the next ";" or
 * `end`), its "=" (-1 when none) and its name without surrounding whitespace, in PARAM_AT.
 * Shared by readHeaderParams and the fast paths of core/quick-facts.ts, so both split alike.
 * The "=" found beyond the parameter is remembered, so a long run of parameters without "="
 * does not search the rest of the text once per parameter.
 */
export function paramAt(s: string, semi: number, end: number): void {
  let stop = s.indexOf(';', semi + 1);
  if (stop < 0 || stop > end) stop = end;
  let eq: number;
  if (eqFrom >= 0 && eqFrom <= semi + 1 && (eqNext < 0 || eqNext > semi) && s === eqText) eq = eqNext;
  else {
    eq = s.indexOf('=', semi + 1);
    eqText = s;
    eqFrom = semi + 1;
    eqNext = eq;
  }
  if (eq >= stop) eq = -1;
  let ns = semi + 1;
  let ne = eq >= 0 ? eq : stop;
  while (ns < ne && isWs(s.charCodeAt(ns))) ns++;
  while (ne > ns && isWs(s.charCodeAt(ne - 1))) ne--;
  PARAM_AT.stop = stop;
  PARAM_AT.eq = eq;
  PARAM_AT.ns = ns;
  PARAM_AT.ne = ne;
}

/**
 * Reads header parameters `*( SEMI generic-param )` from s[i..end) (RFC 3261 §25.1: SEMI and
 * EQUAL allow whitespace around them). Delimiters are found with indexOf (fast on long values);
 * names and values are checked character by character only when problems are being collected.
 * Anything left before `end` that is not a parameter is reported as unexpected in `what`.
 */
export function readHeaderParams(s: string, i: number, end: number, report: Report, what: string): ParamList {
  const checking = report !== ignoreProblems;
  const items: Param[] = [];
  for (;;) {
    while (i < end && isWs(s.charCodeAt(i))) i++;
    if (i >= end || s.charCodeAt(i) !== 59 /* ; */) break;
    const semi = i;
    paramAt(s, semi, end);
    const { stop, eq, ns, ne } = PARAM_AT;
    if (ns === ne) {
      if (eq < 0) report('SIP_EMPTY_PARAMETER', 'empty parameter (";" with no name)', semi);
      else report('SIP_HEADER_SYNTAX', 'a parameter has "=" but no name', eq);
      i = stop;
      continue;
    }
    const name = s.slice(ns, ne);
    if (checking) {
      for (let k = ns; k < ne; k++) {
        if (!is(s.charCodeAt(k), TOKEN)) {
          report('SIP_HEADER_SYNTAX', `unexpected "${s[k]}" in parameter name "${name}"`, k);
          break;
        }
      }
    }
    if (eq < 0) {
      items.push({ name, value: null, quoted: false });
      i = stop;
      continue;
    }
    let vs = eq + 1;
    while (vs < stop && isWs(s.charCodeAt(vs))) vs++;
    if (vs < end && s.charCodeAt(vs) === 34 /* " */) {
      const q = quotedEnd(s, vs, end);
      if (q < 0) {
        report('SIP_UNTERMINATED_QUOTE', `the quoted value of parameter "${name}" is not closed`, vs);
        items.push({ name, value: unquote(s.slice(vs, end) + '"'), quoted: true });
        i = end;
        break;
      }
      items.push({ name, value: unquote(s.slice(vs, q)), quoted: true });
      i = q;
      let k = q;
      while (k < end && isWs(s.charCodeAt(k))) k++;
      if (k < end && s.charCodeAt(k) !== 59) {
        report('SIP_HEADER_SYNTAX', `unexpected "${s[k]}" after the value of parameter "${name}"`, k);
        const next = s.indexOf(';', k);
        i = next < 0 || next > end ? end : next;
      }
      continue;
    }
    let ve = stop;
    while (ve > vs && isWs(s.charCodeAt(ve - 1))) ve--;
    if (ve === vs) report('SIP_HEADER_SYNTAX', `parameter "${name}" has "=" but no value`, vs < end ? vs : end);
    else if (checking) {
      for (let k = vs; k < ve; k++) {
        if (!isValueChar(s.charCodeAt(k))) {
          report('SIP_HEADER_SYNTAX', `unexpected "${s[k]}" in the value of parameter "${name}"`, k);
          break;
        }
      }
    }
    items.push({ name, value: s.slice(vs, ve), quoted: false });
    i = stop;
  }
  if (i < end && report !== ignoreProblems) {
    while (i < end && isWs(s.charCodeAt(i))) i++;
    if (i < end) report('SIP_HEADER_SYNTAX', `unexpected "${s[i]}" ${what}`, i);
  }
  return new ParamList(items);
}
