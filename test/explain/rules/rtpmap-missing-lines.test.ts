import { isRtpProto, parseRtpmap, STATIC_PAYLOAD_TYPES } from '../../../src/core/sdp/sdp-media.js';
import rule from '../../../src/explain/rules/rtpmap-missing.js';
import { buildFlow, readTextMessages, runRules } from '../../../src/index.js';

// the rule walks the body's lines in place; the reference splits them as text.split(/\r?\n/) does
function reference(text: string): Array<{ line: number; column: number; length: number; pt: number }> {
  const lines = text.split(/\r?\n/);
  const out: Array<{ line: number; column: number; length: number; pt: number }> = [];
  const pt = (f: string): number => (/^\d{1,3}$/.test(f) ? Number(f) : -1);
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('m=')) continue;
    const words = lines[i]!.slice(2).split(' ');
    if (words.length < 4 || !isRtpProto(words[2]!)) continue;
    const mapped = new Set<number>();
    for (let j = i + 1; j < lines.length && !lines[j]!.startsWith('m='); j++) {
      if (lines[j]!.startsWith('a=rtpmap:')) {
        const r = parseRtpmap(lines[j]!.slice(9));
        if (r) mapped.add(r.payloadType);
      }
    }
    let col = 2 + words[0]!.length + words[1]!.length + words[2]!.length + 2 + 1;
    for (let k = 3; k < words.length; k++) {
      const p = pt(words[k]!);
      if (p >= 0 && p <= 127 && !mapped.has(p) && !STATIC_PAYLOAD_TYPES.has(p)) out.push({ line: i + 1, column: col + 1, length: words[k]!.length, pt: p });
      col += words[k]!.length + 1;
    }
  }
  return out;
}

/** A seeded pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0', 'm=audio 4000 RTP/AVP 0 8 101', 'm=audio 4000 RTP/AVP 96 97', 'm=video 5000 RTP/AVPF 96 98 0', 'm=image 4002 udptl t38', 'm=audio 0 RTP/SAVP 101', 'm=audio 4000 RTP/AVP', 'a=rtpmap:101 telephone-event/8000', 'a=rtpmap:96 opus/48000/2', 'a=rtpmap:97 bad', 'a=rtpmap:98 H264/90000', 'a=fmtp:101 0-16', 'a=sendrecv', '', 'm=', 'x'];

describe('rtpmap-missing reads the body lines in place', () => {
  it('reports what splitting the body into lines reports (2,000 seeded bodies)', () => {
    const rnd = random(7);
    let reported = 0;
    for (let n = 0; n < 2000; n++) {
      const parts: string[] = [];
      const count = 1 + Math.floor(rnd() * 12);
      for (let k = 0; k < count; k++) parts.push(PIECES[Math.floor(rnd() * PIECES.length)]!);
      let body = '';
      parts.forEach((p, k) => (body += (k > 0 ? (rnd() < 0.3 ? '\n' : '\r\n') : '') + p));
      if (rnd() < 0.5) body += '\r\n';
      const head = `INVITE sip:a@b.example SIP/2.0\r\nVia: SIP/2.0/UDP h.example;branch=z9hG4bK${n}\r\nCall-ID: c${n}\r\nCSeq: 1 INVITE\r\nFrom: <sip:c@d.example>;tag=1\r\nTo: <sip:a@b.example>\r\nContact: <sip:c@h.example>\r\nContent-Type: application/sdp\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
      const { messages } = readTextMessages(Buffer.from(head + body, 'utf8'), 'x.sip');
      const got = runRules(buildFlow(messages), { rules: [rule] }).map((f) => ({ line: f.line - 10, column: f.column, length: f.length, pt: Number(/payload type (\d+)/.exec(f.message)![1]) }));
      expect({ body, got }).toEqual({ body, got: reference(body) });
      reported += got.length;
    }
    expect(reported).toBeGreaterThan(500);
  });
});
