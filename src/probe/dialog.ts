import { buildRequest } from '../core/build-request.js';
import { formatNameAddr } from '../core/headers/name-addr.js';
import type { RandomSource } from '../core/ids.js';
import type { SipRequest, SipResponse } from '../core/message.js';
import { parseUri } from '../core/uri/parse-uri.js';

export interface ViaSpec {
  transport: string;
  host: string;
  port?: number;
}

/**
 * A UAC dialog (RFC 3261 §12.1.2): created from a 2xx or a reliable 18x to our INVITE. Holds the
 * route set (Record-Route reversed), the remote target (the response's Contact), the tags and
 * the local CSeq, and builds in-dialog requests with loose or strict routing (§12.2.1.1).
 */
export class Dialog {
  readonly callId: string;
  readonly localFrom: string;
  readonly remoteTo: string;
  readonly remoteTag: string;
  readonly remoteTarget: string;
  /** Route URIs in the order they go into Route header fields (as name-addr text). */
  readonly routeSet: string[];
  localSeq: number;
  readonly inviteSeq: number;

  constructor(invite: SipRequest, response: SipResponse) {
    this.callId = invite.callId ?? '';
    this.localFrom = invite.get('From')?.value ?? '';
    this.remoteTo = response.get('To')?.value ?? '';
    this.remoteTag = response.toTag ?? '';
    const contacts = response.contacts;
    this.remoteTarget = contacts !== '*' && contacts[0] ? contacts[0].uriText : invite.uri;
    this.routeSet = response
      .list('Record-Route')
      .map((na) => formatNameAddr(na))
      .reverse();
    this.inviteSeq = invite.cseq?.seq ?? 1;
    this.localSeq = this.inviteSeq;
  }

  /** True when the first route lacks `;lr` (a strict router, RFC 2543 style). */
  get strictRouting(): boolean {
    const first = this.routeSet[0];
    if (!first) return false;
    const uri = parseUri(first.replace(/^[^<]*<|>.*$/g, ''));
    return !(uri?.type === 'sip' && uri.params.has('lr'));
  }

  /** Request-URI and Route header values for the next in-dialog request (§12.2.1.1). */
  routing(): { uri: string; routes: string[] } {
    if (this.routeSet.length === 0) return { uri: this.remoteTarget, routes: [] };
    if (!this.strictRouting) return { uri: this.remoteTarget, routes: [...this.routeSet] };
    // strict: the first route becomes the Request-URI (without header params), the remote target goes last
    const first = this.routeSet[0]!.replace(/^[^<]*<|>.*$/g, '');
    return { uri: first, routes: [...this.routeSet.slice(1), `<${this.remoteTarget}>`] };
  }

  /** The URI where the next in-dialog request goes (the first route, else the remote target). */
  get nextHop(): string {
    const r = this.routing();
    return r.routes[0] && !this.strictRouting ? r.routes[0].replace(/^[^<]*<|>.*$/g, '') : r.uri;
  }

  /**
   * Builds an in-dialog request. ACK reuses the INVITE's CSeq number (§13.2.2.4); every other
   * method takes the next local CSeq.
   */
  request(method: string, via: ViaSpec, random: RandomSource, extra: { headers?: Array<[string, string]>; body?: string | Buffer; contentType?: string; contact?: string } = {}): SipRequest {
    const cseq = method === 'ACK' ? this.inviteSeq : ++this.localSeq;
    const { uri, routes } = this.routing();
    return buildRequest(
      {
        method,
        uri,
        from: this.localFrom,
        to: this.remoteTo,
        via,
        callId: this.callId,
        cseq,
        contact: extra.contact ?? null,
        headers: [...routes.map((r): [string, string] => ['Route', r]), ...(extra.headers ?? [])],
        body: extra.body,
        contentType: extra.contentType,
      },
      { random },
    );
  }
}
