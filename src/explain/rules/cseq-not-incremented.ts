import { requestOf } from '../build-flow.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'cseq-not-incremented',
    category: 'transactions',
    severity: 'error',
    description: 'A new request in a call (a new transaction, not a retransmission, ACK or CANCEL) has a CSeq number not higher than the previous request from the same side.',
    ref: 'RFC 3261 §8.1.3.5, §12.2.1.1, §12.2.2, §20.16',
    fix: 'Increment the CSeq number by one for every new request you send in a call or dialog: the retry after a 401/407, every re-INVITE, UPDATE, INFO and BYE. Only ACK (for the INVITE it acknowledges) and CANCEL reuse the CSeq number of the request they refer to.',
    messages: {
      same: '{{method}} reuses CSeq {{seq}} of the earlier {{previous}} (message {{at}}) in a new transaction: the other side takes it for a retransmission or an old request and ignores it, or answers 500',
      lower: '{{method}} has CSeq {{seq}}, lower than {{prevSeq}} of the earlier {{previous}} (message {{at}}): the other side rejects out-of-order requests in a dialog with 500 Server Internal Error',
    },
  },
  call(ctx, c) {
    const last = new Map<string, { seq: number; method: string; index: number }>();
    for (const t of c.transactions) {
      const req = requestOf(t);
      if (!req || req.message.kind !== 'request') continue;
      const msg = req.message;
      const cseq = msg.cseq;
      const side = msg.fromTag;
      if (!cseq || side === undefined || msg.method === 'ACK' || msg.method === 'CANCEL') continue;
      const prev = last.get(side);
      last.set(side, { seq: cseq.seq, method: msg.method, index: req.index });
      if (!prev) continue;
      const field = msg.get('CSeq')!;
      if (cseq.seq === prev.seq) ctx.report({ messageId: 'same', data: { method: msg.method, seq: cseq.seq, previous: prev.method, at: prev.index + 1 }, message: req, at: { field } });
      else if (cseq.seq < prev.seq) ctx.report({ messageId: 'lower', data: { method: msg.method, seq: cseq.seq, prevSeq: prev.seq, previous: prev.method, at: prev.index + 1 }, message: req, at: { field } });
    }
  },
});
