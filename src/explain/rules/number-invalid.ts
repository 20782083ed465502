import { defineRule } from '../rule.js';
import { siteLocation } from '../util/fields.js';
import { INVALID_NUMBER_CODES, judgeNumber } from '../util/number-plan.js';
import { numberSites } from '../util/numbers.js';

export default defineRule({
  meta: {
    id: 'number-invalid',
    category: 'numbers',
    severity: 'warning',
    description: "A number in the Request-URI, To, From, P-Asserted-Identity, P-Preferred-Identity or Diversion of an INVITE is not a valid number for its country (libphonenumber's numbering plan): too short, too long, an unknown country code, or a range not in service.",
    ref: 'ITU-T E.164 §6; RFC 3966 §5.1.4; libphonenumber metadata (PhoneNumberMetadata.xml); Twilio error 13224',
    fix: 'Send a complete number of a real numbering plan range: with "+" and the country code (+14155550100), or as a national number with profile.country set so siptool can read it. Internal extensions (1000) and test ranges must not leave your PBX towards the carrier. `siptool number explain NUMBER` says what is wrong with a number.',
    messages: {
      invalid: 'the {{header}} number {{number}} is not a valid number: {{reason}}; the carrier rejects the call (404/484) or, for a caller ID, blocks or anonymises it',
    },
  },
  visits: 'initialInvites',
  message(ctx, m) {
    const msg = m.message;
    if (msg.kind !== 'request' || msg.method !== 'INVITE' || msg.toTag !== undefined) return;
    for (const site of numberSites(msg)) {
      // a national number can only be judged with the profile's country
      if (!site.number.plus && !ctx.profile.country && site.number.phoneContext === null) continue;
      const pc = site.number.phoneContext;
      const v = judgeNumber(pc !== null ? `tel:${site.number.text};phone-context=${pc}` : site.number.text, ctx.profile);
      if (v.valid || !v.problem || !INVALID_NUMBER_CODES.has(v.problem.code)) continue;
      // the called number decides where the call goes: an invalid one fails the call
      const severity = site.role === 'requestUri' || site.role === 'to' ? 'error' : undefined;
      ctx.report({ messageId: 'invalid', data: { header: site.label, number: site.number.text, reason: v.problem.message }, message: m, at: siteLocation(site), ...(severity ? { severity } : {}) });
    }
  },
});
