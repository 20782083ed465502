import type { Uri } from './types.js';

/** Serializes a URI from its parts (a parsed, unmodified URI comes back as written, scheme lower-cased). */
export function formatUri(uri: Uri): string {
  switch (uri.type) {
    case 'sip': {
      let out = uri.scheme + ':';
      if (uri.user !== null) out += uri.user + (uri.password !== null ? ':' + uri.password : '') + '@';
      out += uri.host;
      if (uri.port !== null) out += ':' + uri.port;
      out += uri.params.format(';', ';');
      if (uri.headers.size > 0) out += uri.headers.format('?', '&');
      return out;
    }
    case 'tel':
      return 'tel:' + uri.number + uri.params.format(';', ';');
    case 'absolute':
      return uri.scheme + ':' + uri.opaque;
  }
}
