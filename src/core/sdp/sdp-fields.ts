import { latin1ToUtf8 } from '../syntax/chars.js';
import { isHostname, isIPv4, isIPv6 } from '../uri/host.js';
import { isRtpProto } from './sdp-media.js';
import type { SdpBandwidth, SdpConnection, SdpMedia, SdpOrigin, SdpProblem, SdpTiming } from './types.js';

/**
 * Readers and writers for the structured SDP fields (o= c= m= b= t= r=), side by side.
 * Readers take the field value as latin1 text (one char per byte, after "x=") and report
 * problems at an index into it; stored text is decoded UTF-8.
 */

export type SdpReport = (code: SdpProblem['code'], message: string, index: number) => void;

interface Word {
  text: string;
  at: number;
}

/** Splits at SP; anything but single spaces between words is reported once. */
function words(v: string, field: string, report: SdpReport): Word[] {
  const out: Word[] = [];
  let odd = -1;
  let i = 0;
  while (i < v.length) {
    const sp = v.indexOf(' ', i);
    const end = sp < 0 ? v.length : sp;
    if (end > i) out.push({ text: v.slice(i, end), at: i });
    else if (odd < 0) odd = i;
    if (sp < 0) break;
    i = sp + 1;
    if (i === v.length && odd < 0) odd = sp;
  }
  if (odd >= 0) report('SIP_SDP_WARNING', `${field}= fields must be separated by single spaces`, odd);
  return out;
}

const DIGITS = /^\d+$/;

function isIPv4Multicast(a: string): boolean {
  const first = Number(a.slice(0, a.indexOf('.')));
  return isIPv4(a) && first >= 224 && first <= 239;
}

/**
 * Checks a unicast address for its address type (IP4: dotted quad or FQDN; IP6: RFC 4291 text
 * or FQDN). Unknown address types are not checked.
 */
function checkUnicast(addrType: string, addr: string, at: number, field: string, report: SdpReport): void {
  if (addrType === 'IP4') {
    if (isIPv4(addr) || (isHostname(addr) && !/^[\d.]+$/.test(addr))) return;
    const msg = isIPv6(addr) ? 'is an IPv6 address but the address type is IP4' : 'is not an IPv4 address or a domain name';
    report('SIP_SDP_INVALID', `${field}= address "${latin1ToUtf8(addr)}" ${msg}`, at);
  } else if (addrType === 'IP6') {
    if (isIPv6(addr) || (isHostname(addr) && !isIPv4(addr))) return;
    const msg = isIPv4(addr) ? 'is an IPv4 address but the address type is IP6' : 'is not an IPv6 address or a domain name';
    report('SIP_SDP_INVALID', `${field}= address "${latin1ToUtf8(addr)}" ${msg}`, at);
  }
}

function checkTypes(net: Word, addr: Word, field: string, report: SdpReport): boolean {
  if (net.text !== 'IN') report('SIP_SDP_WARNING', `${field}= network type "${latin1ToUtf8(net.text)}" is not IN`, net.at);
  if (addr.text !== 'IP4' && addr.text !== 'IP6') {
    report('SIP_SDP_WARNING', `${field}= address type "${latin1ToUtf8(addr.text)}" is neither IP4 nor IP6`, addr.at);
    return false;
  }
  return net.text === 'IN';
}

