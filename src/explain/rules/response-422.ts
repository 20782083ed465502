import type { TokenWithParams } from '../../core/headers/token-params.js';
import type { SipMessage } from '../../core/message.js';
import { requestOf } from '../build-flow.js';
import { defineRule } from '../rule.js';

function seconds(msg: SipMessage, name: string): number | undefined {
  const v = msg.get(name)?.parsed() as TokenWithParams | undefined;
  return v && /^\d{1,9}$/.test(v.value) ? Number(v.value) : undefined;
}

export default defineRule({
  meta: {
    id: 'response-422',
    category: 'transactions',
    severity: 'warning',
    description: '422 Session Interval Too Small explained: the callee wants a longer session-timer interval (its Min-SE); the caller must retry with a larger Session-Expires. Also reports a 422 without Min-SE and a retry that is still too small.',
    ref: 'RFC 4028 §6, §7.4; JsSIP #397; ivozprovider PR #320',
    fix: 'Retry the INVITE (same Call-ID, CSeq plus one) with Session-Expires and Min-SE at least the Min-SE of the 422; or configure your session timer at 1800 s from the start. A 422 is a negotiation step, not a gateway failure: do not fail over or count it as an outage.',
    messages: {
      tooSmall: '422 Session Interval Too Small: the callee accepts a session interval of at least {{min}} s{{asked}}; retry with Session-Expires: {{min}} or more',
      noMinSe: 'this 422 carries no Min-SE, which RFC 4028 §6 requires: the caller cannot know what interval to retry with',
      retryStillSmall: 'this retry asks for Session-Expires {{value}} s, still below the Min-SE {{min}} s of the 422 (message {{at}}): it will be rejected again',
    },
  },
  call(ctx, c) {
    let min: { value: number; index: number } | undefined;
    for (const t of c.transactions) {
      const req = requestOf(t);
      if (min && req && req.message.kind === 'request' && req.message.method === t.method && t.method === 'INVITE') {
        const se = seconds(req.message, 'Session-Expires');
        const field = req.message.get('Session-Expires');
        if (se !== undefined && field && se < min.value) ctx.report({ messageId: 'retryStillSmall', data: { value: se, min: min.value, at: min.index + 1 }, message: req, at: { field }, severity: 'error' });
      }
      const r = t.responses.find((x) => x.message.kind === 'response' && x.message.status === 422);
      if (!r) continue;
      const value = seconds(r.message, 'Min-SE');
      if (value === undefined) {
        ctx.report({ messageId: 'noMinSe', message: r, at: { startLine: true } });
        continue;
      }
      const asked = req ? seconds(req.message, 'Session-Expires') : undefined;
      min = { value, index: r.index };
      ctx.report({ messageId: 'tooSmall', data: { min: value, asked: asked !== undefined ? ` (the request asked for ${asked} s)` : '' }, message: r, at: { field: r.message.get('Min-SE')! } });
    }
  },
});
