import { appendHeadersAndBody } from './build-fields.js';
import { HeaderField } from './header-field.js';
import { defaultRandom, newTag, type RandomSource } from './ids.js';
import { SipResponse, type SipRequest } from './message.js';
import { reasonPhrase } from './reason-phrases.js';
import { InvalidArgumentError } from '../errors.js';

export interface ResponseOptions {
  reason?: string;
  /** To tag to add when the request's To has none (generated when omitted; never on 100). */
  toTag?: string;
  contact?: string;
  headers?: Array<[string, string]>;
  body?: Buffer | string;
  contentType?: string;
  random?: RandomSource;
}

/**
 * Builds a response to a request per RFC 3261 §8.2.6: Via fields copied in order, From,
 * Call-ID and CSeq copied, To copied with a tag added (except on 100 Trying), Record-Route
 * copied on responses that can establish a dialog (§12.1.1), Timestamp echoed on 100 (§8.2.6.1).
 */
export function buildResponse(request: SipRequest, status: number, options: ResponseOptions = {}): SipResponse {
  if (!Number.isInteger(status) || status < 100 || status > 699) throw new InvalidArgumentError(`status ${status} is not 100..699`);
  const fields: HeaderField[] = [];
  for (const h of request.getAll('Via')) fields.push(HeaderField.create('Via', h.value));
  const from = request.get('From');
  if (from) fields.push(HeaderField.create('From', from.value));
  const to = request.get('To');
  if (to) {
    let value = to.value;
    const hasTag = request.toTag !== undefined;
    if (!hasTag && status !== 100) value += `;tag=${options.toTag ?? newTag(options.random ?? defaultRandom)}`;
    fields.push(HeaderField.create('To', value));
  }
  const callId = request.get('Call-ID');
  if (callId) fields.push(HeaderField.create('Call-ID', callId.value));
  const cseq = request.get('CSeq');
  if (cseq) fields.push(HeaderField.create('CSeq', cseq.value));
  if (status > 100 && status < 300 && (request.method === 'INVITE' || request.method === 'SUBSCRIBE')) {
    for (const rr of request.getAll('Record-Route')) fields.push(HeaderField.create('Record-Route', rr.value));
  }
  if (status === 100) {
    const ts = request.get('Timestamp');
    if (ts) fields.push(HeaderField.create('Timestamp', ts.value));
  }
  if (options.contact) fields.push(HeaderField.create('Contact', options.contact));
  const body = appendHeadersAndBody(fields, options.headers, options.body, options.contentType);
  return new SipResponse(status, options.reason ?? reasonPhrase(status), 'SIP/2.0', fields, body);
}
