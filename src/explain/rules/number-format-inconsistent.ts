import { defineRule } from '../rule.js';
import { siteLocation } from '../util/fields.js';
import { numberSites, sameDigits, type NumberSite } from '../util/numbers.js';

function shape(s: NumberSite): string {
  const n = s.number;
  if (n.plus) return `+${n.digits.length} digits`;
  if (n.digits.startsWith('011') || n.digits.startsWith('00')) return 'an international prefix';
  return `${n.digits.length} digits without "+"`;
}

export default defineRule({
  meta: {
    id: 'number-format-inconsistent',
    category: 'numbers',
    severity: 'warning',
    description: 'An INVITE writes its numbers in different formats: the same number two ways (Request-URI vs To, From vs P-Asserted-Identity), or the caller with "+" and the callee without (or the reverse).',
    ref: 'RFC 3261 §19.1.6; RFC 3966 §5.1.4; Twilio error 32101 (E.164); livekit/protocol PR #737',
    fix: 'Pick the format the carrier expects (most want E.164 with "+": +14155550100) and use it in every header: Request-URI, To, From, P-Asserted-Identity, Diversion. Normalise numbers in one place in your app before building the INVITE.',
    messages: {
      sameNumber: 'the {{header}} number {{number}} ({{shape}}) is the same number as the {{otherHeader}} {{other}} ({{otherShape}}) written differently: a carrier that compares them (screening, STIR/SHAKEN, routing) may see two numbers',
      mixed: 'the {{header}} number {{number}} is written with {{shape}}, the {{otherHeader}} number {{other}} with {{otherShape}}: a carrier expecting one format (usually E.164 with "+") rejects or misroutes the other',
    },
  },
  visits: 'initialInvites',
  message(ctx, m) {
    const msg = m.message;
    if (msg.kind !== 'request' || msg.method !== 'INVITE' || msg.toTag !== undefined) return;
    const sites = numberSites(msg);
    const by = (role: NumberSite['role']): NumberSite | undefined => sites.find((s) => s.role === role);
    const reported = new Set<NumberSite>();
    const report = (messageId: string, s: NumberSite, o: NumberSite): void => {
      reported.add(s);
      ctx.report({ messageId, data: { header: s.label, number: s.number.text, shape: shape(s), otherHeader: o.label, other: o.number.text, otherShape: shape(o) }, message: m, at: siteLocation(s) });
    };
    // the same party in two headers, written two ways
    for (const [a, b] of [['requestUri', 'to'], ['from', 'pai']] as const) {
      const x = by(a);
      const y = by(b);
      if (x && y && sameDigits(x.number.digits, y.number.digits) && shape(x) !== shape(y)) report('sameNumber', y, x);
    }
    // caller and callee: one global, the other not
    const called = by('requestUri') ?? by('to');
    const caller = by('pai') ?? by('from');
    if (called && caller && !reported.has(caller) && called.number.plus !== caller.number.plus && !sameDigits(called.number.digits, caller.number.digits)) {
      report('mixed', caller, called);
    }
  },
});
