/**
 * An SDP session description (RFC 4566) as plain data. Text is decoded UTF-8. Parsed records
 * carry the 1-based `line` they came from (relative to the SDP text); records built by hand
 * may use 0. `formatSdp` ignores every `line`.
 */

/** o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address> (§5.2) */
export interface SdpOrigin {
  username: string;
  sessionId: string;
  sessionVersion: string;
  netType: string;
  addrType: string;
  address: string;
  line: number;
}

/** c=<nettype> <addrtype> <connection-address>[/<ttl>][/<number of addresses>] (§5.7) */
export interface SdpConnection {
  netType: string;
  addrType: string;
  address: string;
  /** IPv4 multicast time-to-live; null when absent (always for IP6). */
  ttl: number | null;
  /** Number of multicast addresses; null when absent. */
  count: number | null;
  line: number;
}

/** b=<bwtype>:<bandwidth> (§5.8) */
export interface SdpBandwidth {
  type: string;
  value: number;
  line: number;
}

/** t=<start-time> <stop-time> with its r= lines (§5.9, §5.10); values kept as written. */
export interface SdpTiming {
  start: string;
  stop: string;
  repeats: string[];
  line: number;
}

/** a=<name> (value null) or a=<name>:<value> (§5.13). */
export interface SdpAttribute {
  name: string;
  value: string | null;
  line: number;
}

/** m=<media> <port>[/<number of ports>] <proto> <fmt> ... and its i= c= b= k= a= lines (§5.14). */
export interface SdpMedia {
  /** audio, video, text, application, message, image, ... */
  type: string;
  port: number;
  portCount: number | null;
  /** RTP/AVP, RTP/SAVP, UDP/TLS/RTP/SAVPF, udptl, ... */
  proto: string;
  formats: string[];
  information: string | null;
  connections: SdpConnection[];
  bandwidths: SdpBandwidth[];
  key: string | null;
  attributes: SdpAttribute[];
  /** 1-based line of the m= within the SDP. */
  line: number;
}

export interface Sdp {
  /** v= (always 0 when valid). */
  version: number | null;
  origin: SdpOrigin | null;
  /** s= */
  sessionName: string | null;
  /** i= */
  information: string | null;
  /** u= */
  uri: string | null;
  /** e= lines */
  emails: string[];
  /** p= lines */
  phones: string[];
  connection: SdpConnection | null;
  bandwidths: SdpBandwidth[];
  timings: SdpTiming[];
  /** z= as written. */
  timezones: string | null;
  /** k= as written. */
  key: string | null;
  attributes: SdpAttribute[];
  media: SdpMedia[];
}

/** A problem in an SDP text; line and column are 1-based, the column counted in bytes. */
export interface SdpProblem {
  code: 'SIP_SDP_INVALID' | 'SIP_SDP_WARNING';
  message: string;
  line: number;
  column: number;
}

/** A session description with every field empty. */
export function emptySdp(): Sdp {
  return {
    version: null,
    origin: null,
    sessionName: null,
    information: null,
    uri: null,
    emails: [],
    phones: [],
    connection: null,
    bandwidths: [],
    timings: [],
    timezones: null,
    key: null,
    attributes: [],
    media: [],
  };
}
