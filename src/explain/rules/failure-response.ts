import type { Severity } from '../../core/problems.js';
import { defineRule } from '../rule.js';

/** The final responses to INVITE that this rule explains, with the severity of each. */
const EXPLAINED: Readonly<Record<number, { id: string; severity: Severity }>> = {
  403: { id: 'r403', severity: 'warning' },
  404: { id: 'r404', severity: 'warning' },
  408: { id: 'r408', severity: 'warning' },
  480: { id: 'r480', severity: 'warning' },
  484: { id: 'r484', severity: 'warning' },
  487: { id: 'r487', severity: 'info' },
  488: { id: 'r488', severity: 'warning' },
};

export default defineRule({
  meta: {
    id: 'failure-response',
    category: 'transactions',
    severity: 'warning',
    description: 'A final failure response to an INVITE (403, 404, 408, 480, 484, 487, 488) explained with its likely causes on a SIP trunk.',
    ref: 'RFC 3261 §21.4 (403 §21.4.4, 404 §21.4.5, 408 §21.4.9, 480 §21.4.18, 484 §21.4.22, 487 §21.4.25, 488 §21.4.26); Twilio, Telnyx and Exotel error tables',
    fix: 'Follow the cause the message names: the number format for 404/484, the caller ID and IP allow-list for 403, reachability for 408, codecs and SRTP for 488. A Reason or Warning header in the response (and the carrier\'s own error code in it) usually says which.',
    messages: {
      r403: '403 Forbidden: the carrier refuses this call. Usual causes: your source IP is not on the trunk\'s allow-list, the caller ID is not a number the trunk owns, no permission for the destination (international, premium), or a CPS/concurrency limit{{reason}}',
      r404: '404 Not Found: the carrier does not know the dialled number or the domain. Usual causes: the number is not in the format the carrier expects (E.164 with "+", national, 011...), or the Request-URI host is not its termination domain{{reason}}',
      r408: '408 Request Timeout: no final answer came in time. Usual causes: the next hop or the callee did not answer (firewall, wrong address), or this is a local timeout from your own stack after Timer B (32 s){{reason}}',
      r480: '480 Temporarily Unavailable: the callee cannot be reached now (not registered, switched off, no answer from its network). Try again later; if every call gets it, the carrier may not route to that destination{{reason}}',
      r484: '484 Address Incomplete: the number is too short or in a format the carrier cannot complete. Usually a national number where E.164 ("+" and country code) is expected, or a missing area code{{reason}}',
      r487: '487 Request Terminated: the INVITE was cancelled (CANCEL) before it was answered. Normal when the caller hangs up while ringing; if nobody hung up, look at who sent the CANCEL (a timer in your app?){{reason}}',
      r488: '488 Not Acceptable Here: the callee (or the carrier) accepts none of the offered media. Usual causes: no codec in common (a G.711-only trunk and an Opus-only offer), SRTP offered to a plain-RTP trunk or the reverse, or a WebRTC offer (ICE/DTLS) sent to a trunk{{reason}}',
    },
  },
  visits: 'responses',
  message(ctx, m) {
    const msg = m.message;
    if (msg.kind !== 'response' || msg.cseq?.method !== 'INVITE') return;
    const e = EXPLAINED[msg.status];
    if (!e) return;
    const reasonField = msg.get('Reason') ?? msg.get('Warning');
    const reason = reasonField ? ` (the response says: ${reasonField.name}: ${reasonField.value.length > 120 ? reasonField.value.slice(0, 117) + '...' : reasonField.value})` : '';
    ctx.report({ messageId: e.id, data: { reason }, message: m, at: { startLine: true }, severity: e.severity });
  },
});
