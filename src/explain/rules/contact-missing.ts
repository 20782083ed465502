import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'contact-missing',
    category: 'routing',
    severity: 'error',
    description: 'An INVITE, or a 2xx answering one, has no Contact, so the other side has nowhere to send ACK, BYE and re-INVITEs.',
    ref: 'RFC 3261 §8.1.1.8, §12.1.1, §13.3.1.4',
    fix: 'Add a Contact with a SIP URI where you can be reached for the rest of the dialog (your public address or host name, with the port and transport you listen on): Contact: <sip:app@198.51.100.20:5060>.',
    messages: {
      request: 'this INVITE has no Contact: the callee cannot send the BYE, re-INVITE or UPDATE of this call anywhere (many answer 400 Bad Request right away)',
      response: 'this {{status}} to INVITE creates a dialog but has no Contact: the caller has nowhere to send the ACK and BYE, so the call drops after ~32 s',
    },
  },
  message(ctx, m) {
    const msg = m.message;
    if (msg.has('Contact')) return;
    if (msg.kind === 'request') {
      if (msg.method === 'INVITE') ctx.report({ messageId: 'request', message: m, at: { startLine: true } });
      return;
    }
    if (msg.cseq?.method !== 'INVITE' || msg.toTag === undefined) return;
    if (msg.status >= 200 && msg.status < 300) ctx.report({ messageId: 'response', data: { status: msg.status }, message: m, at: { startLine: true } });
  },
});
