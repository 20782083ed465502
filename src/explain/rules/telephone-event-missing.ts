import { isRtpProto, rtpmaps } from '../../core/sdp/sdp-media.js';
import { defineRule } from '../rule.js';
import { sdpOf } from '../util/sdp.js';

export default defineRule({
  meta: {
    id: 'telephone-event-missing',
    category: 'media',
    severity: 'warning',
    description: 'An audio stream offers no telephone-event payload type, so DTMF key presses cannot be sent as RFC 4733 events.',
    ref: 'RFC 4733 §2.1, §7.1; RFC 3264 §5.1',
    fix: 'Add a telephone-event payload type to every audio m= line: the number on the m= line and "a=rtpmap:101 telephone-event/8000" plus "a=fmtp:101 0-16" (use the clock rate of your codec, 8000 for G.711). IVRs and voicemail systems behind the trunk otherwise do not hear the keys (in-band tones survive only G.711, and not always).',
    messages: {
      missing: 'the {{media}} stream offers no telephone-event ({{codecs}} only): DTMF can only go in-band, which IVRs often miss and compressed codecs destroy',
    },
  },
  visits: 'sdpBodies',
  message(ctx, m) {
    const parsed = sdpOf(m.message);
    if (!parsed) return;
    for (const media of parsed.sdp.media) {
      if (media.type !== 'audio' || media.port === 0 || !isRtpProto(media.proto)) continue;
      const maps = rtpmaps(media);
      if (maps.length === 0 || maps.some((r) => r.encoding.toLowerCase() === 'telephone-event')) continue;
      ctx.report({ messageId: 'missing', data: { media: media.type, codecs: [...new Set(maps.map((r) => r.encoding))].join(', ') }, message: m, at: { bodyLine: media.line } });
    }
  },
});
