// Server side of siptool listen: UDP/TCP/TLS listeners, RFC 3261 §17.2 server transactions,
// §18.2 response routing and a UAS that answers calls. Imports core and transport.

// Files
export { SERVER_PROTOCOLS, startListener, type InboundFlow, type ListenerEvents, type ListenerStats, type ListenOptions, type ServerProtocol, type SipListener } from './listener.js';
export { responseDestination, stampTopVia } from './response-routing.js';
export { answerSdp, ANSWER_CODECS, listenerOffer, type SdpAnswerOptions, type SdpAnswerResult } from './sdp-answer.js';
export { serverTransactionKey, ServerTransactionLayer, type ServerLayerDelegate, type ServerLayerOptions, type ServerLayerStats } from './server-layer.js';
export { InviteServerTransaction, NonInviteServerTransaction, ServerTransaction, type ServerTransactionState } from './server-transaction.js';
export { ListenerUas } from './uas.js';
export { ALLOWED_METHODS, REJECT_STATUSES, type CallEndedBy, type CallOutcome as ListenCallOutcome, type CallRecord, type MessageEvent, type RejectStatus, type UasDelegate, type UasOptions, type UasStats } from './uas-types.js';
