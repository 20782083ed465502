import { is, TOKEN } from '../syntax/chars.js';
import { ParamList, readHeaderParams } from '../syntax/params.js';
import { quote, quotedEnd, unquote } from '../syntax/quoted-string.js';
import { ignoreProblems, type Report } from '../syntax/report.js';
import { readList } from '../syntax/split-list.js';
import { formatUri } from '../uri/format-uri.js';
import { readUri } from '../uri/parse-uri.js';
import { hostEnd } from '../uri/host.js';
import type { Uri } from '../uri/types.js';

/**
 * name-addr / addr-spec with header parameters (RFC 3261 §20.10, §25.1): the value of From, To,
 * Contact, Route, Record-Route, Reply-To, P-Asserted-Identity, Diversion, Refer-To and friends.
 * The URI is parsed when first read (a proxy that only wants the tag never pays for it).
 */
export class NameAddr {
  /** Display name (unquoted, UTF-8 decoded), or null when there is none. */
  displayName: string | null;
  /** The URI exactly as written (escapes kept). */
  uriText: string;
  /** True for the name-addr form `<uri>`; false for a bare addr-spec. */
  bracketed: boolean;
  private paramsValue: ParamList | undefined;
  /** Where the parameters are in the text, until they are first read (lazy parses only). */
  private paramsText: { s: string; start: number; end: number } | null = null;
  private uriValue: Uri | null | undefined;

  constructor(displayName: string | null, uriText: string, bracketed: boolean, params: ParamList | { s: string; start: number; end: number }, uri?: Uri | null) {
    this.displayName = displayName;
    this.uriText = uriText;
    this.bracketed = bracketed;
    if (params instanceof ParamList) this.paramsValue = params;
    else this.paramsText = params;
    this.uriValue = uri;
  }

  /** Header parameters after the URI (tag, expires, q, ...). */
  get params(): ParamList {
    if (this.paramsValue === undefined) {
      const t = this.paramsText!;
      this.paramsValue = readHeaderParams(t.s, t.start, t.end, ignoreProblems, 'after the address');
      this.paramsText = null;
    }
    return this.paramsValue;
  }

  set params(value: ParamList) {
    this.paramsValue = value;
    this.paramsText = null;
  }

  /** The parsed URI; null when the URI text cannot be read as a URI at all. */
  get uri(): Uri | null {
    if (this.uriValue === undefined) this.uriValue = readUri(this.uriText, 0, this.uriText.length, ignoreProblems);
    return this.uriValue;
  }

  set uri(u: Uri | null) {
    this.uriValue = u;
    this.uriText = u ? formatUri(u) : '';
  }
}

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

/** Reads one name-addr or addr-spec from s[start..end). */
export function readNameAddr(s: string, start: number, end: number, report: Report): NameAddr {
  let i = start;
  while (i < end && isWs(s.charCodeAt(i))) i++;
  let displayName: string | null = null;
  let lt = -1;
  if (i < end && s.charCodeAt(i) === 34 /* " */) {
    const q = quotedEnd(s, i, end);
    if (q < 0) {
      report('SIP_UNTERMINATED_QUOTE', 'the quoted display name is not closed', i);
      lt = s.indexOf('<', i);
      if (lt < 0 || lt >= end) return new NameAddr(unquote(s.slice(i, end) + '"'), '', false, new ParamList(), null);
      displayName = unquote(s.slice(i, trimEndIdx(s, i, lt)) + '"');
    } else {
      displayName = unquote(s.slice(i, q));
      let j = q;
      while (j < end && isWs(s.charCodeAt(j))) j++;
      if (j >= end || s.charCodeAt(j) !== 60 /* < */) {
        report('SIP_HEADER_SYNTAX', 'a quoted display name must be followed by <URI>', j < end ? j : q);
        return new NameAddr(displayName, '', false, new ParamList(), null);
      }
      lt = j;
    }
  } else {
    lt = s.indexOf('<', i);
    if (lt >= end) lt = -1;
    const dq = s.indexOf('"', i);
    if (dq >= 0 && dq < (lt < 0 ? end : lt)) {
      // a quote before any "<" (odd, but "<" inside it must not count): scan properly
      lt = -1;
      for (let j = i; j < end; j++) {
        const c = s.charCodeAt(j);
        if (c === 60) {
          lt = j;
          break;
        }
        if (c === 34) {
          const q = quotedEnd(s, j, end);
          if (q < 0) break;
          j = q - 1;
        }
      }
    }
    if (lt >= 0) {
      const dnEnd = trimEndIdx(s, i, lt);
      if (dnEnd > i) {
        displayName = readTokenDisplayName(s, i, dnEnd, report);
      }
    }
  }
  if (lt < 0) return readAddrSpec(s, i, end, report, displayName);
  const gt = s.indexOf('>', lt + 1);
  if (gt < 0 || gt >= end) {
    report('SIP_HEADER_SYNTAX', 'missing ">" after the URI', lt);
    return new NameAddr(displayName, s.slice(lt + 1, end).trim(), true, new ParamList());
  }
  let us = lt + 1;
  let ue = gt;
  if (isWs(s.charCodeAt(us)) || isWs(s.charCodeAt(ue - 1))) {
    report('SIP_ADDR_SPEC_WHITESPACE', 'whitespace inside <...> around the URI', us);
    while (us < ue && isWs(s.charCodeAt(us))) us++;
    while (ue > us && isWs(s.charCodeAt(ue - 1))) ue--;
  }
  const uri = report === ignoreProblems ? undefined : readUri(s, us, ue, report);
  // without problems to collect, the parameters are read when first asked for
  const params = report === ignoreProblems ? { s, start: gt + 1, end } : readHeaderParams(s, gt + 1, end, report, 'after the address');
  return new NameAddr(displayName, s.slice(us, ue), true, params, uri);
}

