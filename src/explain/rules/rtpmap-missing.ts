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
  message(ctx, m) {
    // an SDP body's lines, split once for every media rule (an empty body has no m= line)
    const lines = sdpOf(m.message)?.lines;
    if (!lines) return;
    // read m= blocks directly: the positions of the formats on the m= line are what we report
    for (let i = 0; i < lines.length && i < 10000; i++) {
      const line = lines[i]!;
      if (!line.startsWith('m=')) continue;
      const words = line.slice(2).split(' ');
      if (words.length < 4 || !isRtpProto(words[2]!)) continue;
      const mapped = new Set<number>();
      for (let j = i + 1; j < lines.length && !lines[j]!.startsWith('m=') && j < i + 10000; j++) {
        const a = lines[j]!;
        if (a.startsWith('a=rtpmap:')) {
          const r = parseRtpmap(a.slice(9));
          if (r) mapped.add(r.payloadType);
        }
      }
      let col = 2 + words.slice(0, 3).join(' ').length + 1;
      for (const f of words.slice(3)) {
        const pt = /^\d{1,3}$/.test(f) ? Number(f) : -1;
        if (pt >= 0 && pt <= 127 && !mapped.has(pt) && !STATIC_PAYLOAD_TYPES.has(pt)) {
          ctx.report({ messageId: 'missing', data: { pt }, message: m, at: { bodyLine: i + 1, column: col + 1, length: f.length } });
        }
        col += f.length + 1;
      }
    }
  },
});
