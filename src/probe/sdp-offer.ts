import { InvalidArgumentError } from '../errors.js';
import { parseSdp, rtpmaps } from '../core/index.js';

interface Codec {
  pt: number;
  rtpmap: string;
  fmtp?: string;
}

/** Codecs siptool can offer, by the names --codecs accepts (case-insensitive). */
export const CODECS: Readonly<Record<string, Codec>> = {
  'pcmu': { pt: 0, rtpmap: 'PCMU/8000' },
  'pcma': { pt: 8, rtpmap: 'PCMA/8000' },
  'g722': { pt: 9, rtpmap: 'G722/8000' },
  'gsm': { pt: 3, rtpmap: 'GSM/8000' },
  'g729': { pt: 18, rtpmap: 'G729/8000', fmtp: 'annexb=no' },
  'opus': { pt: 111, rtpmap: 'opus/48000/2', fmtp: 'useinbandfec=1' },
  'telephone-event': { pt: 101, rtpmap: 'telephone-event/8000', fmtp: '0-16' },
};

export const DEFAULT_CODECS: readonly string[] = ['PCMU', 'PCMA', 'telephone-event'];

export interface SdpOfferOptions {
  /** Address for o= and c= (our local address). */
  address: string;
  /** RTP port announced (no media is sent; default 40000). */
  port?: number;
  codecs?: readonly string[];
  sessionId?: string;
}

/** A realistic audio offer (RFC 3264 §5, RFC 4566): one m=audio line, rtpmap for every codec. */
export function buildSdpOffer(o: SdpOfferOptions): string {
  const names = o.codecs ?? DEFAULT_CODECS;
  const codecs = names.map((n) => {
    const c = CODECS[n.toLowerCase()];
    if (!c) throw new InvalidArgumentError(`unknown codec "${n}" (known: ${Object.keys(CODECS).join(', ')})`);
    return c;
  });
  if (codecs.length === 0) throw new InvalidArgumentError('at least one codec is needed');
  const ip = o.address.includes(':') ? 'IP6' : 'IP4';
  const id = o.sessionId ?? '1';
  const lines = ['v=0', `o=siptool ${id} ${id} IN ${ip} ${o.address}`, 's=siptool probe', `c=IN ${ip} ${o.address}`, 't=0 0', `m=audio ${o.port ?? 40000} RTP/AVP ${codecs.map((c) => c.pt).join(' ')}`];
  for (const c of codecs) {
    lines.push(`a=rtpmap:${c.pt} ${c.rtpmap}`);
    if (c.fmtp) lines.push(`a=fmtp:${c.pt} ${c.fmtp}`);
  }
  lines.push('a=ptime:20', 'a=sendrecv');
  return lines.join('\r\n') + '\r\n';
}

/** The codecs of the first audio stream of an answer ("PCMU/8000"...); [] when none or rejected. */
export function answeredCodecs(sdp: Buffer | string): string[] {
  const { sdp: parsed } = parseSdp(sdp);
  const audio = parsed?.media.find((m) => m.type === 'audio');
  if (!audio || audio.port === 0) return [];
  return rtpmaps(audio).map((r) => `${r.encoding}/${r.clockRate}`);
}
