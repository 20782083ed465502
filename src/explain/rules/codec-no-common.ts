import { isRtpProto, rtpmaps } from '../../core/sdp/sdp-media.js';
import { defineRule } from '../rule.js';
import { sdpOf } from '../util/sdp.js';

/** Payload formats that are not codecs: DTMF, comfort noise, redundancy, FEC. */
const NOT_CODECS = new Set(['telephone-event', 'cn', 'red', 'ulpfec', 'flexfec', 'rtx']);

export default defineRule({
  meta: {
    id: 'codec-no-common',
    category: 'media',
    severity: 'error',
    needsProfile: true,
    description: 'An SDP audio stream offers no codec the trunk accepts (profile.codecs): the call fails with 488 Not Acceptable Here or has no audio.',
    ref: 'RFC 3264 §5.1, §6; RFC 3261 §21.4.26 (488); Twilio error 32207; Exotel error table',
    fix: "Offer at least one codec the carrier takes (profile.codecs), usually G.711: PCMU (payload type 0) in North America, PCMA (8) elsewhere. A WebRTC or Opus-only client needs a media gateway or SBC that transcodes to G.711.",
    messages: {
      none: 'the {{media}} stream offers {{offered}}, none of which the trunk accepts ({{accepted}}): the carrier answers 488 Not Acceptable Here',
    },
  },
  visits: 'sdpBodies',
  message(ctx, m) {
    const accepted = ctx.profile.codecs;
    if (!accepted || accepted.length === 0) return;
    const parsed = sdpOf(m.message);
    if (!parsed) return;
    const want = new Set(accepted.map((c) => c.toLowerCase()));
    for (const media of parsed.sdp.media) {
      if (media.type !== 'audio' || media.port === 0 || !isRtpProto(media.proto)) continue;
      const codecs = rtpmaps(media).filter((r) => !NOT_CODECS.has(r.encoding.toLowerCase()));
      if (codecs.length === 0 || codecs.some((r) => want.has(r.encoding.toLowerCase()))) continue;
      const offered = [...new Set(codecs.map((r) => r.encoding))].join(', ');
      ctx.report({ messageId: 'none', data: { media: media.type, offered, accepted: accepted.join(', ') }, message: m, at: { bodyLine: media.line } });
    }
  },
});
