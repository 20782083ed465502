import type { CancelSignal } from '../transport/cancel.js';
import type { AuthAttempt, AuthFailure } from './authenticator.js';
import type { NatView } from './nat-view.js';

export interface CallOptions {
  /** Request-URI, e.g. "sip:+15551234567@carrier.example;user=phone". */
  target: string;
  /** From address (default "<sip:siptool@<local address>>"). */
  from?: string;
  /** To address (default the target). */
  to?: string;
  /** Codecs offered, by name (default PCMU, PCMA, telephone-event). */
  codecs?: readonly string[];
  /** RTP port written in the SDP offer (no media is sent; default 40000). */
  rtpPort?: number;
  /** How long to stay in the call after the ACK before sending BYE (ms, default 0). */
  holdMs?: number;
  /** CANCEL when no final response came this long after the INVITE (ms, default 60 000). */
  ringTimeoutMs?: number;
  /** Session-Expires to ask for (seconds, RFC 4028); omitted by default. */
  sessionExpires?: number;
  /** Offer reliable provisionals (Supported: 100rel; default true). */
  use100rel?: boolean;
  headers?: Array<[string, string]>;
  maxForwards?: number;
  /** Aborting tears the call down: CANCEL while ringing, BYE once answered. */
  signal?: CancelSignal;
}

export type CallOutcome =
  | 'answered' // 2xx, ACKed, then BYE (or the peer hung up)
  | 'rejected' // a final 3xx-6xx (other than after our CANCEL)
  | 'cancelled' // ring timeout: CANCEL sent, 487 (or no final response) received
  | 'timeout' // no final response (Timer B) and nothing to cancel
  | 'auth-failed' // challenged and authentication stopped (see authFailure)
  | 'transport-error' // the connection failed or closed
  | 'aborted'; // the caller's AbortSignal fired

export interface ProvisionalInfo {
  status: number;
  reason: string;
  /** Since the first INVITE was sent (ms). */
  atMs: number;
  /** Carried SDP (183 with SDP = early media). */
  sdp: boolean;
  /** Reliable (Require: 100rel with RSeq, RFC 3262). */
  reliable: boolean;
  rseq: number | null;
}

export interface CallTeardown {
  by: 'BYE' | 'CANCEL' | 'remote-BYE' | 'none';
  /** Final status of our BYE or CANCEL, when one came back. */
  status: number | null;
  error?: { code: string; message: string };
}

export interface CallResult {
  outcome: CallOutcome;
  callId: string;
  /** The final response to the last INVITE. */
  status: number | null;
  reason: string | null;
  /** INVITEs sent (more than 1 after 401/407 or 422). */
  invites: number;
  provisionals: ProvisionalInfo[];
  /** A 18x carried SDP (early media, ANCHORS 4.29). */
  earlyMedia: boolean;
  pracks: Array<{ rseq: number; status: number | null }>;
  /** Post-dial delay: first 18x since the first INVITE (ms). */
  pddMs: number | null;
  /** Final response since the first INVITE (ms). */
  finalMs: number | null;
  /** First response to the last INVITE since it was sent (ms). */
  rttMs: number | null;
  offerCodecs: string[];
  /** Codecs of the answer's audio stream ([] when none). */
  answerCodecs: string[];
  sessionTimer: { retried422: boolean; minSE: number | null };
  retryAfter: number | null;
  auth: AuthAttempt[];
  authFailure: AuthFailure | null;
  teardown: CallTeardown;
  /** The confirmed dialog's routing (RFC 3261 §12.1.2), when there was one. */
  dialog: { remoteTarget: string; routeSet: string[]; strictRouting: boolean; nextHop: string } | null;
  nat: NatView | null;
  /** Retransmissions of requests in this call (UDP). */
  retransmissions: number;
  error: { code: string; message: string } | null;
}
