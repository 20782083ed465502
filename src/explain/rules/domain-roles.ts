import { endpointText } from '../flow-message.js';
import { defineRule } from '../rule.js';
import { addressesOf, sipUriOf } from '../util/fields.js';

export default defineRule({
  meta: {
    id: 'domain-roles',
    category: 'routing',
    severity: 'info',
    description: 'Explains, for each INVITE that starts a call, which host each header names and what it is for: Request-URI, next hop, To, From, Contact and Via.',
    ref: 'RFC 3261 §8.1.1, §8.1.2, §18.2.2; Twilio SIP trunking troubleshooting; livekit/sip #545',
    fix: "Nothing to fix by itself: read it to check that each host is what it should be. The Request-URI host must be the carrier's termination domain; the next hop may be an outbound proxy (a Route); the From/P-Asserted-Identity user is your caller ID; the Contact and Via must be addresses the carrier can reach.",
    messages: {
      roles: 'who is who in this INVITE: the Request-URI {{ruri}}; the next hop is {{nextHop}}; To {{to}} is the callee as shown to them; From {{from}} carries the caller ID{{pai}}; Contact {{contact}} is where ACK, BYE and re-INVITEs must go; Via {{via}} is where responses go',
    },
  },
  visits: 'initialInvites',
  message(ctx, m) {
    const msg = m.message;
    if (msg.kind !== 'request' || msg.method !== 'INVITE' || msg.toTag !== undefined) return;
    const ruri = msg.requestUri;
    const host = (u: ReturnType<typeof sipUriOf>): string => (u ? `${u.user ? u.user + '@' : ''}${u.host}` : '(not a SIP URI)');
    const route = addressesOf(msg.getAll('Route'))[0];
    const routeUri = sipUriOf(route?.address);
    let nextHop: string;
    if (routeUri) nextHop = `${routeUri.host} (the first Route: an outbound proxy)`;
    else if (ruri?.type === 'sip') nextHop = `${ruri.host}${ruri.port ? ':' + ruri.port : ''} (no Route: resolved from the Request-URI with DNS, RFC 3263)`;
    else nextHop = 'not named in the message (no Route)';
    if (m.dst) nextHop += `, and the packet went to ${endpointText(m.dst)}`;
    const pai = sipUriOf(addressesOf(msg.getAll('P-Asserted-Identity'))[0]?.address);
    const contacts = msg.contacts;
    const contact = contacts === '*' ? undefined : sipUriOf(contacts[0]);
    const via = msg.topVia;
    ctx.report({
      messageId: 'roles',
      data: {
        ruri: ruri?.type === 'sip' ? `host ${ruri.host} is the domain the request is routed on (towards a carrier: its termination domain)` : `${msg.uri} is not a SIP URI (a tel: URI is routed on the number alone)`,
        nextHop,
        to: host(sipUriOf(msg.to)),
        from: host(sipUriOf(msg.from)),
        pai: pai ? ` (and P-Asserted-Identity ${host(pai)}, which trunks trust first)` : '',
        contact: contact ? `${contact.host}${contact.port ? ':' + contact.port : ''}` : '(none)',
        via: via ? `${via.host}${via.port ? ':' + via.port : ''}${via.params.has('rport') ? ' (with rport: the source address wins)' : ''}` : '(none)',
      },
      message: m,
      at: { startLine: true },
    });
  },
});
