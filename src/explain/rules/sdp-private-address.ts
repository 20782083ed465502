import { effectiveConnection } from '../../core/sdp/sdp-media.js';
import { defineRule } from '../rule.js';
import { addressScope, describeScope, isUnreachable } from '../util/address-scope.js';
import { behindReachableRecordRoute } from '../util/fields.js';
import { sdpColumn, sdpOf } from '../util/sdp.js';

export default defineRule({
  meta: {
    id: 'sdp-private-address',
    category: 'nat',
    severity: 'warning',
    description: 'The SDP c= line (where media must be sent) holds a private, CGNAT, loopback or link-local address; or the o= line does, in an SDP not covered by a reachable Record-Route.',
    ref: 'RFC 4566 §5.2, §5.7; RFC 3264 §5; RFC 6598; RFC 4961 (symmetric RTP)',
    fix: "Put your public media address in c= (the NAT's public IP, STUN, or an SBC/media relay that anchors RTP), and open the RTP port range on the firewall. Some carriers 'latch' onto the address RTP really comes from (symmetric RTP), which hides the problem until they stop doing it.",
    messages: {
      connection: 'the {{media}} stream asks for media at {{address}}, {{scope}}: the carrier sends RTP there and it never arrives, so you hear nothing (one-way audio) unless the carrier latches onto your real source address',
      origin: 'the SDP origin (o=) names {{address}}, {{scope}}, while c= is public: harmless for media, but it shows the SDP was built behind NAT and rewritten on the way (a SIP ALG?)',
    },
  },
  visits: 'sdpBodies',
  message(ctx, m) {
    const parsed = sdpOf(m.message);
    if (!parsed) return;
    const sdp = parsed.sdp;
    let privateConnection = false;
    const seen = new Set<number>();
    for (const media of sdp.media) {
      if (media.port === 0) continue;
      const c = effectiveConnection(media, sdp);
      if (!c) continue;
      const scope = addressScope(c.address);
      // 0.0.0.0 is hold (sdp-hold)
      if (!isUnreachable(scope) || scope === 'unspecified') continue;
      privateConnection = true;
      if (seen.has(c.line)) continue;
      seen.add(c.line);
      ctx.report({ messageId: 'connection', data: { media: media.type, address: c.address, scope: describeScope(scope) }, message: m, at: { bodyLine: c.line, column: sdpColumn(parsed.lines, c.line, c.address, 2), length: c.address.length } });
    }
    const o = sdp.origin;
    if (!o || privateConnection || sdp.media.length === 0 || behindReachableRecordRoute(m)) return;
    const scope = addressScope(o.address);
    if (!isUnreachable(scope) || scope === 'unspecified') return;
    ctx.report({ messageId: 'origin', data: { address: o.address, scope: describeScope(scope) }, message: m, at: { bodyLine: o.line, column: sdpColumn(parsed.lines, o.line, o.address, 2), length: o.address.length }, severity: 'info' });
  },
});
