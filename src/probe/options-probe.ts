import type { CancelSignal } from '../transport/cancel.js';
import type { SipRequest, SipResponse } from '../core/index.js';
import { TransportError } from '../transport/errors.js';
import type { AuthAttempt, AuthFailure } from './authenticator.js';
import { natView, type NatView } from './nat-view.js';
import { RequestChain, settle } from './request-chain.js';
import type { ProbeSession } from './session.js';

export interface OptionsProbeOptions {
  /** Request-URI, e.g. "sip:carrier.example" or "sip:+15551234567@carrier.example;user=phone". */
  target: string;
  /** From address (default "<sip:siptool@<local address>>"). */
  from?: string;
  /** To address (default the target). */
  to?: string;
  headers?: Array<[string, string]>;
  maxForwards?: number;
  signal?: CancelSignal;
}

export interface OptionsResult {
  status: number;
  reason: string;
  /** From sending the request that got the final response to receiving it (ms). */
  rttMs: number;
  server: string | undefined;
  userAgent: string | undefined;
  allow: string[];
  supported: string[];
  accept: string[];
  /** Retransmissions of the final request (UDP). */
  retransmissions: number;
  /** Requests sent (more than 1 after authentication). */
  requests: number;
  nat: NatView;
  /** Retry-After seconds of a 503 (or any response carrying it). */
  retryAfter: number | undefined;
  auth: AuthAttempt[];
  authFailure: AuthFailure | undefined;
  request: SipRequest;
  response: SipResponse;
}

/**
 * Sends OPTIONS and waits for the final response, answering digest challenges. Throws a
 * TransportError when no final response arrives (TRANSPORT_ERR_TIMEOUT, _CLOSED, _ABORTED...):
 * for failover, a probe that got no answer is an error, every final response is a result.
 */
export async function sendOptions(session: ProbeSession, o: OptionsProbeOptions): Promise<OptionsResult> {
  const local = session.transport.local;
  const from = o.from ?? `<sip:siptool@${local.family === 'IPv6' ? `[${local.address}]` : local.address}>`;
  const chain = new RequestChain(session, {
    method: 'OPTIONS',
    uri: o.target,
    from,
    to: o.to ?? `<${o.target}>`,
    headers: [['Accept', 'application/sdp'], ...(o.headers ?? [])],
    maxForwards: o.maxForwards,
  });
  for (;;) {
    const request = chain.build();
    const tx = await chain.start(request, {}, o.signal);
    const r = await settle(tx);
    if (r instanceof TransportError) throw r;
    const { response } = r;
    if ((response.status === 401 || response.status === 407) && chain.answerChallenge(response, request)) continue;
    return {
      status: response.status,
      reason: response.reason,
      rttMs: r.rttMs,
      server: response.value('Server'),
      userAgent: response.value('User-Agent'),
      allow: listValues(response, 'Allow'),
      supported: listValues(response, 'Supported'),
      accept: listValues(response, 'Accept'),
      retransmissions: r.retransmissions,
      requests: chain.sent.length,
      nat: natView(response, local),
      retryAfter: response.parsed('Retry-After')?.seconds,
      auth: chain.auth.attempts,
      authFailure: chain.authFailure,
      request,
      response,
    };
  }
}

/** Every comma-separated element of a header across its fields, trimmed. */
export function listValues(m: SipResponse, name: string): string[] {
  const out: string[] = [];
  for (const f of m.getAll(name)) {
    for (const part of f.value.split(',')) {
      const s = part.trim();
      if (s !== '') out.push(s);
    }
  }
  return out;
}
