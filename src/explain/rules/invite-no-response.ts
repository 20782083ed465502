import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'invite-no-response',
    category: 'transactions',
    severity: 'error',
    description: 'An INVITE was retransmitted and nothing answered, not even 100 Trying: it does not reach the carrier, or the answers do not reach you.',
    ref: 'RFC 3261 §17.1.1.2 (Timer A/B), §8.1.3.1',
    fix: "Nothing came back: check that the carrier allows your public IP (IP ACL), that you send to the right host, port and transport (siptool resolve), that no firewall drops UDP 5060 either way, and that the Request-URI host is the carrier's termination domain (some carriers drop anything else silently). Over UDP the caller gives up after Timer B = 64*T1 = 32 s and reports 408.",
    messages: {
      none: 'INVITE was sent {{count}} times (retransmissions) and no response came back, not even 100 Trying: the carrier never saw it, dropped it, or its answers cannot reach you',
    },
  },
  transaction(ctx, t) {
    if (t.method !== 'INVITE' || t.responses.length > 0 || t.requests.length < 2) return;
    const first = t.requests[0]!;
    ctx.report({ messageId: 'none', data: { count: t.requests.length }, message: first, at: { startLine: true } });
  },
});
