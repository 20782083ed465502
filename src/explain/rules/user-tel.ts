import type { AnySipMessage } from '../../core/message.js';
import type { Uri } from '../../core/uri/types.js';
import { defineRule } from '../rule.js';
import { indexIn } from '../util/fields.js';

const ADDRESS_HEADERS = ['To', 'From', 'P-Asserted-Identity', 'P-Preferred-Identity', 'Remote-Party-ID', 'Diversion', 'History-Info', 'Contact', 'Refer-To', 'Referred-By'];

const isUserTel = (u: Uri | null | undefined): boolean => u?.type === 'sip' && (u.params.get('user') ?? '').toLowerCase() === 'tel';

/**
 * False when no header field can hold a URI with user=tel: the message was parsed, not edited,
 * and its head as read does not contain "user=tel" (URI parameters are kept as written, and a
 * folded value only turns CR/LF into spaces), so the fields need not be looked up at all.
 */
function mayHoldUserTel(msg: AnySipMessage): boolean {
  const index = msg.index;
  return index === null || msg.modified || USER_TEL.test(index.text);
}

const USER_TEL = /user=tel/i;

export default defineRule({
  meta: {
    id: 'user-tel',
    category: 'numbers',
    severity: 'warning',
    description: 'A SIP URI carries user=tel, which RFC 3261 does not define; user=phone is meant.',
    ref: 'RFC 3261 §19.1.1, §19.1.6',
    fix: 'Write user=phone: it marks the user part as a telephone number (RFC 3261 §19.1.6). Carriers and IMS cores that check the parameter ignore or reject user=tel.',
    messages: {
      requestUri: 'the Request-URI has user=tel; RFC 3261 defines user=phone (and user=ip), not user=tel',
      header: '{{header}} has user=tel; RFC 3261 defines user=phone (and user=ip), not user=tel',
    },
  },
  message(ctx, m) {
    const msg = m.message;
    if (msg.kind === 'request' && isUserTel(msg.requestUri)) {
      ctx.report({ messageId: 'requestUri', message: m, at: { startLine: true, index: msg.startLine.toLowerCase().indexOf('user=tel'), length: 8 } });
    }
    if (!mayHoldUserTel(msg)) return;
    for (const name of ADDRESS_HEADERS) {
      for (const field of msg.getAll(name)) {
        const v = field.parsed();
        const list = Array.isArray(v) ? v : v && typeof v === 'object' ? [v] : [];
        if (list.some((na) => isUserTel((na as { uri?: Uri | null }).uri))) {
          ctx.report({ messageId: 'header', data: { header: field.name }, message: m, at: { field, index: indexIn(field, 'user=tel'), length: 8 } });
        }
      }
    }
  },
});
