import type { Problem } from '../../core/problems.js';
import type { FlowMessage } from '../flow-message.js';
import { defineRule } from '../rule.js';
import { isStream, transportOf } from '../util/transport.js';

/**
 * Core problems that a dedicated rule explains better, left to it so the same fault is not
 * reported twice (docs/rules/sip-syntax.md lists them).
 */
export function handedOver(p: Problem, m: FlowMessage): boolean {
  switch (p.code) {
    case 'SIP_VIA_BRANCH_NO_COOKIE':
      return true; // via-branch-cookie
    case 'SIP_CONTENT_LENGTH_MISSING':
      return isStream(transportOf(m)); // content-length-stream
    case 'SIP_URI_INVALID':
      return /a local number needs a phone-context/.test(p.message); // tel-local-no-context
    case 'SIP_SDP_WARNING':
      return /^SDP: payload type \d+ has no a=rtpmap/.test(p.message); // rtpmap-missing
    default:
      return false;
  }
}

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
      if (handedOver(p, m)) continue;
      ctx.report({ messageId: 'problem', data: { text: p.message, code: p.code }, message: m, at: { line: p.line, column: p.column }, severity: p.severity });
    }
  },
});
