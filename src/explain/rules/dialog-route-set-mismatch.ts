import { formatUri } from '../../core/uri/format-uri.js';
import type { Uri } from '../../core/uri/types.js';
import { uriEquals } from '../../core/uri/uri-equals.js';
import { defineRule } from '../rule.js';
import { inDialogExpectations } from '../util/dialog.js';
import { addressesOf } from '../util/fields.js';

function list(uris: Uri[]): string {
  return uris.length === 0 ? '(none)' : uris.map((u) => `<${formatUri(u)}>`).join(', ');
}

export default defineRule({
  meta: {
    id: 'dialog-route-set-mismatch',
    category: 'routing',
    severity: 'error',
    description: 'An ACK, BYE or other in-dialog request does not follow the route set: its Route headers are not the Record-Route set (reversed for the caller).',
    ref: 'RFC 3261 §12.1.2, §12.2.1.1, §16.12.1.2',
    fix: "Copy the Record-Route set of the dialog into Route headers of every in-dialog request: the caller reverses the Record-Route of the 2xx (or reliable 18x), the callee keeps the order of the INVITE's. Without them the request bypasses the carrier's edge proxy, which is often the only host allowed to reach the other side, or the only one that knows the call.",
    messages: {
      missing: '{{method}} carries no Route, but the dialog has a route set ({{expected}}, from message {{from}}): it bypasses the proxies that asked to stay in the path and is likely dropped or answered 481',
      differs: '{{method}} carries Route {{actual}}, but the dialog route set is {{expected}} (from message {{from}}, {{how}})',
    },
  },
  call(ctx, c) {
    for (const e of inDialogExpectations(c)) {
      const msg = e.request.message;
      const fields = msg.getAll('Route');
      const actual: Uri[] = [];
      for (const { address } of addressesOf(fields)) if (address.uri) actual.push(address.uri);
      if (actual.length === e.routes.length && actual.every((u, i) => uriEquals(u, e.routes[i]!))) continue;
      const from = (e.routesFrom ?? e.targetFrom).index + 1;
      const base = { method: msg.method, expected: list(e.routes), actual: list(actual), from };
      // Routes without a route set: an outbound proxy kept for the dialog is common (RFC 3261 §8.1.2)
      if (e.routes.length === 0) continue;
      if (actual.length === 0) ctx.report({ messageId: 'missing', data: base, message: e.request, at: { startLine: true } });
      else ctx.report({ messageId: 'differs', data: { ...base, how: e.sender === 'uac' ? 'the Record-Route reversed' : 'the Record-Route in order' }, message: e.request, at: { field: fields[0]! } });
    }
  },
});
