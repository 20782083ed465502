import { requestOf } from '../build-flow.js';
import { defineRule } from '../rule.js';
import { indexIn } from '../util/fields.js';

export default defineRule({
  meta: {
    id: 'require-100rel',
    category: 'transactions',
    severity: 'warning',
    description: 'A request Requires 100rel (or another extension), which a peer without it must refuse with 420 Bad Extension; a 420 answer is explained with the options it lists as Unsupported.',
    ref: 'RFC 3262 §3, §4; RFC 3261 §8.2.2.3, §20.32, §21.4.15 (420); pocket-dial #172',
    fix: 'Offer extensions with Supported: 100rel, timer instead of Require: the peer then uses them when it can. Put an option in Require only if the call must fail without it. After a 420, retry without the options the Unsupported header lists.',
    messages: {
      require: 'this {{method}} Requires {{option}}: a carrier or gateway that does not implement it must reject the call with 420 Bad Extension; Supported: {{option}} asks for the same without the risk',
      rejected: '420 Bad Extension: the other side does not support {{options}}, which the request listed in Require (or Proxy-Require); retry without them, or move them to Supported',
    },
  },
  visits: 'requests',
  message(ctx, m) {
    const msg = m.message;
    if (msg.kind !== 'request' || msg.method === 'ACK' || msg.method === 'CANCEL' || msg.method === 'PRACK') return;
    for (const field of msg.getAll('Require')) {
      const options = field.parsed() as string[];
      if (!Array.isArray(options)) continue;
      for (const option of options) {
        if (option.toLowerCase() !== '100rel' && option.toLowerCase() !== 'timer') continue;
        ctx.report({ messageId: 'require', data: { method: msg.method, option }, message: m, at: { field, index: indexIn(field, option), length: option.length } });
      }
    }
  },
  transaction(ctx, t) {
    const r = t.responses.find((x) => x.message.kind === 'response' && x.message.status === 420);
    if (!r) return;
    const unsupported = r.message.get('Unsupported');
    const listed = (unsupported?.parsed() as string[] | undefined) ?? [];
    const req = requestOf(t);
    const required = req ? [...req.message.getAll('Require'), ...req.message.getAll('Proxy-Require')].flatMap((f) => (f.parsed() as string[]) ?? []) : [];
    const options = listed.length > 0 ? listed : required;
    ctx.report({ messageId: 'rejected', data: { options: options.length > 0 ? options.join(', ') : 'an option (no Unsupported header says which)' }, message: r, at: unsupported ? { field: unsupported } : { startLine: true } });
  },
});
