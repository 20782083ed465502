import { defineRule } from '../rule.js';
import { addressScope, describeScope, isUnreachable } from '../util/address-scope.js';
import { isStream, transportOf } from '../util/transport.js';

export default defineRule({
  meta: {
    id: 'via-private-no-rport',
    category: 'nat',
    severity: 'warning',
    description: "A UDP request's top Via names a private address and asks for no rport, so responses are sent to the sent-by port on the NAT's public address, which the NAT does not forward.",
    ref: 'RFC 3261 §18.2.1, §18.2.2; RFC 3581 §4',
    fix: 'Add ;rport to the top Via (RFC 3581): the server then answers to the address and port the request really came from. Or put your public address and a forwarded port in the Via sent-by.',
    messages: {
      noRport: 'the top Via sent-by {{host}} is {{scope}} and has no ;rport: the server answers to the public address it saw but to port {{port}} from the Via, not to the port your NAT opened, so responses are lost unless the NAT happens to keep the port',
    },
  },
  visits: 'requests',
  message(ctx, m) {
    const msg = m.message;
    if (msg.kind !== 'request') return;
    const via = msg.topVia;
    const field = msg.get('Via');
    if (!via || !field || via.params.has('rport')) return;
    // over a connection the response comes back on it (RFC 3261 §18.2.2)
    if (isStream(transportOf(m))) return;
    const scope = addressScope(via.host);
    if (!isUnreachable(scope)) return;
    // when the packet's source is known and differs, via-sent-by-mismatch says it with facts
    if (m.src && m.src.address !== via.host.replace(/^\[|\]$/g, '')) return;
    const data = { host: via.host, scope: describeScope(scope), port: via.port ?? 5060 };
    ctx.report({ messageId: 'noRport', data, message: m, at: { field, index: Math.max(0, field.lexValue.indexOf(via.host)), length: via.host.length } });
  },
});
