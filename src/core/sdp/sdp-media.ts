import type { Sdp, SdpAttribute, SdpConnection, SdpMedia } from './types.js';

/**
 * Values derived from an m= block on demand (nothing here is stored state). Attribute names
 * match exactly (they are case-significant); malformed attribute lines are skipped here and
 * reported by `parseSdp`.
 */

export interface SdpRtpmap {
  payloadType: number;
  encoding: string;
  clockRate: number;
  /** Channels (the encoding parameters) as written; null when absent (for audio: 1 channel). */
  channels: number | null;
}

export type SdpDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export const SDP_DIRECTIONS: readonly SdpDirection[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

/**
 * RFC 3551 §6 static payload types (a=rtpmap may be omitted for these), as their a=rtpmap would
 * read: channels only where it is not 1.
 */
export const STATIC_PAYLOAD_TYPES: ReadonlyMap<number, Omit<SdpRtpmap, 'payloadType'>> = new Map([
  [0, { encoding: 'PCMU', clockRate: 8000, channels: null }],
  [3, { encoding: 'GSM', clockRate: 8000, channels: null }],
  [4, { encoding: 'G723', clockRate: 8000, channels: null }],
  [5, { encoding: 'DVI4', clockRate: 8000, channels: null }],
  [6, { encoding: 'DVI4', clockRate: 16000, channels: null }],
  [7, { encoding: 'LPC', clockRate: 8000, channels: null }],
  [8, { encoding: 'PCMA', clockRate: 8000, channels: null }],
  [9, { encoding: 'G722', clockRate: 8000, channels: null }],
  [10, { encoding: 'L16', clockRate: 44100, channels: 2 }],
  [11, { encoding: 'L16', clockRate: 44100, channels: null }],
  [12, { encoding: 'QCELP', clockRate: 8000, channels: null }],
  [13, { encoding: 'CN', clockRate: 8000, channels: null }],
  [14, { encoding: 'MPA', clockRate: 90000, channels: null }],
  [15, { encoding: 'G728', clockRate: 8000, channels: null }],
  [16, { encoding: 'DVI4', clockRate: 11025, channels: null }],
  [17, { encoding: 'DVI4', clockRate: 22050, channels: null }],
  [18, { encoding: 'G729', clockRate: 8000, channels: null }],
  [25, { encoding: 'CelB', clockRate: 90000, channels: null }],
  [26, { encoding: 'JPEG', clockRate: 90000, channels: null }],
  [28, { encoding: 'nv', clockRate: 90000, channels: null }],
  [31, { encoding: 'H261', clockRate: 90000, channels: null }],
  [32, { encoding: 'MPV', clockRate: 90000, channels: null }],
  [33, { encoding: 'MP2T', clockRate: 90000, channels: null }],
  [34, { encoding: 'H263', clockRate: 90000, channels: null }],
]);

/** Whether the m= proto carries RTP, so its formats are payload types (RTP/AVP, UDP/TLS/RTP/SAVPF, ...). */
export function isRtpProto(proto: string): boolean {
  let rtp = rtpProtos.get(proto);
  if (rtp === undefined) {
    rtp = proto.toUpperCase().split('/').includes('RTP');
    if (rtpProtos.size >= 256) rtpProtos.clear();
    rtpProtos.set(proto, rtp);
  }
  return rtp;
}

/** isRtpProto answers by proto: a capture repeats the same two or three. */
const rtpProtos = new Map<string, boolean>();

/** Values of the attributes with this name, in order (null for a=name without a value). */
export function attributeValues(attributes: readonly SdpAttribute[], name: string): Array<string | null> {
  const out: Array<string | null> = [];
  for (const a of attributes) if (a.name === name) out.push(a.value);
  return out;
}

function values(media: SdpMedia, name: string): string[] {
  const out: string[] = [];
  for (const a of media.attributes) if (a.name === name && a.value !== null) out.push(a.value);
  return out;
}

const RTPMAP = /^(\d{1,3}) +([^\s/]+)\/(\d{1,10})(?:\/(\d{1,3}))? *$/;

/** `<payload type> <encoding name>/<clock rate>[/<channels>]` (RFC 4566 §6), or null. */
export function parseRtpmap(value: string): SdpRtpmap | null {
  // a new object each time (callers may change it), copied from the parse of a value seen before
  let r = rtpmapValues.get(value);
  if (r === undefined) {
    r = readRtpmap(value);
    if (rtpmapValues.size >= 256) rtpmapValues.clear();
    rtpmapValues.set(value, r);
  }
  return r === null ? null : { payloadType: r.payloadType, encoding: r.encoding, clockRate: r.clockRate, channels: r.channels };
}

/**
 * Rtpmap values read so far (bounded): a capture repeats the same few ("0 PCMU/8000", "101
 * telephone-event/8000"), and validation and three media rules read each of them again.
 */
const rtpmapValues = new Map<string, SdpRtpmap | null>();

function readRtpmap(value: string): SdpRtpmap | null {
  const m = RTPMAP.exec(value);
  if (!m) return null;
  const payloadType = Number(m[1]);
  if (payloadType > 127) return null;
  return { payloadType, encoding: m[2]!, clockRate: Number(m[3]), channels: m[4] === undefined ? null : Number(m[4]) };
}

/**
 * The codecs of an m= line in m= order: from a=rtpmap, else from the static table for RTP
 * protos. Formats with neither are left out, and so are rtpmaps for types not on the m= line.
 */
export function rtpmaps(media: SdpMedia): SdpRtpmap[] {
  const byPt = new Map<number, SdpRtpmap>();
  for (const v of values(media, 'rtpmap')) {
    const r = parseRtpmap(v);
    if (r && !byPt.has(r.payloadType)) byPt.set(r.payloadType, r);
  }
  const rtp = isRtpProto(media.proto);
  const out: SdpRtpmap[] = [];
  for (const f of media.formats) {
    if (!/^\d{1,3}$/.test(f)) continue;
    const pt = Number(f);
    const r = byPt.get(pt);
    const s = rtp ? STATIC_PAYLOAD_TYPES.get(pt) : undefined;
    if (r) out.push(r);
    else if (s) out.push({ payloadType: pt, ...s });
  }
  return out;
}

/** `<format> <format specific parameters>` (RFC 4566 §6), or null. */
export function parseFmtp(value: string): { format: string; params: string } | null {
  const m = /^(\S+) +(\S.*)$/.exec(value);
  return m ? { format: m[1]!, params: m[2]! } : null;
}

/** a=fmtp parameters by payload type (the first a=fmtp wins; non-numeric formats are skipped). */
export function fmtps(media: SdpMedia): Map<number, string> {
  const out = new Map<number, string>();
  for (const v of values(media, 'fmtp')) {
    const f = parseFmtp(v);
    if (f && /^\d{1,3}$/.test(f.format) && !out.has(Number(f.format))) out.set(Number(f.format), f.params);
  }
  return out;
}

function directionOf(attributes: readonly SdpAttribute[]): SdpDirection | null {
  for (const a of attributes) if ((SDP_DIRECTIONS as readonly string[]).includes(a.name)) return a.name as SdpDirection;
  return null;
}

/** The media's direction attribute, else the session's, else sendrecv (RFC 3264 §5.1). */
export function mediaDirection(media: SdpMedia, session: Sdp): SdpDirection {
  return directionOf(media.attributes) ?? directionOf(session.attributes) ?? 'sendrecv';
}

export const PTIME = /^\d{1,9}(?:\.\d{1,6})?$/;

/** a=ptime in milliseconds, or null when absent or not a number. */
export function ptime(media: SdpMedia): number | null {
  const v = values(media, 'ptime')[0];
  return v !== undefined && PTIME.test(v.trim()) ? Number(v.trim()) : null;
}

/** The media's first c=, else the session c= (RFC 4566 §5.7). */
export function effectiveConnection(media: SdpMedia, session: Sdp): SdpConnection | null {
  return media.connections[0] ?? session.connection;
}

export interface SdpCrypto {
  tag: number;
  suite: string;
  /** key-params split at ";", e.g. ["inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32"]. */
  keyParams: string[];
  sessionParams: string[];
}

/** `<tag> <crypto-suite> <key-params> [<session-params>]` (RFC 4568 §9.1), or null. */
export function parseCrypto(value: string): SdpCrypto | null {
  const m = /^(\d{1,9}) +(\S+) +(\S+)(?: +(.*))?$/.exec(value);
  if (!m) return null;
  const keyParams = m[3]!.split(';');
  if (keyParams.some((k) => !/^[^:]+:./.test(k))) return null;
  const sessionParams = (m[4] ?? '').split(' ').filter((s) => s !== '');
  return { tag: Number(m[1]), suite: m[2]!, keyParams, sessionParams };
}

/** a=crypto lines (SDES-SRTP, RFC 4568). */
export function cryptos(media: SdpMedia): SdpCrypto[] {
  const out: SdpCrypto[] = [];
  for (const v of values(media, 'crypto')) {
    const c = parseCrypto(v);
    if (c) out.push(c);
  }
  return out;
}

export interface SdpCandidate {
  foundation: string;
  component: number;
  transport: string;
  priority: number;
  address: string;
  port: number;
  /** host, srflx, prflx, relay */
  type: string;
  raddr?: string;
  rport?: number;
  /** Other name/value pairs after the type (generation, tcptype, ufrag, network-cost, ...). */
  extensions: Array<{ name: string; value: string }>;
}

const DIGITS = /^\d{1,10}$/;

/** `<foundation> <component> <transport> <priority> <address> <port> typ <type> ...` (RFC 5245 §15.1), or null. */
export function parseCandidate(value: string): SdpCandidate | null {
  const t = value.split(' ').filter((s) => s !== '');
  if (t.length < 8 || t[6] !== 'typ' || (t.length - 8) % 2 !== 0) return null;
  const [foundation, component, transport, priority, address, port, , type] = t as [string, string, string, string, string, string, string, string];
  if (!DIGITS.test(component) || !DIGITS.test(priority) || !/^\d{1,5}$/.test(port) || Number(port) > 65535) return null;
  const c: SdpCandidate = { foundation, component: Number(component), transport, priority: Number(priority), address, port: Number(port), type, extensions: [] };
  for (let i = 8; i < t.length; i += 2) {
    const name = t[i]!;
    const v = t[i + 1]!;
    if (name === 'raddr' && c.raddr === undefined) c.raddr = v;
    else if (name === 'rport' && c.rport === undefined) {
      if (!/^\d{1,5}$/.test(v)) return null;
      c.rport = Number(v);
    } else c.extensions.push({ name, value: v });
  }
  return c;
}

/** a=candidate lines (ICE, RFC 5245 / RFC 8839). */
export function candidates(media: SdpMedia): SdpCandidate[] {
  const out: SdpCandidate[] = [];
  for (const v of values(media, 'candidate')) {
    const c = parseCandidate(v);
    if (c) out.push(c);
  }
  return out;
}
