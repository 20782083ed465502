import { defineRule } from '../rule.js';
import { decodeIdentity } from '../util/passport.js';

/** RFC 8224 §6.2.1: a verifier rejects a PASSporT whose iat is more than 60 s from now. */
const FRESH = 60;

export default defineRule({
  meta: {
    id: 'identity-stale',
    category: 'identity',
    severity: 'error',
    description: "The PASSporT's iat (signing time) is more than 60 s away from the time of the message (from the capture or log, else its Date header): verifiers reject it as stale.",
    ref: 'RFC 8224 §6.2.1 (freshness), §4; RFC 8225 §5.1.1 (iat)',
    fix: 'Sign the call when you send it, not ahead of time, and keep the signing host\'s clock synchronised (NTP). A PASSporT reused from an earlier call, or a signing server with a wrong clock, gets 403 Stale Date from strict verifiers.',
    messages: {
      stale: 'the PASSporT was signed {{age}} s before this message (iat {{iat}}, message at {{time}}): older than 60 s, so a verifier answers 403 Stale Date or drops the signature',
      future: 'the PASSporT claims it was signed {{age}} s after this message (iat {{iat}}, message at {{time}}): the signer\'s clock is wrong, and verifiers reject it',
    },
  },
  visits: 'requests',
  message(ctx, m) {
    const msg = m.message;
    if (msg.kind !== 'request') return;
    const field = msg.get('Identity');
    if (!field) return;
    let time = m.time;
    if (time === undefined) {
      const date = msg.parsed('Date');
      if (date instanceof Date && !Number.isNaN(date.getTime())) time = date.getTime() / 1000;
    }
    if (time === undefined) return;
    const r = decodeIdentity(field.lexValue);
    if (!r.ok || r.passport.iat === undefined) return;
    const iat = r.passport.iat;
    const iso = (t: number): string => {
      const d = new Date(t * 1000);
      return Number.isNaN(d.getTime()) ? String(t) : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    };
    const diff = Math.round(time - iat);
    const data = { age: Math.abs(diff), iat: iso(iat), time: iso(time) };
    if (diff > FRESH) ctx.report({ messageId: 'stale', data, message: m, at: { field } });
    else if (diff < -FRESH) ctx.report({ messageId: 'future', data, message: m, at: { field } });
  },
});
