import { attributeValues, cryptos, isRtpProto } from '../../core/sdp/sdp-media.js';
import { defineRule } from '../rule.js';
import { sdpColumn, sdpOf } from '../util/sdp.js';

export default defineRule({
  meta: {
    id: 'srtp-mismatch',
    category: 'media',
    severity: 'error',
    description: 'The media profile does not fit: SRTP (RTP/SAVP) offered to a plain-RTP trunk or plain RTP to a secure one (profile.srtp), SRTP without keys, or WebRTC DTLS-SRTP offered to a trunk.',
    ref: 'RFC 3711; RFC 4568 §3.1.4 (SDES); RFC 5763 (DTLS-SRTP); RFC 3264 §6; Twilio errors 32207, 32208 and Secure Media',
    fix: 'Match the trunk: with secure trunking use m=audio ... RTP/SAVP with an a=crypto line (AES_CM_128_HMAC_SHA1_80, SDES) and TLS signalling; without it use RTP/AVP and no a=crypto. Trunks do not do DTLS-SRTP or ICE: put a WebRTC gateway or SBC in front.',
    messages: {
      srtpToPlain: 'the {{media}} stream is {{proto}} (SRTP), but the trunk does plain RTP only: it answers 488, or sends RTP that your side drops',
      rtpToSecure: 'the {{media}} stream is {{proto}} (plain RTP), but the trunk requires SRTP: it answers 488 (Twilio 32208) or the call has no audio',
      noKeys: 'the {{media}} stream is {{proto}} (SRTP) but carries no a=crypto and no a=fingerprint: the other side has no key and cannot decrypt anything',
      dtls: 'the {{media}} stream uses DTLS-SRTP (a=fingerprint, {{proto}}), the WebRTC way: SIP trunks expect SDES keys (a=crypto) or plain RTP and answer 488',
    },
  },
  visits: 'sdpBodies',
  message(ctx, m) {
    const parsed = sdpOf(m.message);
    if (!parsed) return;
    const sdp = parsed.sdp;
    const policy = ctx.profile.srtp;
    const sessionFingerprint = attributeValues(sdp.attributes, 'fingerprint').length > 0;
    for (const media of sdp.media) {
      if (media.port === 0 || !isRtpProto(media.proto)) continue;
      const secure = /SAVP/i.test(media.proto);
      const fingerprint = sessionFingerprint || attributeValues(media.attributes, 'fingerprint').length > 0;
      const hasCrypto = cryptos(media).length > 0;
      // the column only for a finding: the body is split into lines only then
      const report = (messageId: string, severity?: 'warning'): void => {
        const at = { bodyLine: media.line, column: sdpColumn(parsed.lines, media.line, media.proto), length: media.proto.length };
        ctx.report({ messageId, data: { media: media.type, proto: media.proto }, message: m, at, ...(severity ? { severity } : {}) });
      };
      if (secure && !hasCrypto && !fingerprint) report('noKeys');
      else if (secure && policy === 'forbidden') report('srtpToPlain');
      else if (!secure && policy === 'required') report('rtpToSecure');
      else if (secure && fingerprint && !hasCrypto && policy !== undefined) report('dtls', 'warning');
    }
  },
});
