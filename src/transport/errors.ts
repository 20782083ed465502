import { SiptoolError } from '../errors.js';
import { nullProto } from '../core/null-proto.js';

/**
 * Stable codes of the transport and transaction layer (docs/transport.md, docs/errors.md).
 * Callers branch on `code`; the message is for people.
 */
export const TRANSPORT_ERROR_CODES = nullProto({
  __proto__: null,
  TRANSPORT_ERR_CONNECT: 'the connection could not be opened (refused, unreachable, reset during connect)',
  TRANSPORT_ERR_CONNECT_TIMEOUT: 'the connection was not established within the connect timeout',
  TRANSPORT_ERR_TLS_HANDSHAKE: 'the TLS handshake failed (protocol, cipher or alert)',
  TRANSPORT_ERR_TLS_VERIFY: 'the peer certificate chain did not verify, or does not match the SIP domain (RFC 5922 §7)',
  TRANSPORT_ERR_WS_HANDSHAKE: 'the WebSocket upgrade failed or the peer did not accept the "sip" subprotocol (RFC 7118)',
  TRANSPORT_ERR_CLOSED: 'the connection was closed (by the peer or locally) while it was still needed',
  TRANSPORT_ERR_SOCKET: 'a socket error after the connection was open',
  TRANSPORT_ERR_SEND: 'a message could not be sent',
  TRANSPORT_ERR_MESSAGE_TOO_LARGE: 'a message from the peer exceeded the size limit; the connection was closed',
  TRANSPORT_ERR_FRAMING: 'the byte stream from the peer can no longer be framed into SIP messages (garbage, bad Content-Length)',
  TRANSPORT_ERR_TIMEOUT: 'no final response before the transaction timeout (Timer B or F)',
  TRANSPORT_ERR_ABORTED: 'the operation was aborted by the caller (AbortSignal)',
  TRANSPORT_ERR_INVALID_STATE: 'an operation was attempted on a closed transport or a finished transaction',
} as const);

export type TransportErrorCode = keyof typeof TRANSPORT_ERROR_CODES;

export class TransportError extends SiptoolError {
  declare readonly code: TransportErrorCode;
  /** Extra facts for reports (remote address, bytes buffered, TLS report...). Never secrets. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: TransportErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(code, message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TransportError';
    this.details = options.details ?? {};
  }
}

export function isTransportError(e: unknown, code?: TransportErrorCode): e is TransportError {
  return e instanceof TransportError && (code === undefined || e.code === code);
}
