import { defineRule } from '../rule.js';
import { decodeIdentity, missingClaims } from '../util/passport.js';

const ATTEST: Readonly<Record<string, string>> = {
  A: 'full: the carrier knows the customer and that it may use this number',
  B: 'partial: the carrier knows the customer but not that it may use this number',
  C: 'gateway: the carrier only saw where the call entered its network',
};

function when(iat: number | undefined): string {
  if (iat === undefined) return '?';
  const d = new Date(iat * 1000);
  return Number.isNaN(d.getTime()) ? String(iat) : d.toISOString().replace('.000Z', 'Z');
}

export default defineRule({
  meta: {
    id: 'identity-passport',
    category: 'identity',
    severity: 'info',
    description: 'Decodes the STIR/SHAKEN Identity header (PASSporT header and claims): attestation, orig and dest numbers, signing time and certificate URL; reports an Identity that cannot be decoded, lacks claims or the info parameter, or carries a weak attestation.',
    ref: 'RFC 8224 §4, §4.1, §6.2; RFC 8225 §5; RFC 8588 §4 (attest); ATIS-1000074',
    fix: "Nothing to fix when it decodes with attestation A. A malformed or incomplete Identity is the signer's bug (your carrier or your own STI-AS): the callee's verifier answers 438 Invalid Identity Header or drops the signature. Attestation B or C means the carrier could not vouch for your number: register the number with the carrier (or use one it assigned) to get A, and calls are less likely to be labelled spam.",
    messages: {
      decoded: 'Identity (STIR/SHAKEN): attestation {{attest}}, orig {{orig}}, dest {{dest}}, signed {{iat}}, certificate {{x5u}}',
      weakAttestation: 'Identity (STIR/SHAKEN) has attestation {{attest}} ({{meaning}}): the callee\'s network shows the call as less trusted and may label or block it (orig {{orig}}, dest {{dest}}, signed {{iat}})',
      malformed: 'the Identity header cannot be decoded: {{reason}}; the verifier answers 438 Invalid Identity Header or ignores it, and the call counts as unsigned',
      incomplete: 'the PASSporT lacks {{missing}}: a verifier cannot check it and answers 438 Invalid Identity Header',
      noInfo: 'the Identity header has no ;info=<certificate URL> parameter (RFC 8224 §4.1 requires it{{x5u}}): strict verifiers answer 436 Bad Identity Info',
    },
  },
  visits: 'requests',
  message(ctx, m) {
    const msg = m.message;
    if (msg.kind !== 'request') return;
    for (const field of msg.getAll('Identity')) {
      const r = decodeIdentity(field.lexValue);
      if (!r.ok) {
        ctx.report({ messageId: 'malformed', data: { reason: r.reason }, message: m, at: { field, index: r.index }, severity: 'error' });
        continue;
      }
      const p = r.passport;
      const missing = missingClaims(p);
      if (missing) {
        ctx.report({ messageId: 'incomplete', data: { missing }, message: m, at: { field }, severity: 'error' });
        continue;
      }
      if (p.info === undefined) ctx.report({ messageId: 'noInfo', data: { x5u: p.x5u ? `; the PASSporT names ${p.x5u}` : '' }, message: m, at: { field }, severity: 'warning' });
      const data = { attest: p.attest ?? '(none)', orig: p.origTn ?? '?', dest: p.destTns.join(', '), iat: when(p.iat), x5u: p.x5u ?? p.info ?? '?' };
      if (p.attest === 'B' || p.attest === 'C') ctx.report({ messageId: 'weakAttestation', data: { ...data, meaning: ATTEST[p.attest]! }, message: m, at: { field }, severity: 'warning' });
      else ctx.report({ messageId: 'decoded', data, message: m, at: { field } });
    }
  },
});
