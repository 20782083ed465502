import { is, TOKEN } from '../syntax/chars.js';
import { quotedEnd, unquote } from '../syntax/quoted-string.js';
import type { Report } from '../syntax/report.js';

/**
 * A challenge (WWW-Authenticate, Proxy-Authenticate) or credentials (Authorization,
 * Proxy-Authorization), RFC 3261 §20.27, §20.44, §22.4, RFC 8760, or Authentication-Info
 * (no scheme). Commas inside these values separate auth-params, never header values.
 */
export interface AuthValue {
  /** Auth scheme as written ("Digest"), or "" for Authentication-Info. */
  scheme: string;
  /** auth-params in order; values unquoted. Names are lower-cased in `get`. */
  params: Array<{ name: string; value: string; quoted: boolean }>;
}

export function authParam(a: AuthValue, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const p of a.params) if (p.name.toLowerCase() === lower) return p.value;
  return undefined;
}

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

function readParams(s: string, i: number, end: number, report: Report, out: AuthValue['params']): void {
  let first = true;
  for (;;) {
    while (i < end && isWs(s.charCodeAt(i))) i++;
    if (i >= end) return;
    if (!first) {
      if (s.charCodeAt(i) !== 44 /* , */) {
        report('SIP_HEADER_SYNTAX', `expected "," between auth parameters, found "${s[i]}"`, i);
        return;
      }
      i++;
      while (i < end && isWs(s.charCodeAt(i))) i++;
      if (i < end && s.charCodeAt(i) === 44) {
        report('SIP_EMPTY_LIST_ELEMENT', 'empty auth parameter (",,")', i);
        continue;
      }
    }
    first = false;
    const ns = i;
    while (i < end && is(s.charCodeAt(i), TOKEN)) i++;
    const name = s.slice(ns, i);
    if (name === '') {
      report('SIP_HEADER_SYNTAX', `expected an auth parameter name, found "${s[i]}"`, i);
      return;
    }
    while (i < end && isWs(s.charCodeAt(i))) i++;
    if (i >= end || s.charCodeAt(i) !== 61 /* = */) {
      report('SIP_HEADER_SYNTAX', `auth parameter "${name}" needs "=value"`, i < end ? i : ns);
      return;
    }
    i++;
    while (i < end && isWs(s.charCodeAt(i))) i++;
    if (i < end && s.charCodeAt(i) === 34) {
      const q = quotedEnd(s, i, end);
      if (q < 0) {
        report('SIP_UNTERMINATED_QUOTE', `the value of "${name}" is not closed`, i);
        out.push({ name, value: unquote(s.slice(i, end) + '"'), quoted: true });
        return;
      }
      out.push({ name, value: unquote(s.slice(i, q)), quoted: true });
      i = q;
    } else {
      const vs = i;
      while (i < end && is(s.charCodeAt(i), TOKEN)) i++;
      if (i === vs) report('SIP_HEADER_SYNTAX', `auth parameter "${name}" has no value`, vs);
      out.push({ name, value: s.slice(vs, i), quoted: false });
    }
  }
}

/** Challenge or credentials: `scheme LWS auth-param *(COMMA auth-param)`. */
export function readAuth(s: string, report: Report): AuthValue | null {
  let i = 0;
  const end = s.length;
  while (i < end && isWs(s.charCodeAt(i))) i++;
  const ss = i;
  while (i < end && is(s.charCodeAt(i), TOKEN)) i++;
  if (i === ss) {
    report('SIP_HEADER_SYNTAX', 'the value must start with an auth scheme such as Digest', ss);
    return null;
  }
  const scheme = s.slice(ss, i);
  if (i < end && !isWs(s.charCodeAt(i))) {
    report('SIP_HEADER_SYNTAX', `expected whitespace after the auth scheme "${scheme}"`, i);
    return { scheme, params: [] };
  }
  const params: AuthValue['params'] = [];
  readParams(s, i, end, report, params);
  return { scheme, params };
}

/** Authentication-Info (RFC 3261 §20.6): auth-params without a scheme. */
export function readAuthInfo(s: string, report: Report): AuthValue {
  const params: AuthValue['params'] = [];
  readParams(s, 0, s.length, report, params);
  return { scheme: '', params };
}

/** Parameters whose values are always written quoted (RFC 3261 §25.1, RFC 8760). */
const QUOTED = new Set(['realm', 'domain', 'nonce', 'opaque', 'username', 'uri', 'response', 'cnonce', 'nextnonce', 'rspauth']);

export function formatAuth(a: AuthValue): string {
  const params = a.params
    .map((p) => `${p.name}=${p.quoted || QUOTED.has(p.name.toLowerCase()) ? '"' + p.value.replace(/["\\]/g, '\\$&') + '"' : p.value}`)
    .join(', ');
  return a.scheme === '' ? params : `${a.scheme} ${params}`;
}
