import { defineRule } from '../rule.js';
import { siteLocation } from '../util/fields.js';
import { numberSites } from '../util/numbers.js';

export default defineRule({
  meta: {
    id: 'tel-local-no-context',
    category: 'numbers',
    severity: 'error',
    description: 'A tel: URI, or a SIP URI with user=phone, holds a local number (no "+") without a phone-context, so nobody can tell which country or network it belongs to.',
    ref: 'RFC 3966 §5.1.4, §5.1.5; RFC 3261 §19.1.6; OpenSIPS #2408',
    fix: 'Send the number in global form (tel:+441632960123, sip:+441632960123@carrier.example;user=phone), which needs no context. If it really is a local or private number, add ;phone-context= with the country code (+44) or the domain that defines it.',
    messages: {
      tel: 'the {{header}} tel: number {{number}} is local (no "+") and has no phone-context: it has no meaning outside your network, so the carrier cannot route it (404, 484 or 476)',
      userPhone: 'the {{header}} number {{number}} is marked user=phone but is local (no "+") and has no phone-context: per RFC 3966 it needs one, and the carrier has to guess the country',
    },
  },
  visits: 'requests',
  message(ctx, m) {
    const msg = m.message;
    if (msg.kind !== 'request') return;
    for (const site of numberSites(msg)) {
      const n = site.number;
      if (n.plus || n.phoneContext !== null) continue;
      if (site.uri.type === 'tel') {
        ctx.report({ messageId: 'tel', data: { header: site.label, number: n.text }, message: m, at: siteLocation(site) });
      } else if (site.uri.type === 'sip' && (site.uri.params.get('user') ?? '').toLowerCase() === 'phone') {
        ctx.report({ messageId: 'userPhone', data: { header: site.label, number: n.text }, message: m, at: siteLocation(site) });
      }
    }
  },
});