function trimEndIdx(s: string, start: number, end: number): number {
  while (end > start && isWs(s.charCodeAt(end - 1))) end--;
  return end;
}

/** display-name = *(token LWS) — anything else must be a quoted-string. */
function readTokenDisplayName(s: string, start: number, end: number, report: Report): string {
  for (let j = start; j < end; j++) {
    const c = s.charCodeAt(j);
    if (!is(c, TOKEN) && !isWs(c)) {
      report('SIP_DISPLAY_NAME_UNQUOTED', `display name "${s.slice(start, end)}" holds "${s[j]}" and must be quoted`, j);
      break;
    }
  }
  return s.slice(start, end).replace(/[ \t\r\n]+/g, ' ');
}

/** addr-spec form: the URI runs to the first ";" (RFC 3261 §20.10), or to whitespace. */
function readAddrSpec(s: string, i: number, end: number, report: Report, displayName: string | null): NameAddr {
  let ue = i;
  while (ue < end) {
    const c = s.charCodeAt(ue);
    if (c === 59 || isWs(c)) break;
    ue++;
  }
  const at = s.indexOf('@', i);
  if (ue < end && s.charCodeAt(ue) === 59 && at > ue && at < end) {
    // sip:user;param=x@host without <>: the ";" belongs to the user part, so the URI needs brackets
    report('SIP_ADDR_SPEC_NEEDS_BRACKETS', 'a URI whose user part holds ";" must be enclosed in <...>', ue);
    ue = hostEnd(s, at + 1, end);
    if (ue < end && s.charCodeAt(ue) === 58) {
      ue++;
      while (ue < end && s.charCodeAt(ue) >= 48 && s.charCodeAt(ue) <= 57) ue++;
    }
  }
  const q = s.indexOf('?', i);
  if (q >= 0 && q < ue) report('SIP_ADDR_SPEC_NEEDS_BRACKETS', 'a URI with headers ("?") must be enclosed in <...>', q);
  const uri = ue === i ? null : report === ignoreProblems ? undefined : readUri(s, i, ue, report);
  if (ue === i) report('SIP_HEADER_SYNTAX', 'no URI found', i);
  const params = readHeaderParams(s, ue, end, report, 'after the address');
  return new NameAddr(displayName, s.slice(i, ue), false, params, uri);
}

/** A comma-separated list of name-addr/addr-spec (Contact, Route, Record-Route, PAI, Diversion, ...). */
export function readNameAddrList(s: string, report: Report): NameAddr[] {
  return readList(s, report, readNameAddr);
}


/** The value of one address: `"Display" <uri>;params`. Always uses <> (safe for any URI). */
export function formatNameAddr(na: NameAddr): string {
  let out = '';
  if (na.displayName !== null && na.displayName !== '') {
    out += (/^[A-Za-z0-9\-.!%*_+`'~]+(?: [A-Za-z0-9\-.!%*_+`'~]+)*$/.test(na.displayName) ? na.displayName : quote(na.displayName)) + ' ';
  }
  out += '<' + (na.uri ? formatUri(na.uri) : na.uriText) + '>';
  return out + na.params.format(';', ';');
}
