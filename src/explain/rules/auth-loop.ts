import type { AuthValue } from '../../core/headers/auth.js';
import { authParam } from '../../core/headers/auth.js';
import { finalResponses, requestOf } from '../build-flow.js';
import type { FlowMessage } from '../flow-message.js';
import { defineRule } from '../rule.js';

function challengeOf(r: FlowMessage): AuthValue | null | undefined {
  const msg = r.message;
  if (msg.kind !== 'response') return undefined;
  if (msg.status === 401) return msg.parsed('WWW-Authenticate');
  if (msg.status === 407) return msg.parsed('Proxy-Authenticate');
  return undefined;
}

export default defineRule({
  meta: {
    id: 'auth-loop',
    category: 'transactions',
    severity: 'error',
    description: 'A request sent with credentials is challenged again (401/407 without stale=true), or its credentials name another realm than the challenge: authentication that never succeeds.',
    ref: 'RFC 3261 §22.2, §22.3, §22.4, §8.1.3.5; RFC 8760; pjsip #25, #410',
    fix: "Check the trunk credentials: the username and password configured at the carrier, and the realm (use the realm of the challenge, not your own domain). If the carrier asks for SHA-256 (algorithm=SHA-256), your stack must support it. A re-challenge with stale=true is normal: answer it with the new nonce. Some carriers authenticate by IP only: then credentials are not the problem, your source IP is.",
    messages: {
      rejected: '{{method}} was sent with credentials for user "{{user}}" and challenged again ({{status}}, {{count}} challenge(s) in this call): the carrier rejects them (wrong username, password or realm), and retrying loops',
      realm: 'the credentials name realm "{{realm}}" but the challenge asked for realm "{{wanted}}": the server looks up the password under its own realm and the check fails',
    },
  },
  call(ctx, c) {
    let lastChallenge: AuthValue | undefined;
    let challenges = 0;
    for (const t of c.transactions) {
      const req = requestOf(t);
      if (!req || req.message.kind !== 'request' || t.method === 'ACK' || t.method === 'CANCEL') continue;
      const field = req.message.get('Authorization') ?? req.message.get('Proxy-Authorization');
      const creds = field?.parsed() as AuthValue | null | undefined;
      if (field && creds && lastChallenge) {
        const realm = authParam(creds, 'realm');
        const wanted = authParam(lastChallenge, 'realm');
        if (realm !== undefined && wanted !== undefined && realm !== wanted) {
          const i = field.lexValue.toLowerCase().indexOf('realm');
          ctx.report({ messageId: 'realm', data: { realm, wanted }, message: req, at: { field, index: Math.max(0, i) } });
        }
      }
      for (const r of finalResponses(t)) {
        const ch = challengeOf(r);
        if (!ch) continue;
        challenges++;
        const stale = (authParam(ch, 'stale') ?? '').toLowerCase() === 'true';
        if (field && creds && !stale) {
          const status = (r.message as { status: number }).status;
          ctx.report({ messageId: 'rejected', data: { method: t.method, user: authParam(creds, 'username') ?? '?', status, count: challenges }, message: r, at: { startLine: true } });
        }
        lastChallenge = ch;
        break;
      }
    }
  },
});
