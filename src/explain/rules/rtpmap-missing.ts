import { isRtpProto, parseRtpmap, STATIC_PAYLOAD_TYPES } from '../../core/sdp/sdp-media.js';
import { defineRule } from '../rule.js';
import { sdpOf } from '../util/sdp.js';

export default defineRule({
  meta: {
    id: 'rtpmap-missing',
    category: 'media',
    severity: 'error',
    description: 'An RTP m= line lists a payload type that has no a=rtpmap and no static assignment (a dynamic type 96-127 or an unassigned one), so nobody can tell which codec it is.',
    ref: 'RFC 4566 §6 (rtpmap); RFC 3551 §6; RFC 3264 §5.1',
    fix: 'Add an a=rtpmap line for every dynamic payload type on the m= line, e.g. "a=rtpmap:101 telephone-event/8000" or "a=rtpmap:111 opus/48000/2"; or remove the payload type from the m= line.',
    messages: {
      missing: 'payload type {{pt}} on this m= line has no a=rtpmap and no static meaning: the other side does not know the codec, so it ignores the format (or rejects the offer with 488 when nothing else is left)',
    },
  },
  visits: 'sdpBodies',
  message(ctx, m) {
    const text = sdpOf(m.message)?.text;
    if (text === undefined) return;
    // the body's lines as text.split(/\r?\n/) cuts them, as positions (no string per line)
    const starts: number[] = [];
    const ends: number[] = [];
    for (let p = 0; ; ) {
      const nl = text.indexOf('\n', p);
      const e = nl < 0 ? text.length : nl;
      starts.push(p);
      ends.push(e > p && text.charCodeAt(e - 1) === 13 ? e - 1 : e);
      if (nl < 0) break;
      p = nl + 1;
    }
    const n = starts.length;
    // read m= blocks directly: the positions of the formats on the m= line are what we report
    for (let i = 0; i < n && i < 10000; i++) {
      if (!text.startsWith('m=', starts[i])) continue;
      const words = text.slice(starts[i]! + 2, ends[i]).split(' ');
      if (words.length < 4 || !isRtpProto(words[2]!)) continue;
      // the block's a=rtpmap lines are read only when a format needs one
      let needed = false;
      for (let k = 3; k < words.length && !needed; k++) {
        const pt = payloadType(words[k]!);
        needed = pt >= 0 && pt <= 127 && !STATIC_PAYLOAD_TYPES.has(pt);
      }
      if (!needed) continue;
      const mapped = new Set<number>();
      for (let j = i + 1; j < n && !text.startsWith('m=', starts[j]) && j < i + 10000; j++) {
        if (text.startsWith('a=rtpmap:', starts[j])) {
          const r = parseRtpmap(text.slice(starts[j]! + 9, ends[j]));
          if (r) mapped.add(r.payloadType);
        }
      }
      // after "m=" and the first three words with their spaces
      let col = 2 + words[0]!.length + words[1]!.length + words[2]!.length + 2 + 1;
      for (let k = 3; k < words.length; k++) {
        const f = words[k]!;
        const pt = payloadType(f);
        if (pt >= 0 && pt <= 127 && !mapped.has(pt) && !STATIC_PAYLOAD_TYPES.has(pt)) {
          ctx.report({ messageId: 'missing', data: { pt }, message: m, at: { bodyLine: i + 1, column: col + 1, length: f.length } });
        }
        col += f.length + 1;
      }
    }
  },
});

/** A format as a payload type (up to three digits), or -1. */
function payloadType(f: string): number {
  return /^\d{1,3}$/.test(f) ? Number(f) : -1;
}
