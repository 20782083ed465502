import { defineRule } from '../rule.js';
import { addressesOf, sipUriOf } from '../util/fields.js';

const ROUTE_HEADERS = ['Route', 'Record-Route'];

export default defineRule({
  meta: {
    id: 'route-missing-lr',
    category: 'routing',
    severity: 'warning',
    description: 'A Route or Record-Route URI has no ;lr, so the next hop uses RFC 2543 strict routing and rewrites the Request-URI.',
    ref: 'RFC 3261 §16.12.1.2, §19.1.1 (lr), §12.2.1.1',
    fix: 'Add ;lr inside the <> of every Route and Record-Route URI (for example <sip:proxy.example.com;lr>). Without it the proxy replaces the Request-URI with the route and the carrier no longer sees the number you dialled.',
    messages: { missing: '{{header}} <{{uri}}> has no ;lr: the next hop will treat it as a strict router and put it in the Request-URI' },
  },
  message(ctx, m) {
    for (const name of ROUTE_HEADERS) {
      if (!m.message.has(name)) continue;
      for (const { field, address } of addressesOf(m.message.getAll(name))) {
        const uri = sipUriOf(address);
        if (uri && !uri.params.has('lr')) {
          const i = field.lexValue.indexOf(address.uriText);
          ctx.report({ messageId: 'missing', data: { header: field.name, uri: address.uriText }, message: m, at: { field, index: Math.max(0, i), length: address.uriText.length } });
        }
      }
    }
  },
});
