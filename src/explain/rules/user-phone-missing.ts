import { defineRule } from '../rule.js';
import { siteLocation } from '../util/fields.js';
import { numberSites } from '../util/numbers.js';

export default defineRule({
  meta: {
    id: 'user-phone-missing',
    category: 'numbers',
    severity: 'error',
    needsProfile: true,
    description: 'A SIP URI with a telephone number as its user has no ;user=phone, and the carrier profile says the carrier requires it (profile.userPhone: "required").',
    ref: 'RFC 3261 §19.1.1, §19.1.6; livekit/sip #615 (Airtel-type trunks)',
    fix: 'Add ;user=phone after the host of every SIP URI that carries a number (Request-URI, To, From, P-Asserted-Identity): sip:+14155550100@carrier.example;user=phone. It goes inside the <...> of a header, because outside it would be a header parameter.',
    messages: {
      missing: 'the {{header}} number {{number}} has no ;user=phone: this carrier reads the user part as a telephone number only with it, and otherwise treats it as a user name (404/484)',
    },
  },
  visits: 'requests',
  message(ctx, m) {
    const msg = m.message;
    if (ctx.profile.userPhone !== 'required' || msg.kind !== 'request' || msg.method === 'ACK' || msg.method === 'CANCEL') return;
    for (const site of numberSites(msg)) {
      if (site.uri.type !== 'sip' || site.role === 'diversion' || site.role === 'ppi') continue;
      const user = site.uri.params.get('user');
      if (typeof user === 'string' && user.toLowerCase() === 'phone') continue;
      ctx.report({ messageId: 'missing', data: { header: site.label, number: site.number.text }, message: m, at: siteLocation(site) });
    }
  },
});
