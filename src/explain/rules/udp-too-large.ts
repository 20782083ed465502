import { defineRule } from '../rule.js';
import { transportOf } from '../util/transport.js';

/** RFC 3261 §18.1.1: over UDP a request within 200 bytes of the path MTU, or larger than 1300 bytes when the MTU is unknown, must go over a congestion-controlled transport. */
const LIMIT = 1300;

/** Size on the wire: the bytes read, plus a CR for every bare LF of the header (text saved from a log). */
function wireSize(input: Buffer, start: number, headEnd: number, end: number): number {
  let bare = 0;
  for (let i = input.indexOf(10, start); i >= 0 && i < headEnd; i = input.indexOf(10, i + 1)) if (i === start || input[i - 1] !== 13) bare++;
  return end - start + bare;
}

export default defineRule({
  meta: {
    id: 'udp-too-large',
    category: 'hygiene',
    severity: 'warning',
    description: 'A message sent over UDP is larger than 1300 bytes: it is fragmented at the IP layer, and fragments are often dropped by firewalls and NAT.',
    ref: 'RFC 3261 §18.1.1',
    fix: 'Send large requests over TCP or TLS (RFC 3261 §18.1.1 requires it above 1300 bytes when the path MTU is unknown), or shrink the message: drop unused SDP attributes and codecs (WebRTC SDP is large), long Allow/Supported lists and X- headers.',
    messages: {
      request: 'this {{size}}-byte request goes over UDP: above 1300 bytes RFC 3261 §18.1.1 requires TCP, because the IP fragments are often dropped and the request then never arrives',
      response: 'this {{size}}-byte response goes over UDP: it is fragmented, and a firewall or NAT that drops fragments loses it',
    },
  },
  message(ctx, m) {
    const msg = m.message;
    const src = msg.source;
    if (!src || transportOf(m) !== 'udp') return;
    const size = wireSize(src.input, src.start, src.headEnd, src.end);
    if (size <= LIMIT) return;
    if (msg.kind === 'request') ctx.report({ messageId: 'request', data: { size }, message: m, at: { startLine: true } });
    else ctx.report({ messageId: 'response', data: { size }, message: m, at: { startLine: true }, severity: 'info' });
  },
});
