import { defineRule } from '../rule.js';
import { isCarrierHost } from '../util/carrier.js';
import { sipUriOf, siteLocation } from '../util/fields.js';
import { digitsOf, numberSites, sameDigits, type NumberSite } from '../util/numbers.js';

/** Which identity the carrier screens: P-Preferred-Identity, then P-Asserted-Identity, then From (Telnyx's order). */
const ORDER: Array<NumberSite['role']> = ['ppi', 'pai', 'from'];

export default defineRule({
  meta: {
    id: 'caller-id-not-owned',
    category: 'numbers',
    severity: 'error',
    needsProfile: true,
    description: "The caller ID of an outgoing INVITE (P-Preferred-Identity, P-Asserted-Identity or From, the first present) is not one of the trunk's numbers (profile.ownedNumbers), compared on digits.",
    ref: 'RFC 3325 §9.1; RFC 3261 §21.4.4 (403); Telnyx Caller ID Policy (D35); Twilio "Caller ID is unauthorized"',
    fix: 'Present a number the trunk owns or has verified in the identity header the carrier reads (P-Asserted-Identity or From), or add the number to the trunk at the carrier (and to profile.ownedNumbers). For forwarded calls keep your own number as the identity and put the original caller in Diversion/History-Info.',
    messages: {
      notOwned: 'the caller ID {{number}} in {{header}} is not one of the trunk\'s numbers ({{owned}}): carriers screen it and answer 403 Forbidden, or replace or block the caller ID',
    },
  },
  visits: 'initialInvites',
  message(ctx, m) {
    const owned = ctx.profile.ownedNumbers;
    const msg = m.message;
    if (!owned || owned.length === 0 || msg.kind !== 'request' || msg.method !== 'INVITE' || msg.toTag !== undefined) return;
    // a call from the carrier to you carries its customer's caller ID, not yours
    const domains = ctx.profile.domains ?? [];
    const fromHost = sipUriOf(msg.from)?.host;
    const toHost = sipUriOf(msg.to)?.host;
    if (domains.length > 0 && fromHost !== undefined && isCarrierHost(fromHost, domains) && !(toHost !== undefined && isCarrierHost(toHost, domains))) return;
    const sites = numberSites(msg);
    const site = ORDER.map((r) => sites.find((s) => s.role === r)).find((s) => s !== undefined);
    if (!site) return;
    const digits = site.number.digits;
    if (owned.some((o) => sameDigits(digitsOf(o), digits))) return;
    ctx.report({ messageId: 'notOwned', data: { number: site.number.text, header: site.label, owned: owned.join(', ') }, message: m, at: siteLocation(site) });
  },
});
