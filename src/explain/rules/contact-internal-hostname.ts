import { defineRule } from '../rule.js';
import { addressesOf, behindReachableRecordRoute, sipUriOf } from '../util/fields.js';
import { internalHostName } from '../util/hosts.js';

export default defineRule({
  meta: {
    id: 'contact-internal-hostname',
    category: 'nat',
    severity: 'error',
    description: 'The Contact names a host that resolves only inside your cloud, cluster or LAN (localhost, *.svc.cluster.local, *.internal, *.local, a single-label name), and no reachable Record-Route covers it.',
    ref: 'RFC 3261 §8.1.1.8, §12.1.1, §19.1.1; RFC 3263 §4; RFC 6762 (.local); RFC 8375 (home.arpa)',
    fix: "Advertise a name or address the carrier can resolve and reach: a public DNS name of your SIP endpoint or its public IP. In Kubernetes, set the SIP stack's external/advertised address to the load balancer's public name, not the pod or service name.",
    messages: {
      internal: 'Contact {{host}} is {{what}}: the carrier cannot resolve it, so its ACK, BYE and re-INVITEs for this dialog go nowhere (the call drops after ~32 s)',
    },
  },
  message(ctx, m) {
    const msg = m.message;
    if (msg.kind === 'response' && (msg.status < 101 || msg.status >= 300)) return;
    if (behindReachableRecordRoute(m)) return;
    for (const { field, address } of addressesOf(msg.getAll('Contact'))) {
      const uri = sipUriOf(address);
      if (!uri) continue;
      const what = internalHostName(uri.host);
      if (!what) continue;
      const base = Math.max(0, field.lexValue.indexOf(address.uriText));
      const i = field.lexValue.indexOf(uri.host, base + (address.uriText.indexOf('@') + 1));
      ctx.report({ messageId: 'internal', data: { host: uri.host, what }, message: m, at: { field, index: i < 0 ? base : i, length: uri.host.length } });
    }
  },
});
