import { fmtps, isRtpProto, mediaDirection, parseSdp, rtpmaps, type SdpDirection, type SdpRtpmap } from '../core/index.js';

/** Codecs the listener can answer with, by encoding name (case-insensitive). */
export const ANSWER_CODECS: readonly string[] = ['PCMU', 'PCMA', 'opus', 'G722', 'G729', 'GSM', 'iLBC', 'AMR', 'AMR-WB', 'speex'];

export interface SdpAnswerOptions {
  /** Address for o= and c= (the listener's address). */
  address: string;
  /** RTP port announced (no media is sent or received; default 40000). */
  port?: number;
  /** Codecs accepted, by encoding name (default ANSWER_CODECS). */
  codecs?: readonly string[];
  sessionId?: string;
}

export type SdpAnswerResult =
  | { ok: true; sdp: string; codec: string; telephoneEvent: boolean }
  | { ok: false; reason: 'unparsable' | 'no-audio' | 'no-common-codec'; offered: string[] };

const ANSWER_DIRECTION: Record<SdpDirection, SdpDirection> = { sendrecv: 'sendrecv', sendonly: 'recvonly', recvonly: 'sendonly', inactive: 'inactive' };

function header(o: SdpAnswerOptions, name: string): string[] {
  const ip = o.address.includes(':') ? 'IP6' : 'IP4';
  const id = o.sessionId ?? '1';
  return ['v=0', `o=siptool ${id} ${id} IN ${ip} ${o.address}`, `s=${name}`, `c=IN ${ip} ${o.address}`, 't=0 0'];
}

/**
 * An RFC 3264 answer to an offer: the first audio stream gets the first codec of the offer
 * (in the offer's order, RFC 3264 §6.1) that the listener accepts, with the offer's payload
 * type, plus telephone-event when offered; the direction is mirrored; every other stream is
 * refused with port 0. No media is sent: the port is only announced.
 */
export function answerSdp(offer: Buffer | string, o: SdpAnswerOptions): SdpAnswerResult {
  const { sdp } = parseSdp(offer);
  if (!sdp || sdp.media.length === 0) return { ok: false, reason: 'unparsable', offered: [] };
  const accepted = new Set((o.codecs ?? ANSWER_CODECS).map((c) => c.toLowerCase()));
  const lines = header(o, 'siptool listen');
  let chosen: { codec: string; te: boolean } | null = null;
  const offered: string[] = [];
  for (const m of sdp.media) {
    const maps = rtpmaps(m);
    const usable: boolean = m.type === 'audio' && m.port !== 0 && isRtpProto(m.proto) && chosen === null;
    if (m.type === 'audio') offered.push(...maps.map((r) => r.encoding));
    const pick: SdpRtpmap | undefined = usable ? maps.find((r) => accepted.has(r.encoding.toLowerCase())) : undefined;
    if (!pick) {
      lines.push(`m=${m.type} 0 ${m.proto} ${m.formats[0] ?? '0'}`);
      continue;
    }
    const te: SdpRtpmap | undefined = maps.find((r) => r.encoding.toLowerCase() === 'telephone-event' && r.clockRate === pick.clockRate) ?? maps.find((r) => r.encoding.toLowerCase() === 'telephone-event');
    const f = fmtps(m);
    lines.push(`m=audio ${o.port ?? 40000} ${m.proto} ${pick.payloadType}${te ? ' ' + te.payloadType : ''}`);
    lines.push(`a=rtpmap:${pick.payloadType} ${pick.encoding}/${pick.clockRate}${pick.channels ? '/' + pick.channels : ''}`);
    const pf = f.get(pick.payloadType);
    if (pf) lines.push(`a=fmtp:${pick.payloadType} ${pf}`);
    if (te) {
      lines.push(`a=rtpmap:${te.payloadType} ${te.encoding}/${te.clockRate}`);
      lines.push(`a=fmtp:${te.payloadType} ${f.get(te.payloadType) ?? '0-16'}`);
    }
    lines.push('a=ptime:20', `a=${ANSWER_DIRECTION[mediaDirection(m, sdp)]}`);
    chosen = { codec: `${pick.encoding}/${pick.clockRate}`, te: te !== undefined };
  }
  if (!chosen) return { ok: false, reason: offered.length === 0 && !sdp.media.some((m) => m.type === 'audio') ? 'no-audio' : 'no-common-codec', offered };
  return { ok: true, sdp: lines.join('\r\n') + '\r\n', codec: chosen.codec, telephoneEvent: chosen.te };
}

/** The listener's own offer, for an INVITE without SDP (late offer: the answer comes in the ACK). */
export function listenerOffer(o: SdpAnswerOptions): string {
  const lines = header(o, 'siptool listen');
  lines.push(`m=audio ${o.port ?? 40000} RTP/AVP 0 8 101`, 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16', 'a=ptime:20', 'a=sendrecv');
  return lines.join('\r\n') + '\r\n';
}
