import { defineRule } from '../rule.js';

/** Requests that only exist inside a dialog. */
const IN_DIALOG = new Set(['BYE', 'PRACK', 'UPDATE', 'INFO']);

export default defineRule({
  meta: {
    id: 'tag-missing',
    category: 'hygiene',
    severity: 'error',
    description: 'A response other than 100 has no To tag, or a request that only exists inside a dialog (BYE, PRACK, UPDATE, INFO, or the ACK of a 2xx) has none.',
    ref: 'RFC 3261 §8.2.6.2, §12.1.1, §12.2.1.1, §19.3',
    fix: "A UAS adds a random tag to the To of every response except 100 Trying, the same for all responses of one dialog. In-dialog requests copy the other side's tag into their To (and keep their own in From): a BYE without a To tag does not identify the call and gets 481.",
    messages: {
      response: 'this {{status}} has no To tag: without it the caller cannot create a dialog (no ACK routing, no BYE) and cannot tell forks apart',
      inDialog: 'this {{method}} has no To tag, but it only makes sense inside a dialog: the other side cannot find the call and answers 481 Call/Transaction Does Not Exist',
    },
  },
  message(ctx, m) {
    const msg = m.message;
    if (msg.toTag !== undefined) return;
    const to = msg.get('To');
    if (!to || !msg.to?.uri) return;
    if (msg.kind === 'response') {
      if (msg.status > 100) ctx.report({ messageId: 'response', data: { status: msg.status }, message: m, at: { field: to } });
      return;
    }
    if (IN_DIALOG.has(msg.method)) ctx.report({ messageId: 'inDialog', data: { method: msg.method }, message: m, at: { field: to } });
  },
  call(ctx, c) {
    // the ACK of a 2xx (its own branch) needs the tag of that 2xx
    const answered = new Set<number>();
    for (const fm of c.messages) {
      const msg = fm.message;
      const seq = msg.cseq?.seq;
      if (seq === undefined) continue;
      if (msg.kind === 'response' && msg.status >= 200 && msg.status < 300 && msg.cseq?.method === 'INVITE') answered.add(seq);
      else if (msg.kind === 'request' && msg.method === 'ACK' && answered.has(seq) && msg.toTag === undefined && msg.to?.uri) {
        ctx.report({ messageId: 'inDialog', data: { method: 'ACK' }, message: fm, at: { field: msg.get('To')! } });
      }
    }
  },
});
