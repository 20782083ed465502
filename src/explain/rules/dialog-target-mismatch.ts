import { formatUri } from '../../core/uri/format-uri.js';
import { uriEquals } from '../../core/uri/uri-equals.js';
import { defineRule } from '../rule.js';
import { inDialogExpectations } from '../util/dialog.js';

export default defineRule({
  meta: {
    id: 'dialog-target-mismatch',
    category: 'routing',
    severity: 'error',
    description: "An ACK, BYE or other in-dialog request is not sent to the other side's Contact: its Request-URI differs from the remote target of the dialog.",
    ref: 'RFC 3261 §12.2.1.1, §13.2.2.4, §12.1.2',
    fix: "Send in-dialog requests to the remote target: the Request-URI of the ACK for a 2xx and of every later BYE, re-INVITE or UPDATE must be the URI in the Contact of the other side's 2xx (the caller) or of the INVITE (the callee), unchanged. Do not rewrite it to the carrier's domain or to the address you first sent the INVITE to; let the Route headers (from Record-Route) take the request through the proxies.",
    messages: {
      uac: '{{method}} is sent to {{actual}}, but the callee asked for in-dialog requests at its Contact {{expected}} (in the {{status}} of message {{from}}): the callee or its proxy cannot match it to the call (the ACK is lost and the call drops after ~32 s; a BYE gets 481)',
      uas: '{{method}} from the callee is sent to {{actual}}, but the caller asked for in-dialog requests at its Contact {{expected}} (in the INVITE, message {{from}}): the caller cannot match it to the call',
    },
  },
  call(ctx, c) {
    for (const e of inDialogExpectations(c)) {
      const msg = e.request.message;
      const actual = msg.requestUri;
      if (!actual || uriEquals(actual, e.target)) continue;
      const line = msg.source?.startLine ?? msg.startLine;
      const loc = { startLine: true as const, index: Math.max(0, line.indexOf(msg.uri)), length: msg.uri.length };
      const from = e.targetFrom.message;
      const data = { method: msg.method, actual: msg.uri, expected: formatUri(e.target), from: e.targetFrom.index + 1, status: from.kind === 'response' ? String(from.status) : '' };
      ctx.report({ messageId: e.sender, data, message: e.request, at: loc });
    }
  },
});
