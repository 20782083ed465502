import { is, TOKEN } from '../syntax/chars.js';
import { ParamList, readHeaderParams } from '../syntax/params.js';
import { ignoreProblems, type Report } from '../syntax/report.js';
import { readList } from '../syntax/split-list.js';
import { hostEnd, hostType, isIPv4, isIPv6, type HostType } from '../uri/host.js';

/** One Via value (RFC 3261 §20.42, RFC 3581 rport). */
export interface Via {
  /** Protocol name ("SIP") and version ("2.0") of the sent-protocol. */
  protocol: string;
  version: string;
  /** Transport in upper case: UDP, TCP, TLS, SCTP, WS, WSS or an extension token. */
  transport: string;
  /** sent-by host as written (IPv6 in brackets) and port (null when absent). */
  host: string;
  hostType: HostType;
  port: number | null;
  /** All via-params in order: branch, received, rport, maddr, ttl and extensions. */
  params: ParamList;
}

/** The RFC 3261 magic cookie that starts every compliant branch. */
export const BRANCH_COOKIE = 'z9hG4bK';

/** Host kind without validating it (lazy parsing): brackets, or digits and dots, or a name. */
function roughHostType(host: string): HostType {
  if (host.charCodeAt(0) === 91) return 'ipv6';
  for (let i = 0; i < host.length; i++) {
    const c = host.charCodeAt(i);
    if (c !== 46 && (c < 48 || c > 57)) return 'domain';
  }
  return 'ipv4';
}

/** Upper-cases ASCII only when needed (transports are nearly always written upper-case). */
function upper(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) return s.toUpperCase();
  }
  return s;
}

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

function skipWs(s: string, i: number, end: number): number {
  while (i < end && isWs(s.charCodeAt(i))) i++;
  return i;
}

function readToken(s: string, i: number, end: number): number {
  while (i < end && is(s.charCodeAt(i), TOKEN)) i++;
  return i;
}

/** Reads one via-parm from s[start..end); null when no sent-protocol can be read. */
export function readVia(s: string, start: number, end: number, report: Report): Via | null {
  let i = skipWs(s, start, end);
  let protocol: string;
  let version: string;
  if (s.startsWith('SIP/2.0/', i)) {
    protocol = 'SIP';
    version = '2.0';
    i += 8;
  } else {
    // sent-protocol with LWS around the slashes (RFC 4475 §3.1.1.1), or another protocol
    const a = i;
    i = readToken(s, i, end);
    protocol = s.slice(a, i);
    i = skipWs(s, i, end);
    if (protocol === '' || s.charCodeAt(i) !== 47 /* / */) {
      report('SIP_HEADER_SYNTAX', 'Via needs a sent-protocol such as SIP/2.0/UDP', i < end ? i : start);
      return null;
    }
    i = skipWs(s, i + 1, end);
    const b = i;
    i = readToken(s, i, end);
    version = s.slice(b, i);
    i = skipWs(s, i, end);
    if (version === '' || s.charCodeAt(i) !== 47) {
      report('SIP_HEADER_SYNTAX', 'Via needs a sent-protocol such as SIP/2.0/UDP', i < end ? i : start);
      return null;
    }
    i = skipWs(s, i + 1, end);
    if ((protocol !== 'SIP' && protocol.toUpperCase() !== 'SIP') || version !== '2.0') {
      report('SIP_VERSION_UNSUPPORTED', `Via sent-protocol is ${protocol}/${version}, not SIP/2.0`, start);
    }
  }
  const ts = i;
  i = readToken(s, i, end);
  if (i === ts) {
    report('SIP_HEADER_SYNTAX', 'Via needs a sent-protocol such as SIP/2.0/UDP', ts < end ? ts : start);
    return null;
  }
  const transport = upper(s.slice(ts, i));
  const ws = i;
  i = skipWs(s, i, end);
  if (i === ws) report('SIP_HEADER_SYNTAX', 'Via needs whitespace between the protocol and the sent-by host', i);
  const hs = i;
  i = hostEnd(s, i, end);
  const host = s.slice(hs, i);
  const checking = report !== ignoreProblems;
  const type = host === '' ? null : checking ? hostType(host) : roughHostType(host);
  if (host === '') report('SIP_HEADER_SYNTAX', 'Via has no sent-by host', hs < end ? hs : start);
  else if (type === null) report('SIP_HEADER_SYNTAX', `Via sent-by "${host}" is not a valid host name or IP address`, hs);
  let port: number | null = null;
  const c = skipWs(s, i, end);
  if (c < end && s.charCodeAt(c) === 58 /* : */) {
    i = skipWs(s, c + 1, end);
    const ps = i;
    let n = 0;
    while (i < end) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
      i++;
    }
    if (i === ps) report('SIP_HEADER_SYNTAX', 'Via sent-by has ":" but no port', ps);
    else {
      port = n;
      if (port > 65535) report('SIP_VALUE_OUT_OF_RANGE', `Via port ${s.slice(ps, i)} is above 65535`, ps);
    }
  }
  const params = readHeaderParams(s, i, end, report, 'in Via');
  if (checking) checkViaParams(params, report, start);
  return { protocol, version, transport, host, hostType: type ?? 'domain', port, params };
}

function checkViaParams(params: ParamList, report: Report, at: number): void {
  const ttl = params.get('ttl');
  if (ttl !== undefined && (ttl === null || !/^\d{1,3}$/.test(ttl) || Number(ttl) > 255)) {
    report('SIP_VALUE_OUT_OF_RANGE', `Via ttl "${ttl ?? ''}" is not 0..255`, at);
  }
  const rport = params.get('rport');
  if (rport !== undefined && rport !== null && (!/^\d{1,5}$/.test(rport) || Number(rport) > 65535)) {
    report('SIP_HEADER_SYNTAX', `Via rport "${rport}" is not a port number`, at);
  }
  const received = params.get('received');
  if (received !== undefined) {
    const bare = received !== null && received.startsWith('[') && received.endsWith(']') ? received.slice(1, -1) : received;
    if (bare === null || !(isIPv4(bare) || isIPv6(bare))) {
      report('SIP_HEADER_SYNTAX', `Via received "${received ?? ''}" is not an IP address`, at);
    }
  }
  const branch = params.get('branch');
  if (branch === null || branch === '') report('SIP_HEADER_SYNTAX', 'Via branch has no value', at);
}

/** All Via values of one header field (comma-separated). */
export function readViaList(s: string, report: Report): Via[] {
  return readList(s, report, readVia);
}

export function formatVia(v: Via): string {
  return `${v.protocol}/${v.version}/${v.transport} ${v.host}${v.port !== null ? ':' + v.port : ''}${v.params.format(';', ';')}`;
}
