import type { AnySipMessage, RandomSource } from '../core/index.js';
import type { Clock, ReceivedInfo, SocketEndpoint, TimerSettings } from '../transport/index.js';
import type { InboundFlow, ServerProtocol } from './listener.js';

/** Final statuses `siptool listen --reject` may answer an INVITE with. */
export const REJECT_STATUSES = [403, 404, 486, 503] as const;
export type RejectStatus = (typeof REJECT_STATUSES)[number];

/** Methods the listener handles (the Allow header). */
export const ALLOWED_METHODS = ['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'PRACK', 'UPDATE', 'INFO'] as const;
/** Methods it knows but does not handle: 405 with Allow. Everything else: 501. */
export const KNOWN_METHODS = ['REGISTER', 'SUBSCRIBE', 'NOTIFY', 'REFER', 'MESSAGE', 'PUBLISH'] as const;
/** Option tags understood in Require (RFC 3261 §8.2.2.3); others get 420 Bad Extension. */
export const SUPPORTED_EXTENSIONS = ['100rel'] as const;

export interface UasOptions {
  clock?: Clock;
  random?: RandomSource;
  timers?: Partial<TimerSettings>;
  /** Final status for an INVITE: 200 (answer, the default) or a rejection. */
  answer?: 200 | RejectStatus;
  /** Ring this long (180 Ringing first) before the final response (default 0). */
  ringMs?: number;
  /** Retry-After seconds on a 503 (default 60). */
  retryAfter?: number;
  /** Most calls at once (default 32); more INVITEs get 503 with Retry-After. */
  maxDialogs?: number;
  /** A confirmed call longer than this is hung up with BYE (default 1 hour). */
  maxCallMs?: number;
  /** Server header value (default "siptool"); null for none. */
  server?: string | null;
  /** Host written in Contact and SDP instead of the socket address (e.g. a public IP). */
  advertisedHost?: string;
  /** User part of the Contact (default "siptool"). */
  contactUser?: string;
  /** Codecs accepted in an answer, by encoding name (default ANSWER_CODECS). */
  codecs?: readonly string[];
  /** Requests a second accepted from one source address (default 200); the excess is dropped and counted. */
  maxRequestsPerSecond?: number;
  /** Most server transactions at once (default 4096). */
  maxTransactions?: number;
  delegate?: UasDelegate;
}

export type CallOutcome = 'answered' | 'rejected' | 'cancelled' | 'refused' | 'no-ack' | 'transport-error' | 'shutdown' | 'not-acceptable';
export type CallEndedBy = 'caller-BYE' | 'listener-BYE' | 'CANCEL' | 'final-response' | 'no-ACK' | 'shutdown' | 'transport';

/** What the listener knows about one call when it ends. */
export interface CallRecord {
  callId: string;
  /** The From, To and Request-URI of the INVITE as received. */
  from: string;
  to: string;
  requestUri: string;
  protocol: ServerProtocol;
  remote: SocketEndpoint;
  local: SocketEndpoint;
  /** Clock times (ms). */
  startedAt: number;
  answeredAt: number | null;
  endedAt: number;
  /** Final status the listener sent to the INVITE (null when none). */
  status: number | null;
  outcome: CallOutcome;
  endedBy: CallEndedBy;
  /** Codecs of the offer (audio) and the codec chosen for the answer. */
  offerCodecs: string[];
  answerCodec: string | null;
  /** Whether the ACK for the final response arrived. */
  acked: boolean;
  pracks: number;
  /** Status of the BYE the listener sent (null when none was sent or no answer came). */
  byeStatus: number | null;
}

export interface MessageEvent {
  message: AnySipMessage;
  flow: InboundFlow;
  /** For received messages: arrival facts; for sent ones undefined. */
  info?: ReceivedInfo;
  /** Received: a retransmission absorbed by its transaction. Sent: the resend count (0 = first). */
  retransmission: number;
}

export interface UasDelegate {
  /** Every request and response received (retransmissions flagged). */
  onReceived?(e: MessageEvent): void;
  /** Every response and request the listener sent (retransmissions counted). */
  onSent?(e: MessageEvent): void;
  onCallStart?(callId: string, flow: InboundFlow): void;
  onCallEnd?(call: CallRecord): void;
  /** Something worth telling that is not a message (a send failure, an overload). */
  onNote?(text: string, kind: 'overload' | 'send-failed' | 'refused' | 'bad-request' | 'flood'): void;
}

export interface UasStats {
  requests: number;
  responsesSent: number;
  absorbed: number;
  retransmissionsSent: number;
  calls: number;
  refused: number;
  overload: number;
  badRequests: number;
  noAck: number;
  /** Requests dropped by the per-source rate limit. */
  flood: number;
}
