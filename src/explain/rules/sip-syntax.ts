import { defineRule } from '../rule.js';

/**
 * The SIP core's own problems (grammar, framing, mandatory headers, SDP) as findings, with
 * the problem's severity and code. Turning this rule off hides them all; the problem codes
 * are documented in docs/problems.md.
 */
export default defineRule({
  meta: {
    id: 'sip-syntax',
    category: 'syntax',
    severity: 'error',
    description: 'The message breaks the SIP grammar or framing (RFC 3261 §7, §20, §25) or its SDP body (RFC 4566).',
    ref: 'RFC 3261 §7, §20, §25; RFC 4566 §5; docs/problems.md',
    fix: 'Correct the header or body as the message says; every code is explained in docs/problems.md.',
    messages: { problem: '{{text}} [{{code}}]' },
  },
  message(ctx, m) {
    for (const p of m.problems) {
      ctx.report({ messageId: 'problem', data: { text: p.message, code: p.code }, message: m, at: { line: p.line, column: p.column }, severity: p.severity });
    }
  },
});
