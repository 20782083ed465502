import { InvalidArgumentError } from '../errors.js';
import { HeaderField } from './header-field.js';

/**
 * The tail every built message shares: extra header fields in order, then Content-Type when
 * there is a body, then a Content-Length equal to the body length. Returns the body bytes.
 */
export function appendHeadersAndBody(fields: HeaderField[], headers: Array<[string, string]> | undefined, body: Buffer | string | undefined, contentType: string | undefined): Buffer {
  for (const [name, value] of headers ?? []) fields.push(HeaderField.create(name, value));
  const bytes = body === undefined ? Buffer.allocUnsafe(0) : typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  if (bytes.length > 0) {
    if (!contentType) throw new InvalidArgumentError('a body needs a contentType');
    fields.push(HeaderField.create('Content-Type', contentType));
  }
  fields.push(HeaderField.create('Content-Length', String(bytes.length)));
  return bytes;
}
