import type { SipRequest } from '../../core/message.js';
import { finalResponses, requestOf, type Call } from '../build-flow.js';
import type { FlowMessage } from '../flow-message.js';
import { defineRule, type RuleContext } from '../rule.js';
import { sipUriOf } from '../util/fields.js';

function party(m: FlowMessage): string {
  const u = sipUriOf(m.message.from);
  return u ? `${u.user ?? ''}@${u.host.toLowerCase()}` : '';
}

export default defineRule({
  meta: {
    id: 'auth-new-call-id',
    category: 'transactions',
    severity: 'warning',
    description: 'After a 401/407 challenge the request is retried with credentials but under a new Call-ID (a new call), instead of in the same Call-ID with the CSeq incremented.',
    ref: 'RFC 3261 §8.1.3.5, §22.2; jambonz sbc-outbound #8',
    fix: 'Retry a challenged request with the same Call-ID and From tag, the CSeq number plus one, a new Via branch, and the Authorization/Proxy-Authorization header. Some trunks tie the nonce to the Call-ID and reject, or challenge again, a retry that looks like a new call.',
    messages: {
      newCallId: '{{method}} carries credentials under Call-ID {{callId}}, but the challenge ({{status}} in message {{challenged}}) was for Call-ID {{oldCallId}}: a trunk that ties the nonce to the call treats this as a new, unauthenticated call',
    },
  },
  call(ctx, c) {
    // challenges of calls checked earlier in this run (a capture is checked a few calls at a time)
    const earlier = ctx.memo(() => new Map<string, Challenge>());
    const first = c.transactions.map(requestOf).find((r) => r !== undefined && r.message.kind === 'request' && r.message.method !== 'ACK');
    if (first && first.message.kind === 'request') check(ctx, c, first, earlier);
    remember(c, earlier);
  },
});

/** A challenged request of an earlier call, by party and method. */
interface Challenge {
  callId: string;
  status: number;
  /** Index of the challenge response, and of the challenged request. */
  index: number;
  requestIndex: number;
}

const MAX_REMEMBERED = 10_000;

function remember(c: Call, earlier: Map<string, Challenge>): void {
  for (const t of c.transactions) {
    const req = requestOf(t);
    if (!req || req.message.kind !== 'request') continue;
    const ch = finalResponses(t).find((r) => r.message.kind === 'response' && (r.message.status === 401 || r.message.status === 407));
    if (!ch || ch.message.kind !== 'response') continue;
    const key = `${req.message.method}\u0000${party(req)}`;
    earlier.delete(key);
    earlier.set(key, { callId: c.callId, status: ch.message.status, index: ch.index, requestIndex: req.index });
    if (earlier.size > MAX_REMEMBERED) earlier.delete(earlier.keys().next().value!);
  }
}

function check(ctx: RuleContext, c: Call, first: FlowMessage & { message: SipRequest }, earlier: Map<string, Challenge>): void {
  const msg = first.message;
  const field = msg.get('Authorization') ?? msg.get('Proxy-Authorization');
  if (!field) return;
  const report = (ch: { status: number; index: number }, oldCallId: string): void => {
    const callIdField = msg.get('Call-ID');
    const data = { method: msg.method, callId: c.callId, status: ch.status, challenged: ch.index + 1, oldCallId };
    ctx.report({ messageId: 'newCallId', data, message: first, at: callIdField ? { field: callIdField } : { startLine: true } });
  };
  // an earlier call in the flow whose same request from the same party was challenged
  for (const other of ctx.flow.calls) {
    if (other === c) continue;
    for (const t of other.transactions) {
      const req = requestOf(t);
      if (!req || req.index >= first.index || req.message.kind !== 'request' || req.message.method !== msg.method || party(req) !== party(first)) continue;
      const ch = finalResponses(t).find((r) => r.message.kind === 'response' && (r.message.status === 401 || r.message.status === 407) && r.index < first.index);
      if (!ch || ch.message.kind !== 'response') continue;
      report({ status: ch.message.status, index: ch.index }, other.callId);
      return;
    }
  }
  const ch = earlier.get(`${msg.method}\u0000${party(first)}`);
  if (ch && ch.callId !== c.callId && ch.index < first.index) report(ch, ch.callId);
}