/** o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address> (RFC 4566 §5.2) */
export function readOrigin(v: string, line: number, report: SdpReport): SdpOrigin | null {
  const w = words(v, 'o', report);
  if (w.length !== 6) {
    report('SIP_SDP_INVALID', `o= needs 6 fields (username sess-id sess-version nettype addrtype address), found ${w.length}`, 0);
    return null;
  }
  const [user, id, version, net, type, addr] = w as [Word, Word, Word, Word, Word, Word];
  if (!DIGITS.test(id.text)) report('SIP_SDP_WARNING', `o= session id "${latin1ToUtf8(id.text)}" is not numeric`, id.at);
  if (!DIGITS.test(version.text)) report('SIP_SDP_WARNING', `o= session version "${latin1ToUtf8(version.text)}" is not numeric`, version.at);
  if (checkTypes(net, type, 'o', report)) checkUnicast(type.text, addr.text, addr.at, 'o', report);
  return {
    username: latin1ToUtf8(user.text),
    sessionId: latin1ToUtf8(id.text),
    sessionVersion: latin1ToUtf8(version.text),
    netType: latin1ToUtf8(net.text),
    addrType: latin1ToUtf8(type.text),
    address: latin1ToUtf8(addr.text),
    line,
  };
}

export function formatOrigin(o: SdpOrigin): string {
  return `${o.username} ${o.sessionId} ${o.sessionVersion} ${o.netType} ${o.addrType} ${o.address}`;
}

function smallInt(s: string, max: number): number | null {
  return /^\d{1,10}$/.test(s) && Number(s) <= max ? Number(s) : null;
}

/** c=<nettype> <addrtype> <connection-address> (RFC 4566 §5.7, multicast TTL and count included). */
export function readConnection(v: string, line: number, report: SdpReport): SdpConnection | null {
  const w = words(v, 'c', report);
  if (w.length !== 3) {
    report('SIP_SDP_INVALID', `c= needs 3 fields (nettype addrtype connection-address), found ${w.length}`, 0);
    return null;
  }
  const [net, type, addrWord] = w as [Word, Word, Word];
  const parts = addrWord.text.split('/');
  const address = parts[0]!;
  const c: SdpConnection = { netType: latin1ToUtf8(net.text), addrType: latin1ToUtf8(type.text), address: latin1ToUtf8(address), ttl: null, count: null, line };
  if (!checkTypes(net, type, 'c', report)) return { ...c, address: latin1ToUtf8(addrWord.text) };
  const at = addrWord.at;
  const slash = at + address.length;
  const ip4 = type.text === 'IP4';
  const multicast = ip4 ? isIPv4Multicast(address) : isIPv6(address) && /^ff/i.test(address);
  if (!multicast) {
    checkUnicast(type.text, address, at, 'c', report);
    if (parts.length > 1) report('SIP_SDP_INVALID', `c= "/${latin1ToUtf8(parts.slice(1).join('/'))}" is only allowed after a multicast address`, slash);
    return c;
  }
  const maxParts = ip4 ? 3 : 2;
  if (parts.length > maxParts) report('SIP_SDP_INVALID', `c= ${type.text} multicast address has too many "/" parts`, slash);
  if (ip4) {
    if (parts.length < 2) report('SIP_SDP_INVALID', 'c= IPv4 multicast address needs a TTL (address/ttl)', at + address.length);
    else {
      c.ttl = smallInt(parts[1]!, 255);
      if (c.ttl === null) report('SIP_SDP_INVALID', `c= multicast TTL "${latin1ToUtf8(parts[1]!)}" is not 0..255`, slash + 1);
    }
  }
  const countText = parts[ip4 ? 2 : 1];
  if (countText !== undefined) {
    c.count = smallInt(countText, 0xffffffff);
    if (c.count === null || c.count === 0) {
      report('SIP_SDP_INVALID', `c= number of addresses "${latin1ToUtf8(countText)}" is not a positive integer`, addrWord.at + addrWord.text.lastIndexOf('/') + 1);
      c.count = null;
    }
  }
  return c;
}

export function formatConnection(c: SdpConnection): string {
  return `${c.netType} ${c.addrType} ${c.address}${c.ttl !== null ? '/' + c.ttl : ''}${c.count !== null ? '/' + c.count : ''}`;
}

