import { defineRule } from '../rule.js';
import { isStream, transportOf } from '../util/transport.js';

export default defineRule({
  meta: {
    id: 'content-length-stream',
    category: 'hygiene',
    severity: 'error',
    description: 'A message sent over TCP, TLS or WebSocket has no Content-Length, so the receiver cannot tell where it ends and where the next message starts.',
    ref: 'RFC 3261 §18.3, §20.14; sngrep #466',
    fix: 'Always send Content-Length, and over stream transports it is mandatory: "Content-Length: 0" for a message without body, the exact body size in bytes otherwise (count bytes, not characters, and CRLF line ends in the SDP).',
    messages: {
      missing: 'this message travels over {{transport}} but has no Content-Length: the receiver takes the body as empty and reads the body as the start of the next message, which breaks the whole connection',
    },
  },
  message(ctx, m) {
    const msg = m.message;
    if (msg.has('Content-Length')) return;
    const t = transportOf(m);
    if (!isStream(t)) return;
    // where the parser noticed it: the end of the header section
    const p = m.problems.find((x) => x.code === 'SIP_CONTENT_LENGTH_MISSING');
    ctx.report({ messageId: 'missing', data: { transport: t!.toUpperCase() }, message: m, at: p ? { line: p.line, column: p.column } : { startLine: true } });
  },
});
