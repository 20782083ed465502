import { mediaDirection, effectiveConnection } from '../../core/sdp/sdp-media.js';
import type { SdpAttribute } from '../../core/sdp/types.js';
import { defineRule } from '../rule.js';
import { sdpColumn, sdpOf } from '../util/sdp.js';

const HOLD = new Set(['sendonly', 'inactive']);

function directionLine(media: SdpAttribute[], session: SdpAttribute[]): number | undefined {
  const a = media.find((x) => HOLD.has(x.name)) ?? session.find((x) => HOLD.has(x.name));
  return a?.line;
}

export default defineRule({
  meta: {
    id: 'sdp-hold',
    category: 'media',
    severity: 'info',
    description: 'An SDP puts a stream on hold (a=sendonly, a=inactive, or c=0.0.0.0): one-way or no audio on purpose, not an error.',
    ref: 'RFC 3264 §8.4; RFC 2543 §B.5 (c=0.0.0.0)',
    fix: 'Nothing to fix if a hold was intended. If the call has one-way audio and nobody pressed hold, look at who sent this SDP and why; an initial INVITE should offer a=sendrecv.',
    messages: {
      direction: 'the {{media}} stream is a={{direction}}: the sender puts the call on hold (RFC 3264 §8.4), so audio flows {{flow}}; this is not a network fault',
      initial: 'this INVITE starts the call with its {{media}} stream a={{direction}}: the callee will send no audio until a re-INVITE changes it (check the app does not offer hold by mistake)',
      zeroAddress: 'the {{media}} stream has c=0.0.0.0, the RFC 2543 way to put a call on hold: no media is sent to it',
    },
  },
  visits: 'sdpBodies',
  message(ctx, m) {
    const parsed = sdpOf(m.message);
    if (!parsed) return;
    const sdp = parsed.sdp;
    const msg = m.message;
    const initial = msg.kind === 'request' && msg.method === 'INVITE' && msg.toTag === undefined;
    for (const media of sdp.media) {
      if (media.port === 0) continue;
      const dir = mediaDirection(media, sdp);
      if (dir === 'sendonly' || dir === 'inactive') {
        const line = directionLine(media.attributes, sdp.attributes) ?? media.line;
        const data = { media: media.type, direction: dir, flow: dir === 'inactive' ? 'in neither direction' : 'one way only (music on hold, announcements)' };
        ctx.report({ messageId: initial ? 'initial' : 'direction', data, message: m, at: { bodyLine: line }, ...(initial ? { severity: 'warning' as const } : {}) });
      }
      const c = effectiveConnection(media, sdp);
      if (c && c.address === '0.0.0.0') ctx.report({ messageId: 'zeroAddress', data: { media: media.type }, message: m, at: { bodyLine: c.line, column: sdpColumn(parsed.lines, c.line, '0.0.0.0'), length: 7 } });
    }
  },
});