/** b=<bwtype>:<bandwidth> (RFC 4566 §5.8) */
export function readBandwidth(v: string, line: number, report: SdpReport): SdpBandwidth | null {
  const m = /^([A-Za-z0-9!#$%&'*+\-.^_`{|}~]+):(\d{1,15})$/.exec(v);
  if (!m) {
    report('SIP_SDP_INVALID', `b= must be <bwtype>:<bandwidth>, got "${latin1ToUtf8(v)}"`, 0);
    return null;
  }
  return { type: m[1]!, value: Number(m[2]), line };
}

export function formatBandwidth(b: SdpBandwidth): string {
  return `${b.type}:${b.value}`;
}

/** t=<start-time> <stop-time> (RFC 4566 §5.9, NTP seconds or 0) */
export function readTiming(v: string, line: number, report: SdpReport): SdpTiming | null {
  const w = words(v, 't', report);
  if (w.length !== 2 || !DIGITS.test(w[0]!.text) || !DIGITS.test(w[1]!.text)) {
    report('SIP_SDP_INVALID', `t= must be <start-time> <stop-time> (decimal NTP seconds), got "${latin1ToUtf8(v)}"`, 0);
    return null;
  }
  return { start: w[0]!.text, stop: w[1]!.text, repeats: [], line };
}

/** r=<repeat interval> <active duration> <offsets from start-time> (RFC 4566 §5.10); returns the value. */
export function readRepeat(v: string, report: SdpReport): string {
  const w = words(v, 'r', report);
  const bad = w.find((x) => !/^\d+[dhms]?$/.test(x.text));
  if (w.length < 3) report('SIP_SDP_INVALID', 'r= needs a repeat interval, an active duration and at least one offset', 0);
  else if (bad) report('SIP_SDP_INVALID', `r= time "${latin1ToUtf8(bad.text)}" is not <digits>[d|h|m|s]`, bad.at);
  return latin1ToUtf8(v);
}

/** m=<media> <port>[/<number of ports>] <proto> <fmt> ... (RFC 4566 §5.14) */
export function readMediaLine(v: string, line: number, report: SdpReport): SdpMedia {
  const w = words(v, 'm', report);
  const m: SdpMedia = {
    type: latin1ToUtf8(w[0]?.text ?? ''),
    port: 0,
    portCount: null,
    proto: latin1ToUtf8(w[2]?.text ?? ''),
    formats: w.slice(3).map((x) => latin1ToUtf8(x.text)),
    information: null,
    connections: [],
    bandwidths: [],
    key: null,
    attributes: [],
    line,
  };
  if (w.length < 4) {
    const what = w.length < 3 ? 'a media type, port and proto' : 'at least one format';
    report('SIP_SDP_INVALID', `m= needs ${what} (<media> <port> <proto> <fmt> ...)`, w.length === 0 ? 0 : v.length);
    if (w.length < 2) return m;
  }
  const portWord = w[1]!;
  const [portText, countText, ...rest] = portWord.text.split('/');
  const port = smallInt(portText!, 65535);
  if (port === null) report('SIP_SDP_INVALID', `m= port "${latin1ToUtf8(portText!)}" is not 0..65535`, portWord.at);
  else m.port = port;
  if (countText !== undefined) {
    const count = smallInt(countText, 65535);
    if (count === null || count === 0 || rest.length > 0) {
      report('SIP_SDP_INVALID', `m= number of ports "${latin1ToUtf8(portWord.text.slice(portText!.length + 1))}" is not a positive integer`, portWord.at + portText!.length + 1);
    } else m.portCount = count;
  }
  if (isRtpProto(m.proto)) {
    for (const f of w.slice(3)) {
      if (smallInt(f.text, 127) === null) report('SIP_SDP_INVALID', `m= format "${latin1ToUtf8(f.text)}" is not an RTP payload type 0..127 (proto ${m.proto})`, f.at);
    }
  }
  return m;
}

export function formatMediaLine(m: SdpMedia): string {
  const port = m.portCount !== null ? `${m.port}/${m.portCount}` : `${m.port}`;
  return [m.type, port, m.proto, ...m.formats].join(' ');
}
