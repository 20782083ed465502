import type { NameAddr } from '../../core/headers/name-addr.js';
import { defineRule } from '../rule.js';
import { sipUriOf } from '../util/fields.js';

function anonymousFrom(from: NameAddr | undefined): boolean {
  const u = sipUriOf(from);
  const name = (from?.displayName ?? '').toLowerCase();
  return name === 'anonymous' || (u !== undefined && ((u.user ?? '').toLowerCase() === 'anonymous' || u.host.toLowerCase() === 'anonymous.invalid'));
}

export default defineRule({
  meta: {
    id: 'privacy-pai',
    category: 'identity',
    severity: 'warning',
    description: 'Caller ID privacy that does not add up: Privacy: id without a P-Asserted-Identity, or an anonymous From without a Privacy header.',
    ref: 'RFC 3323 §4.2, §5.3; RFC 3325 §7, §9.1; Telnyx Caller ID Policy',
    fix: 'For an anonymous call send From: "Anonymous" <sip:anonymous@anonymous.invalid>, Privacy: id, and your real number in P-Asserted-Identity (the carrier screens it and then strips it). For a normal call send no Privacy: id.',
    messages: {
      idNoPai: 'Privacy: id asks the carrier to hide the asserted identity, but there is no P-Asserted-Identity: the carrier has no number to screen or bill and may reject the call (403) or show nothing useful',
      anonymousNoPrivacy: 'the From is anonymous but there is no Privacy header: a P-Asserted-Identity (or the carrier\'s default caller ID) may still be shown to the callee, and carriers that need Privacy: id for anonymous calls reject it',
    },
  },
  visits: 'initialInvites',
  message(ctx, m) {
    const msg = m.message;
    if (msg.kind !== 'request' || msg.method !== 'INVITE' || msg.toTag !== undefined) return;
    const privacy = msg.get('Privacy');
    const values = (privacy?.parsed() as string[] | undefined) ?? [];
    const hasPai = msg.has('P-Asserted-Identity');
    if (privacy && values.some((v) => v.toLowerCase() === 'id') && !hasPai) {
      ctx.report({ messageId: 'idNoPai', message: m, at: { field: privacy } });
    }
    const from = msg.get('From');
    if (from && !privacy && anonymousFrom(msg.from)) ctx.report({ messageId: 'anonymousNoPrivacy', message: m, at: { field: from } });
  },
});
