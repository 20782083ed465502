import { bareHost } from '../../core/uri/host.js';
import { endpointText } from '../flow-message.js';
import { defineRule } from '../rule.js';
import { isStream, transportOf } from '../util/transport.js';

export default defineRule({
  meta: {
    id: 'via-sent-by-mismatch',
    category: 'nat',
    severity: 'warning',
    description: "A request's top Via sent-by differs from the address and port the packet really came from (known from a capture or log): a NAT is in between.",
    ref: 'RFC 3261 §18.2.1, §18.2.2; RFC 3581 §4; Kamailio nathelper nat_uac_test',
    fix: 'Add ;rport to the top Via so responses go back to the real source (RFC 3581), and make the Contact and SDP carry the public address (an "external address" setting, STUN, or an SBC). Or disable a SIP ALG on the router that rewrites some headers and not others.',
    messages: {
      noRport: 'the top Via says {{sentBy}} but the packet came from {{source}}, and the Via has no ;rport: the response goes to port {{port}} of {{received}}, which the NAT does not forward, so it is lost',
      withRport: 'the top Via says {{sentBy}} but the packet came from {{source}}: a NAT is in between; rport brings responses back, but the Contact and SDP must carry the public address too',
    },
  },
  visits: 'requests',
  message(ctx, m) {
    const msg = m.message;
    const src = m.src;
    if (msg.kind !== 'request' || !src) return;
    const via = msg.topVia;
    const field = msg.get('Via');
    if (!via || !field || via.hostType === 'domain') return;
    const t = transportOf(m);
    const port = via.port ?? (t === 'tls' || t === 'wss' ? 5061 : 5060);
    if (bareHost(via.host) === src.address.toLowerCase() && port === src.port) return;
    const rport = via.params.has('rport');
    // over a connection, responses reuse it (RFC 3261 §18.2.2): only the NAT itself is worth a note
    const severity = rport || isStream(t) ? ('info' as const) : undefined;
    const data = { sentBy: `${via.host}:${port}`, source: endpointText(src), port, received: src.address };
    ctx.report({ messageId: rport || isStream(t) ? 'withRport' : 'noRport', data, message: m, at: { field, index: Math.max(0, field.lexValue.indexOf(via.host)), length: via.host.length }, ...(severity ? { severity } : {}) });
  },
});
