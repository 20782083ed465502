import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'max-forwards-low',
    category: 'hygiene',
    severity: 'warning',
    description: 'A request carries a low Max-Forwards, so a few proxies on the way make it fail with 483 Too Many Hops.',
    ref: 'RFC 3261 §8.1.1.6, §16.6 step 3, §21.4.21 (483)',
    fix: 'Start requests with Max-Forwards: 70 (RFC 3261 §8.1.1.6). Each proxy decrements it and answers 483 when it would reach 0; carriers chain several SBCs and proxies. A low value in a request you received means it looped or passed an unusual number of hops.',
    messages: {
      zero: 'Max-Forwards is 0: the next proxy must answer 483 Too Many Hops instead of forwarding it',
      low: 'Max-Forwards is {{value}}: after {{value}} more proxies the request fails with 483 Too Many Hops (start at 70)',
    },
  },
  visits: 'requests',
  message(ctx, m) {
    const msg = m.message;
    if (msg.kind !== 'request') return;
    const field = msg.get('Max-Forwards');
    const value = msg.maxForwards;
    if (!field || value === undefined) return;
    // OPTIONS with Max-Forwards 0 is how a UA asks the next hop itself (RFC 3261 §11)
    if (value === 0 && msg.method !== 'OPTIONS') ctx.report({ messageId: 'zero', message: m, at: { field } });
    else if (value > 0 && value < 10) ctx.report({ messageId: 'low', data: { value }, message: m, at: { field } });
  },
});
