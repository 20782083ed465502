import { HeaderField } from '../core/header-field.js';
import { SipRequest, type SipResponse } from '../core/message.js';

/** Builds a request that copies the identifying fields of `request` (§9.1, §17.1.1.3). */
function derive(request: SipRequest, method: string, to: string): SipRequest {
  const via = request.get('Via');
  const fields: HeaderField[] = [];
  if (via) fields.push(HeaderField.create('Via', request.vias.length > 1 ? topViaText(via.value) : via.value));
  fields.push(HeaderField.create('Max-Forwards', '70'));
  const from = request.get('From');
  if (from) fields.push(HeaderField.create('From', from.value));
  fields.push(HeaderField.create('To', to));
  const callId = request.get('Call-ID');
  if (callId) fields.push(HeaderField.create('Call-ID', callId.value));
  fields.push(HeaderField.create('CSeq', `${request.cseq?.seq ?? 1} ${method}`));
  for (const r of request.getAll('Route')) fields.push(HeaderField.create('Route', r.value));
  fields.push(HeaderField.create('Content-Length', '0'));
  return new SipRequest(method, request.uri, 'SIP/2.0', fields, Buffer.alloc(0));
}

/** The first Via value of a field that holds several ("a, b" → "a"); quotes respected. */
function topViaText(value: string): string {
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) return value.slice(0, i).trim();
  }
  return value;
}

/**
 * The ACK for a non-2xx final response to an INVITE, sent by the client transaction itself
 * (RFC 3261 §17.1.1.3): same Request-URI, Call-ID, From, top Via (same branch), CSeq number and
 * Route set as the INVITE; To from the response (with its tag).
 */
export function ackForNon2xx(invite: SipRequest, response: SipResponse): SipRequest {
  const to = response.get('To')?.value ?? invite.get('To')?.value ?? '';
  return derive(invite, 'ACK', to);
}

/** CANCEL for a pending request (RFC 3261 §9.1): the same identifying fields, the same branch. */
export function cancelFor(request: SipRequest): SipRequest {
  return derive(request, 'CANCEL', request.get('To')?.value ?? '');
}
