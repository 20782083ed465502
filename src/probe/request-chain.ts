import type { CancelSignal } from '../transport/cancel.js';
import { buildRequest } from '../core/build-request.js';
import { newCallId, newTag } from '../core/ids.js';
import type { SipRequest, SipResponse } from '../core/message.js';
import type { ClientTransaction, FinalResponse, TransactionCallbacks } from '../transport/client-transaction.js';
import { TransportError } from '../transport/errors.js';
import { DigestAuthenticator, type AuthFailure } from './authenticator.js';
import type { ProbeSession } from './session.js';

export interface ChainSpec {
  method: string;
  uri: string;
  from: string;
  to: string;
  headers?: Array<[string, string]>;
  body?: string;
  contentType?: string;
  contact?: string | null;
  maxForwards?: number;
}

/**
 * The requests of one Call-ID outside a dialog: the first one, then its retries after 401/407
 * (credentials) or 422 (Min-SE) with the same Call-ID and From tag and CSeq + 1
 * (RFC 3261 §8.1.3.5, §22.2; RFC 4028 §7.4).
 */
export class RequestChain {
  readonly callId: string;
  readonly fromTag: string;
  readonly auth: DigestAuthenticator;
  cseq = 0;
  authFailure: AuthFailure | undefined;
  /** Every request sent in this chain (not retransmissions). */
  readonly sent: SipRequest[] = [];
  private readonly session: ProbeSession;
  private readonly spec: ChainSpec;
  private authHeaders: Array<[string, string]> = [];

  constructor(session: ProbeSession, spec: ChainSpec) {
    this.session = session;
    this.spec = spec;
    this.callId = newCallId(session.random);
    this.fromTag = newTag(session.random);
    this.auth = new DigestAuthenticator(session.credentials, { random: session.random });
  }

  /** The auth headers of the latest request (an ACK for a 2xx repeats them, RFC 3261 §22.1). */
  get credentialsHeaders(): Array<[string, string]> {
    return this.authHeaders;
  }

  /** Builds the next request of the chain (CSeq + 1). */
  build(extraHeaders: Array<[string, string]> = []): SipRequest {
    const s = this.spec;
    const session = this.session;
    return buildRequest(
      {
        method: s.method,
        uri: s.uri,
        from: `${s.from};tag=${this.fromTag}`,
        to: s.to,
        via: session.via(),
        callId: this.callId,
        cseq: ++this.cseq,
        maxForwards: s.maxForwards,
        contact: s.contact === undefined ? session.contact() : s.contact,
        headers: [...session.commonHeaders(), ...(s.headers ?? []), ...extraHeaders, ...this.authHeaders],
        body: s.body,
        contentType: s.contentType,
      },
      { random: session.random },
    );
  }

  /** Paces, then starts a transaction for `request`. */
  async start(request: SipRequest, callbacks: TransactionCallbacks = {}, signal?: CancelSignal): Promise<ClientTransaction> {
    await this.session.pacer.wait(signal);
    this.sent.push(request);
    // the abort hook is set before the request leaves: nothing left to do between the request
    // leaving and its answer (RTT)
    let tx: ClientTransaction | undefined;
    const onAbort = (): void => tx?.fail(new TransportError('TRANSPORT_ERR_ABORTED', `${request.method} aborted`));
    const watch = signal !== undefined && request.method !== 'INVITE';
    if (watch && !signal.aborted) signal.addEventListener('abort', onAbort, { once: true });
    tx = this.session.layer.request(request, callbacks);
    if (watch) {
      if (signal.aborted) onAbort();
      else tx.final.finally(() => signal.removeEventListener('abort', onAbort)).catch(() => undefined);
    }
    return tx;
  }

  /**
   * After a 401/407: computes credentials for the retry. Returns false (and sets authFailure)
   * when authentication must stop (no credentials, loop, realm mismatch...).
   */
  answerChallenge(response: SipResponse, request: SipRequest): boolean {
    const a = this.auth.answer(response, { method: request.method, uri: request.uri, body: request.body });
    if (!a.ok) {
      this.authFailure = a.failure;
      return false;
    }
    for (const at of a.attempts) this.session.delegate.onAuth?.(at);
    // keep credentials for other realms answered before, replace the ones answered now
    const names = new Set(a.headers.map(([n]) => n));
    this.authHeaders = [...this.authHeaders.filter(([n]) => !names.has(n)), ...a.headers];
    return true;
  }
}

/** Awaits a transaction's final response; TransportErrors come back as values. */
export async function settle(tx: ClientTransaction): Promise<FinalResponse | TransportError> {
  try {
    return await tx.final;
  } catch (e) {
    if (e instanceof TransportError) return e;
    throw e;
  }
}
