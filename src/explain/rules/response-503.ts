import type { RetryAfter } from '../../core/headers/retry-after.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'response-503',
    category: 'transactions',
    severity: 'warning',
    description: '503 Service Unavailable explained: overload or maintenance at the carrier (or a local 503 from your own stack); with Retry-After, how long to wait; without, try the next server.',
    ref: 'RFC 3261 §21.5.4, §20.33; RFC 3263 §4.3',
    fix: 'Fail over to the next target of the carrier (the next SRV record, RFC 3263 §4.3) and honour Retry-After before sending to this one again. If every target answers 503, check the trunk status, your concurrency (CPS/channel) limits and whether the carrier knows your source IP. A 503 with a Reason or Warning header often says which.',
    messages: {
      noRetryAfter: '503 Service Unavailable without Retry-After: the server is overloaded or down for this request; try the next server of the carrier (RFC 3263 §4.3), not the same one again right away',
      retryAfter: '503 Service Unavailable with Retry-After {{seconds}} s: do not send to this server for {{seconds}} s; use the next server of the carrier meanwhile',
    },
  },
  visits: 'responses',
  message(ctx, m) {
    const msg = m.message;
    if (msg.kind !== 'response' || msg.status !== 503) return;
    const field = msg.get('Retry-After');
    const ra = field?.parsed() as RetryAfter | null | undefined;
    if (field && ra) ctx.report({ messageId: 'retryAfter', data: { seconds: ra.seconds }, message: m, at: { field }, severity: 'info' });
    else if (!field) ctx.report({ messageId: 'noRetryAfter', message: m, at: { startLine: true } });
  },
});
