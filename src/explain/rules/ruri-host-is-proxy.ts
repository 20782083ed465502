import { defineRule } from '../rule.js';
import { sipUriOf } from '../util/fields.js';
import { digitsOf } from '../util/numbers.js';

export default defineRule({
  meta: {
    id: 'ruri-host-is-proxy',
    category: 'routing',
    severity: 'warning',
    description: 'An INVITE has an IP address in the Request-URI while its To names a domain, and no Route: the outbound proxy or SBC address was put where the carrier expects its domain.',
    ref: 'RFC 3261 §8.1.1.1, §8.1.2, §16.12.1.2; livekit/sip #545; emiago/diago #83',
    fix: 'Keep the carrier domain in the Request-URI (sip:+14155550100@trunk.carrier.example) and send the request to the proxy with a pre-loaded Route (Route: <sip:203.0.113.5;lr>) or your stack\'s outbound-proxy setting. With a carrier profile (profile.domains) the rule ruri-not-carrier-domain checks this more precisely.',
    messages: {
      proxyInRuri: 'the Request-URI host is the address {{host}} while the To names {{toHost}}: the carrier finds your trunk by the Request-URI host, and many reject or ignore a request for a bare IP; name {{toHost}} there and reach {{host}} through a Route',
    },
  },
  message(ctx, m) {
    const msg = m.message;
    if (ctx.profile.domains && ctx.profile.domains.length > 0) return;
    if (msg.kind !== 'request' || msg.method !== 'INVITE' || msg.toTag !== undefined || msg.has('Route')) return;
    const ruri = msg.requestUri;
    const to = sipUriOf(msg.to);
    if (!ruri || ruri.type !== 'sip' || !to || ruri.hostType === 'domain' || to.hostType !== 'domain') return;
    // the same callee: same user, or the same number
    const same = ruri.user !== null && to.user !== null && (ruri.user === to.user || (digitsOf(ruri.user).length >= 6 && digitsOf(ruri.user) === digitsOf(to.user)));
    if (!same) return;
    const line = msg.source?.startLine ?? msg.startLine;
    const at = line.indexOf(ruri.host, Math.max(0, line.indexOf('@')));
    ctx.report({ messageId: 'proxyInRuri', data: { host: ruri.host, toHost: to.host }, message: m, at: { startLine: true, index: Math.max(0, at), length: ruri.host.length } });
  },
});
