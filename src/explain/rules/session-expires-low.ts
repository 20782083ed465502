import type { TokenWithParams } from '../../core/headers/token-params.js';
import { defineRule } from '../rule.js';

/** RFC 4028 §4: the minimum session interval any party may ask for. */
const FLOOR = 90;

export default defineRule({
  meta: {
    id: 'session-expires-low',
    category: 'transactions',
    severity: 'error',
    description: 'Session-Expires or Min-SE is below 90 seconds, the floor of RFC 4028: the other side must answer 422 Session Interval Too Small.',
    ref: 'RFC 4028 §4, §5, §6; JsSIP #297',
    fix: 'Use a session interval of at least 90 s; 1800 s (30 minutes) is the usual default (Session-Expires: 1800;refresher=uac). Min-SE must also be at least 90. The refresher then sends a re-INVITE or UPDATE about halfway through the interval.',
    messages: {
      sessionExpires: 'Session-Expires is {{value}} s, below the 90 s floor of RFC 4028: the other side answers 422 Session Interval Too Small and the call fails unless the caller retries',
      minSe: 'Min-SE is {{value}} s, below the 90 s floor of RFC 4028: no valid session interval can be that small',
    },
  },
  message(ctx, m) {
    const msg = m.message;
    for (const [name, messageId] of [['Session-Expires', 'sessionExpires'], ['Min-SE', 'minSe']] as const) {
      const field = msg.get(name);
      const v = field?.parsed() as TokenWithParams | undefined;
      if (!field || !v || !/^\d{1,9}$/.test(v.value)) continue;
      const value = Number(v.value);
      if (value < FLOOR) ctx.report({ messageId, data: { value }, message: m, at: { field, length: v.value.length } });
    }
  },
});
