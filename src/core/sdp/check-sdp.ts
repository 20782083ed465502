import { isRtpProto, parseCandidate, parseCrypto, parseFmtp, parseRtpmap, PTIME, SDP_DIRECTIONS, STATIC_PAYLOAD_TYPES } from './sdp-media.js';
import type { Sdp, SdpAttribute, SdpMedia, SdpProblem } from './types.js';

type Add = (code: SdpProblem['code'], message: string, line: number, column: number) => void;

/** Byte column of index `i` of an attribute's value (a=name:value). */
function col(a: SdpAttribute, i = 0): number {
  return 3 + Buffer.byteLength(a.name) + 1 + Buffer.byteLength((a.value ?? '').slice(0, i));
}

const MEDIA_ONLY = ['rtpmap', 'fmtp', 'candidate', 'crypto', 'rtcp-mux', 'mid', 'ptime', 'maxptime'];

/**
 * Checks across fields after the structure is read: c= coverage (RFC 4566 §5.7) and the
 * attributes whose syntax RFC 4566 §6, RFC 4568 and RFC 5245 define. An attribute value that
 * does not parse is a warning, not an error: the description as a whole still stands (and
 * RFC 4475's torture messages, meant to be valid, all carry "a=rtpmap:31 LPC").
 */
export function checkSdp(sdp: Sdp, add: Add): void {
  checkDirections(sdp.attributes, add);
  for (const a of sdp.attributes) {
    if (MEDIA_ONLY.includes(a.name)) add('SIP_SDP_WARNING', `a=${a.name} is a media-level attribute but appears at session level`, a.line, 1);
  }
  for (const m of sdp.media) {
    if (sdp.connection === null && m.connections.length === 0) {
      add('SIP_SDP_INVALID', 'no c= line for this media description and none at session level (RFC 4566 §5.7)', m.line, 1);
    }
    checkDirections(m.attributes, add);
    checkMedia(m, add);
  }
}

function checkDirections(attrs: readonly SdpAttribute[], add: Add): void {
  let first: SdpAttribute | null = null;
  for (const a of attrs) {
    if (!(SDP_DIRECTIONS as readonly string[]).includes(a.name)) continue;
    if (a.value !== null) add('SIP_SDP_WARNING', `a=${a.name} takes no value`, a.line, col(a));
    if (first === null) first = a;
    else if (a.name !== first.name) add('SIP_SDP_WARNING', `a=${a.name} conflicts with a=${first.name} on line ${first.line}; the first one applies`, a.line, 1);
  }
}

function checkMedia(m: SdpMedia, add: Add): void {
  const rtp = isRtpProto(m.proto);
  const listed = new Set(m.formats);
  const mapped = new Set<number>();
  for (const a of m.attributes) {
    const v = a.value;
    switch (a.name) {
      case 'rtpmap': {
        const r = v === null ? null : parseRtpmap(v);
        if (r === null) {
          add('SIP_SDP_WARNING', 'a=rtpmap must be <payload type 0..127> <encoding>/<clock rate>[/<channels>]', a.line, col(a));
          break;
        }
        if (rtp && !listed.has(String(r.payloadType))) add('SIP_SDP_WARNING', `a=rtpmap for payload type ${r.payloadType}, which is not in the m= format list`, a.line, col(a));
        if (mapped.has(r.payloadType)) add('SIP_SDP_WARNING', `a second a=rtpmap for payload type ${r.payloadType}`, a.line, col(a));
        mapped.add(r.payloadType);
        break;
      }
      case 'fmtp': {
        const f = v === null ? null : parseFmtp(v);
        if (f === null) add('SIP_SDP_WARNING', 'a=fmtp must be <format> <format specific parameters>', a.line, col(a));
        else if (!listed.has(f.format)) add('SIP_SDP_WARNING', `a=fmtp for format ${f.format}, which is not in the m= format list`, a.line, col(a));
        break;
      }
      case 'ptime':
      case 'maxptime':
        if (v === null || !PTIME.test(v.trim())) add('SIP_SDP_WARNING', `a=${a.name} must be a number of milliseconds, got "${v ?? ''}"`, a.line, col(a));
        break;
      case 'crypto':
        if (v === null || parseCrypto(v) === null) add('SIP_SDP_WARNING', 'a=crypto must be <tag> <crypto-suite> <key-method>:<key-info>[;...] [<session-params>] (RFC 4568 §9.1)', a.line, col(a));
        else if (!/SAVP/i.test(m.proto)) add('SIP_SDP_WARNING', `a=crypto in an m= line with proto ${m.proto}; SDES-SRTP keys are offered with RTP/SAVP (RFC 4568 §3.1.4)`, a.line, col(a));
        break;
      case 'candidate':
        if (v === null || parseCandidate(v) === null) add('SIP_SDP_WARNING', 'a=candidate must be <foundation> <component> <transport> <priority> <address> <port> typ <type> [...] (RFC 5245 §15.1)', a.line, col(a));
        break;
    }
  }
  if (!rtp || m.port === 0) return;
  for (const f of m.formats) {
    if (!/^\d{1,3}$/.test(f)) continue;
    const pt = Number(f);
    if (pt <= 127 && !mapped.has(pt) && !STATIC_PAYLOAD_TYPES.has(pt)) {
      add('SIP_SDP_WARNING', `payload type ${pt} has no a=rtpmap and no static assignment (RFC 4566 §6, RFC 3551 §6)`, m.line, 1);
    }
  }
}
