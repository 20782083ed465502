import { bareHost } from '../../core/uri/host.js';
import { requestOf, type Transaction } from '../build-flow.js';
import { defineRule, type RuleContext } from '../rule.js';
import { addressScope, isUnreachable } from '../util/address-scope.js';

export default defineRule({
  meta: {
    id: 'via-received-nat',
    category: 'nat',
    severity: 'info',
    description: "A response's top Via carries received= (and rport=) with another address than the request's sent-by: the server saw the request come from a NAT, and says from where (reported once per call).",
    ref: 'RFC 3261 §18.2.1; RFC 3581 §4',
    fix: 'Nothing to fix in the Via itself: this tells you your public address and port as the carrier sees them. Make sure the Contact and the SDP c= carry an address the carrier can reach (the public one, or an SBC), and keep the NAT binding alive (re-REGISTER or keepalives).',
    messages: {
      nat: 'the carrier saw this request come from {{received}}{{rport}}, not from {{sentBy}}: you are behind NAT, and that is your public address; the Contact and SDP must not carry {{sentBy}}',
      natNoRport: 'the carrier saw this request come from {{received}}, not from {{sentBy}}, and the request asked for no rport: this response went to port {{port}} of {{received}}, which only works if the NAT keeps that port',
    },
  },
  call(ctx, c) {
    for (const t of c.transactions) if (check(ctx, t)) return;
  },
});

/** Reports the transaction's first response when it shows NAT; true when it did. */
function check(ctx: RuleContext, t: Transaction): boolean {
  const req = requestOf(t);
  const resp = t.responses[0];
  if (!req || !resp) return false;
  const via = resp.message.topVia;
  const field = resp.message.get('Via');
  const received = via?.params.get('received');
  if (!via || !field || typeof received !== 'string' || received === '' || via.hostType === 'domain') return false;
  if (bareHost(received) === bareHost(via.host)) return false;
  const asked = req.message.topVia?.params.has('rport') ?? false;
  const rport = via.params.get('rport');
  // a private sent-by without rport is via-private-no-rport's, reported on the request
  if (!asked && isUnreachable(addressScope(via.host))) return false;
  const data = { received, rport: typeof rport === 'string' && rport !== '' ? `:${rport}` : '', sentBy: via.host, port: via.port ?? 5060 };
  const index = Math.max(0, field.lexValue.indexOf('received='));
  ctx.report({ messageId: asked ? 'nat' : 'natNoRport', data, message: resp, at: { field, index, length: 9 + received.length }, ...(asked ? {} : { severity: 'warning' as const }) });
  return true;
}
