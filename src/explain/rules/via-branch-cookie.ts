import type { Via } from '../../core/headers/via.js';
import { BRANCH_COOKIE } from '../../core/headers/via.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'via-branch-cookie',
    category: 'hygiene',
    severity: 'warning',
    description: 'A Via branch of a request does not start with the RFC 3261 magic cookie z9hG4bK, so every hop must match its transactions the RFC 2543 way.',
    ref: 'RFC 3261 §8.1.1.7, §17.1.3, §17.2.3, §20.42',
    fix: 'Generate every Via branch as "z9hG4bK" followed by a random, unique string (z9hG4bK776asdhds), new for each new request and the same for its retransmissions and its CANCEL. Stacks written for RFC 3261 do this by themselves; a hand-built request usually forgot it.',
    messages: {
      top: 'the top Via branch "{{branch}}" has no z9hG4bK cookie: the carrier must fall back to RFC 2543 matching (Request-URI, tags, Call-ID, CSeq), which mismatches CANCEL, ACK and retransmissions, and some SBCs reject the request',
      lower: 'a Via of an earlier hop has branch "{{branch}}" without the z9hG4bK cookie: that hop is an RFC 2543 element; its responses are matched by the old rules',
    },
  },
  visits: 'requests',
  message(ctx, m) {
    const msg = m.message;
    // responses echo the request's Vias: the request is where the branch was made
    if (msg.kind !== 'request') return;
    let first = true;
    for (const field of msg.getAll('Via')) {
      const vias = field.parsed() as Via[];
      if (!Array.isArray(vias)) continue;
      let from = 0;
      for (const via of vias) {
        const branch = via.params.get('branch');
        const isTop = first;
        first = false;
        if (typeof branch !== 'string' || branch === '' || branch.startsWith(BRANCH_COOKIE)) continue;
        const i = field.lexValue.indexOf(branch, from);
        if (i >= 0) from = i + branch.length;
        ctx.report({ messageId: isTop ? 'top' : 'lower', data: { branch }, message: m, at: { field, index: Math.max(0, i), length: branch.length }, ...(isTop ? {} : { severity: 'info' as const }) });
      }
    }
  },
});
