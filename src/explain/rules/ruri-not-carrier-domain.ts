import { defineRule } from '../rule.js';
import { isCarrierHost } from '../util/carrier.js';
import { sipUriOf } from '../util/fields.js';

export default defineRule({
  meta: {
    id: 'ruri-not-carrier-domain',
    category: 'routing',
    severity: 'error',
    needsProfile: true,
    description: "An INVITE to the carrier has a Request-URI host that is not one of the carrier's domains (profile.domains).",
    ref: 'RFC 3261 §8.1.1.1, §8.1.2; carrier termination settings (profile.domains); Twilio SIP trunking troubleshooting',
    fix: "Set the Request-URI host to the carrier's termination domain (profile.domains), for example sip:+14155550100@yourtrunk.pstn.example.com. The host you send to (an outbound proxy or an IP address) can differ: configure it as an outbound proxy (a pre-loaded Route with ;lr, or DNS), not as the Request-URI. Some carriers drop requests for any other host without answering.",
    messages: {
      wrongHost: 'the Request-URI host {{host}} is not a carrier domain ({{domains}}): the carrier picks your trunk by this host and may drop or reject the call',
      toIsCarrier: 'the Request-URI host {{host}} is not a carrier domain, although the To names {{toHost}}: the Request-URI decides where the call goes, the To is only shown to the callee',
    },
  },
  visits: 'initialInvites',
  message(ctx, m) {
    const domains = ctx.profile.domains;
    const msg = m.message;
    if (!domains || domains.length === 0 || msg.kind !== 'request' || msg.method !== 'INVITE') return;
    if (msg.toTag !== undefined) return; // in-dialog: the Request-URI is the remote Contact
    const uri = msg.requestUri;
    if (!uri || uri.type !== 'sip') return;
    if (isCarrierHost(uri.host, domains)) return;
    const fromHost = sipUriOf(msg.from)?.host;
    const toHost = sipUriOf(msg.to)?.host;
    const toCarrier = toHost !== undefined && isCarrierHost(toHost, domains);
    // the carrier calling you: From is its domain, the To and Request-URI are yours
    if (fromHost !== undefined && isCarrierHost(fromHost, domains) && !toCarrier) return;
    const line = msg.source?.startLine ?? msg.startLine;
    const uriAt = Math.max(0, line.indexOf(msg.uri));
    const at = line.toLowerCase().indexOf(uri.host.toLowerCase(), uriAt + (msg.uri.indexOf('@') + 1));
    const loc = { startLine: true as const, index: at < 0 ? uriAt : at, length: uri.host.length };
    if (toCarrier) ctx.report({ messageId: 'toIsCarrier', data: { host: uri.host, toHost: toHost! }, message: m, at: loc });
    else ctx.report({ messageId: 'wrongHost', data: { host: uri.host, domains: domains.join(', ') }, message: m, at: loc });
  },
});
