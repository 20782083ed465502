import type { FlowMessage } from '../flow-message.js';
import { defineRule } from '../rule.js';
import { addressScope, describeScope, isUnreachable } from '../util/address-scope.js';
import { addressesOf, behindReachableRecordRoute, sipUriOf } from '../util/fields.js';

/** TCP, TLS or WebSocket when the message travelled over one (connection reuse can save it). */
function streamTransport(m: FlowMessage, uriTransport: string | null | undefined): string | undefined {
  const t = (m.transport ?? uriTransport ?? m.message.topVia?.transport ?? '').toUpperCase();
  return t === 'TCP' || t === 'TLS' || t === 'WS' || t === 'WSS' ? t : undefined;
}

export default defineRule({
  meta: {
    id: 'private-contact',
    category: 'nat',
    severity: 'error',
    description: 'The Contact holds a private, CGNAT, loopback or link-local address that the other side cannot reach, and no reachable Record-Route covers it.',
    ref: 'RFC 3261 §8.1.1.8, §12.1.1, §13.3.1.4; RFC 3581; RFC 6598',
    fix: 'Put an address the carrier can reach in the Contact: the public IP or a public DNS name of your SIP endpoint (behind NAT: the NAT\'s public address, or an SBC/B2BUA). ACK, BYE and re-INVITE are sent to the Contact; a pod, Docker or VPC address there makes calls drop after about 32 s.',
    messages: {
      dialog: 'Contact {{host}} is {{scope}}: the other side sends ACK, BYE and re-INVITEs of this dialog there, so they never arrive (the call drops after ~32 s)',
      dialogStream: 'Contact {{host}} is {{scope}}: over {{transport}} this works only while the other side reuses your connection for ACK, BYE and re-INVITEs (RFC 5923); a new connection to {{host}} cannot be made',
      register: 'Contact {{host}} is {{scope}}: the registrar will send incoming calls there, which only works if it applies NAT handling (received/rport, RFC 5626)',
      other: 'Contact {{host}} is {{scope}}: requests to this Contact from outside cannot arrive',
    },
  },
  message(ctx, m) {
    const msg = m.message;
    const method = msg.kind === 'request' ? msg.method : (msg.cseq?.method ?? '');
    if (msg.kind === 'response' && (msg.status < 101 || msg.status >= 300)) return;
    if (method === 'REGISTER' && msg.kind === 'response') return;
    if (behindReachableRecordRoute(m)) return; // a carrier's private Contact behind its public Record-Route is normal
    for (const { field, address } of addressesOf(msg.getAll('Contact'))) {
      const uri = sipUriOf(address);
      if (!uri) continue;
      const scope = addressScope(uri.host);
      if (!isUnreachable(scope)) continue;
      const stream = streamTransport(m, uri.params.get('transport'));
      const dialog = method === 'INVITE' || method === 'SUBSCRIBE' || method === 'REFER';
      const messageId = method === 'REGISTER' ? 'register' : dialog ? (stream ? 'dialogStream' : 'dialog') : 'other';
      const i = field.lexValue.indexOf(uri.host);
      const data = { host: uri.host, scope: describeScope(scope), transport: stream ?? '' };
      ctx.report({ messageId, data, message: m, at: { field, index: Math.max(0, i), length: uri.host.length }, ...(messageId === 'dialogStream' ? { severity: 'warning' as const } : {}) });
    }
  },
});
