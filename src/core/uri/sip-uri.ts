import { DIGIT, HNV_UNRESERVED, is, PARAM_UNRESERVED, PASSWORD, printableClip, UNRESERVED, USER_UNRESERVED } from '../syntax/chars.js';
import { ParamList, type Param } from '../syntax/params.js';
import type { Report } from '../syntax/report.js';
import { escapesValid } from './escape.js';
import { hostEnd, hostType } from './host.js';
import type { SipUri } from './types.js';

const USER_CHARS = UNRESERVED | USER_UNRESERVED;
const PARAM_CHARS = UNRESERVED | PARAM_UNRESERVED;
const HNV_CHARS = UNRESERVED | HNV_UNRESERVED;

function checkChars(s: string, start: number, end: number, flags: number, what: string, report: Report): void {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 37 /* % */) continue;
    if (!is(c, flags)) {
      report('SIP_URI_INVALID', `"${printable(s[i]!)}" is not allowed unescaped in the ${what}`, i);
      return;
    }
  }
  if (!escapesValid(s, start, end)) report('SIP_URI_INVALID', `bad %-escape in the ${what}`, start);
}

export function printable(ch: string): string {
  return printableClip(ch, 8);
}

/**
 * Reads a SIP or SIPS URI from s[start..end), where s[start] is the first char after "sip:" /
 * "sips:". Everything up to `end` belongs to the URI; what does not fit the RFC 3261 §25.1
 * grammar is reported. Returns null only when no host can be found at all.
 */
export function readSipUri(s: string, start: number, end: number, scheme: 'sip' | 'sips', report: Report): SipUri | null {
  let i = start;
  let user: string | null = null;
  let password: string | null = null;
  let at = s.indexOf('@', start);
  if (at >= end) at = -1;
  if (at >= 0) {
    const colon = s.indexOf(':', start);
    const userEnd = colon >= 0 && colon < at ? colon : at;
    user = s.slice(start, userEnd);
    if (user === '') report('SIP_URI_INVALID', 'empty user part before "@"', start);
    checkChars(s, start, userEnd, USER_CHARS, 'user part', report);
    if (userEnd < at) {
      password = s.slice(userEnd + 1, at);
      checkChars(s, userEnd + 1, at, UNRESERVED | PASSWORD, 'password', report);
    }
    i = at + 1;
  }
  const hEnd = hostEnd(s, i, end);
  const host = s.slice(i, hEnd);
  if (host === '') {
    report('SIP_URI_INVALID', 'the URI has no host', i);
    return null;
  }
  const type = hostType(host);
  if (type === null) report('SIP_URI_INVALID', `"${host}" is not a valid host name or IP address`, i);
  i = hEnd;
  let port: number | null = null;
  if (i < end && s.charCodeAt(i) === 58 /* : */) {
    const ps = ++i;
    while (i < end && is(s.charCodeAt(i), DIGIT)) i++;
    if (i === ps) report('SIP_URI_INVALID', 'a ":" after the host must be followed by a port number', ps);
    else {
      port = Number(s.slice(ps, i));
      if (port > 65535) report('SIP_VALUE_OUT_OF_RANGE', `port ${s.slice(ps, i)} is above 65535`, ps);
    }
  }
  const params: Param[] = [];
  while (i < end && s.charCodeAt(i) === 59 /* ; */) {
    const ns = ++i;
    while (i < end && (is(s.charCodeAt(i), PARAM_CHARS) || s.charCodeAt(i) === 37)) i++;
    const name = s.slice(ns, i);
    if (name === '') report('SIP_URI_INVALID', 'empty URI parameter (";;")', ns - 1);
    else if (!escapesValid(name)) report('SIP_URI_INVALID', `bad %-escape in URI parameter "${name}"`, ns);
    let value: string | null = null;
    if (i < end && s.charCodeAt(i) === 61 /* = */) {
      const vs = ++i;
      while (i < end && (is(s.charCodeAt(i), PARAM_CHARS) || s.charCodeAt(i) === 37)) i++;
      value = s.slice(vs, i);
      if (value === '') report('SIP_URI_INVALID', `URI parameter "${name}" has "=" but no value`, vs);
      else if (!escapesValid(value)) report('SIP_URI_INVALID', `bad %-escape in URI parameter "${name}"`, vs);
    }
    params.push({ name, value, quoted: false });
  }
  const headers: Param[] = [];
  if (i < end && s.charCodeAt(i) === 63 /* ? */) {
    do {
      const ns = ++i;
      while (i < end && (is(s.charCodeAt(i), HNV_CHARS) || s.charCodeAt(i) === 37)) i++;
      const name = s.slice(ns, i);
      if (name === '') report('SIP_URI_INVALID', 'empty URI header name', ns);
      let value = '';
      if (i < end && s.charCodeAt(i) === 61) {
        const vs = ++i;
        while (i < end && (is(s.charCodeAt(i), HNV_CHARS) || s.charCodeAt(i) === 37)) i++;
        value = s.slice(vs, i);
      } else {
        report('SIP_URI_INVALID', `URI header "${name}" needs "=value"`, i);
      }
      if (!escapesValid(name) || !escapesValid(value)) report('SIP_URI_INVALID', `bad %-escape in URI header "${name}"`, ns);
      headers.push({ name, value, quoted: false });
    } while (i < end && s.charCodeAt(i) === 38 /* & */);
  }
  if (i < end) report('SIP_URI_INVALID', `unexpected "${printable(s[i]!)}" in the URI`, i);
  return {
    type: 'sip',
    scheme,
    user,
    password,
    host,
    hostType: type ?? 'domain',
    port,
    params: new ParamList(params),
    headers: new ParamList(headers),
  };
}
