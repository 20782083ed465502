import type { SipResponse } from '../../core/message.js';
import type { FlowMessage } from '../flow-message.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'ack-missing',
    category: 'transactions',
    severity: 'error',
    description: 'A 2xx to INVITE was retransmitted, or the call was torn down, and no ACK for it appears in the flow: the call that drops after about 32 seconds.',
    ref: 'RFC 3261 §13.3.1.4, §13.2.2.4, §17.1.1.2 (64*T1)',
    fix: "The caller must ACK every 2xx, sent to the 2xx's Contact along its Record-Route set. When no ACK arrives, the callee retransmits the 200 OK for 64*T1 = 32 s and then hangs up with BYE. Usually the ACK is sent but lost: the 200's Contact or Record-Route names an address the caller cannot reach (NAT, private IP), or the ACK goes to the wrong host or without the Route headers.",
    messages: {
      retransmitted: '{{status}} to INVITE (CSeq {{cseq}}) was sent {{count}} times and no ACK followed: the callee keeps retransmitting it because the ACK never reaches it, and hangs up after ~32 s',
      noAck: '{{status}} to INVITE (CSeq {{cseq}}) got no ACK before the call was torn down: the callee never learned that its answer arrived',
    },
  },
  call(ctx, c) {
    // one entry per dialog (to-tag) and CSeq: forks answer with different tags
    const oks = new Map<string, FlowMessage[]>();
    const acked = new Set<string>();
    for (const fm of c.messages) {
      const msg = fm.message;
      const cseq = msg.cseq;
      if (!cseq) continue;
      const key = `${cseq.seq}\u0000${msg.toTag ?? ''}`;
      if (msg.kind === 'response' && cseq.method === 'INVITE' && msg.status >= 200 && msg.status < 300) {
        const list = oks.get(key) ?? [];
        list.push(fm);
        oks.set(key, list);
      } else if (msg.kind === 'request' && msg.method === 'ACK') acked.add(key);
    }
    for (const [key, list] of oks) {
      if (acked.has(key)) continue;
      const first = list[0]!;
      // a flow that simply ends at the 200 proves nothing; retransmissions or a later BYE do
      const later = c.messages.some((x) => x.index > first.index && x.message.kind === 'request' && x.message.method === 'BYE');
      if (list.length < 2 && !later) continue;
      const status = (first.message as SipResponse).status;
      const seq = key.slice(0, key.indexOf('\u0000'));
      ctx.report({ messageId: list.length >= 2 ? 'retransmitted' : 'noAck', data: { status, cseq: seq, count: list.length }, message: first, at: { startLine: true } });
    }
  },
});
