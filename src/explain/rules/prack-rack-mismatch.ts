import type { RAck } from '../../core/headers/rack.js';
import type { FlowMessage } from '../flow-message.js';
import { defineRule } from '../rule.js';

function reliable(fm: FlowMessage): { rseq: number; cseq: number; method: string; toTag: string } | undefined {
  const msg = fm.message;
  if (msg.kind !== 'response' || msg.status <= 100 || msg.status >= 200) return undefined;
  const rseq = msg.parsed('RSeq');
  const cseq = msg.cseq;
  if (typeof rseq !== 'number' || !cseq) return undefined;
  return { rseq, cseq: cseq.seq, method: cseq.method, toTag: msg.toTag ?? '' };
}

export default defineRule({
  meta: {
    id: 'prack-rack-mismatch',
    category: 'transactions',
    severity: 'error',
    description: 'A PRACK has no RAck, or its RAck (RSeq, CSeq, method) matches no reliable provisional response of the call; or a reliable 18x keeps being retransmitted after its PRACK was answered.',
    ref: 'RFC 3262 §3, §4, §7.2; asterisk #794; SIP.js PR #373',
    fix: 'Answer each reliable provisional (an 18x with Require: 100rel and RSeq) with a PRACK whose RAck is "<RSeq of the 18x> <CSeq number of the INVITE> INVITE", sent in the early dialog (To tag of the 18x) to its Contact. If the 18x is still retransmitted, the PRACK did not reach the callee or did not match.',
    messages: {
      missing: 'this PRACK has no RAck, so it acknowledges nothing: the callee keeps retransmitting its reliable 18x and fails the call after 32 s',
      noMatch: 'RAck {{rack}} matches no reliable provisional response (seen: {{seen}}): the callee cannot match the PRACK, answers 481, and keeps retransmitting its 18x',
      retransmitted: 'the reliable {{status}} with RSeq {{rseq}} was sent again after its PRACK was answered (message {{prack}}): the callee did not take the PRACK as acknowledging it, and will fail the call after 32 s',
    },
  },
  call(ctx, c) {
    const seen: Array<ReturnType<typeof reliable> & object> = [];
    // reliable 18x key -> the PRACK that acknowledged it, and the index of the 2xx to that PRACK
    const acked = new Map<string, { prack: number; answer: number }>();
    for (const fm of c.messages) {
      const msg = fm.message;
      const r = reliable(fm);
      if (r) {
        const key = `${r.rseq} ${r.cseq} ${r.method}\u0000${r.toTag}`;
        const a = acked.get(key);
        if (a !== undefined && fm.index > a.answer && msg.kind === 'response') ctx.report({ messageId: 'retransmitted', data: { status: msg.status, rseq: r.rseq, prack: a.prack + 1 }, message: fm, at: { startLine: true } });
        if (!seen.some((s) => s.rseq === r.rseq && s.cseq === r.cseq && s.toTag === r.toTag)) seen.push(r);
        continue;
      }
      if (msg.kind !== 'request' || msg.method !== 'PRACK') continue;
      const field = msg.get('RAck');
      const rack = field?.parsed() as RAck | null | undefined;
      if (!field) {
        ctx.report({ messageId: 'missing', message: fm, at: { startLine: true } });
        continue;
      }
      if (!rack) continue; // a syntax problem, reported by sip-syntax
      const match = seen.find((s) => s.rseq === rack.rseq && s.cseq === rack.cseq && s.method === rack.method && (msg.toTag === undefined || s.toTag === msg.toTag));
      if (match) {
        // answered with a 2xx: from now on the same 18x is a sign the PRACK was not taken
        const answered = c.messages.find((x) => x.index > fm.index && x.message.kind === 'response' && x.message.status >= 200 && x.message.status < 300 && x.message.cseq?.method === 'PRACK' && x.message.cseq.seq === msg.cseq?.seq);
        if (answered) acked.set(`${match.rseq} ${match.cseq} ${match.method}\u0000${match.toTag}`, { prack: fm.index, answer: answered.index });
        continue;
      }
      if (seen.length === 0) continue; // the 18x is not in the flow: nothing to compare with
      ctx.report({ messageId: 'noMatch', data: { rack: `${rack.rseq} ${rack.cseq} ${rack.method}`, seen: seen.map((s) => `RSeq ${s.rseq} for CSeq ${s.cseq} ${s.method}`).join('; ') }, message: fm, at: { field } });
    }
  },
});
