import { defineRule } from '../rule.js';
import { siteLocation } from '../util/fields.js';
import { digitsOf, numberSites } from '../util/numbers.js';
import { decodeIdentity } from '../util/passport.js';

export default defineRule({
  meta: {
    id: 'identity-tn-mismatch',
    category: 'identity',
    severity: 'error',
    description: "The PASSporT's orig.tn or dest.tn does not match the calling number (P-Asserted-Identity, else From) or the called number (To), compared in canonical form (digits only).",
    ref: 'RFC 8224 §8.3 (canonicalization), §6.2.2; RFC 8225 §5.2.1; ATIS-1000074 §5.3',
    fix: 'Sign exactly the numbers the INVITE carries: orig.tn is the caller ID in P-Asserted-Identity (or From), dest.tn the number in To, both as digits with country code (14155550100). Normalise the numbers before signing, and do not change From, PAI or To after the Identity header was added (a B2BUA or number translation after signing breaks it).',
    messages: {
      orig: 'the PASSporT signs orig.tn {{signed}}, but the caller ID in {{header}} is {{number}} ({{digits}}): the verifier answers 438 Invalid Identity Header or treats the call as unsigned',
      dest: 'the PASSporT signs dest.tn {{signed}}, but the To number is {{number}} ({{digits}}): the verifier answers 438 Invalid Identity Header or treats the call as unsigned',
    },
  },
  visits: 'requests',
  message(ctx, m) {
    const msg = m.message;
    if (msg.kind !== 'request' || msg.method !== 'INVITE') return;
    const field = msg.get('Identity');
    if (!field) return;
    const r = decodeIdentity(field.lexValue);
    if (!r.ok) return;
    const p = r.passport;
    const sites = numberSites(msg);
    const caller = sites.find((s) => s.role === 'pai') ?? sites.find((s) => s.role === 'from');
    const callee = sites.find((s) => s.role === 'to');
    if (caller && p.origTn !== undefined && digitsOf(p.origTn) !== caller.number.digits) {
      ctx.report({ messageId: 'orig', data: { signed: p.origTn, header: caller.label, number: caller.number.text, digits: caller.number.digits }, message: m, at: siteLocation(caller) });
    }
    if (callee && p.destTns.length > 0 && !p.destTns.some((t) => digitsOf(t) === callee.number.digits)) {
      ctx.report({ messageId: 'dest', data: { signed: p.destTns.join(', '), number: callee.number.text, digits: callee.number.digits }, message: m, at: siteLocation(callee) });
    }
  },
});
