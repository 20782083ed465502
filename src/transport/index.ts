// Transport layer: UDP, TCP, TLS and WebSocket client transports behind one interface, client
// transactions with RFC 3261 timers, and the TLS report. Imports core, node:dgram/net/tls/fs, ws.

// Files
export { TransactionLayer, type TransactionLayerDelegate, type TransactionLayerOptions, type TransactionLayerStats, type UnmatchedReason } from './transaction-layer.js';
export { ClientTransaction, NonInviteClientTransaction, type FinalResponse, type TransactionCallbacks, type TransactionState } from './client-transaction.js';
export { InviteClientTransaction } from './invite-client-transaction.js';
export { ackForNon2xx, cancelFor } from './derived-requests.js';
export { Canceller, type CancelSignal } from './cancel.js';
export { NamedTimers, sleep, systemClock, timerSettings, type Clock, type TimerHandle, type TimerSettings } from './clock.js';
export { isTransportError, TRANSPORT_ERROR_CODES, TransportError, type TransportErrorCode } from './errors.js';
export { openTransport, TRANSPORT_FACTORIES } from './open-transport.js';
export { wallClock } from './clock.js';
export { keylogFileSink, readTlsFiles } from './tls-files.js';
export { matchSipDomain, splitSubjectAltNames, type CertificateSummary, type DomainMatch, type TlsClientOptions, type TlsReport } from './tls-report.js';
export { sniFor } from './tls.js';
export {
  DEFAULT_TRANSPORT_LIMITS,
  TRANSPORT_PROTOCOLS,
  type SocketEndpoint,
  type OpenTransportOptions,
  type ReceivedInfo,
  type SipTransport,
  type TransportFactory,
  type TransportLimits,
  type TransportListener,
  type TransportNotice,
  type TransportProtocol,
  type TransportStats,
  type WireEvent,
} from './types.js';
