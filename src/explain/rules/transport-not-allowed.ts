import { defineRule } from '../rule.js';
import { isCarrierHost } from '../util/carrier.js';
import { transportOf } from '../util/transport.js';

export default defineRule({
  meta: {
    id: 'transport-not-allowed',
    category: 'routing',
    severity: 'error',
    needsProfile: true,
    description: 'A request to the carrier travels over a transport the trunk does not accept (profile.transports), for example UDP or TCP to a secure trunk that requires TLS.',
    ref: 'RFC 3261 §18, §26.2.1; RFC 5630; Twilio error 32209 (TLS required)',
    fix: 'Send over a transport the trunk accepts: for a secure trunk use TLS (port 5061, ;transport=tls or a sips: URI) and SRTP; otherwise use what profile.transports lists. Check the SRV records with siptool resolve, and that your stack does not fall back to UDP.',
    messages: {
      notAllowed: 'this {{method}} travels over {{transport}}, but the trunk accepts only {{allowed}}: the carrier drops or rejects it (a secure trunk refuses plain signalling)',
    },
  },
  visits: 'requests',
  message(ctx, m) {
    const allowed = ctx.profile.transports;
    const msg = m.message;
    if (!allowed || allowed.length === 0 || msg.kind !== 'request' || msg.toTag !== undefined) return;
    const domains = ctx.profile.domains ?? [];
    const ruri = msg.requestUri;
    // only requests towards the carrier (when its domains are known)
    if (domains.length > 0 && !(ruri?.type === 'sip' && isCarrierHost(ruri.host, domains))) return;
    const t = transportOf(m);
    if (t === undefined || allowed.includes(t as (typeof allowed)[number])) return;
    const field = msg.get('Via');
    const index = field ? field.lexValue.toLowerCase().indexOf(`/${t}`) + 1 : 0;
    const data = { method: msg.method, transport: t.toUpperCase(), allowed: allowed.map((x) => x.toUpperCase()).join(', ') };
    ctx.report({ messageId: 'notAllowed', data, message: m, at: field && index > 0 ? { field, index, length: t.length } : { startLine: true } });
  },
});
