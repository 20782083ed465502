import type { DecodedResponse } from './decode-response.js';
import type { DnsServer } from './server-address.js';
import type { IgnoredAnswers, QueryType } from './types.js';

/** One query/response exchange with one server over one transport. */
export interface ExchangeRequest {
  server: DnsServer;
  packet: Buffer;
  id: number;
  name: string;
  type: QueryType;
  timeoutMs: number;
  maxRecords: number;
}

export type ExchangeResult =
  /** A matching response (it may have TC set). */
  | { kind: 'answer'; response: DecodedResponse; ignored: IgnoredAnswers }
  /** A matching but undecodable response with TC set: retry over TCP. */
  | { kind: 'truncated-undecodable'; reason: string; ignored: IgnoredAnswers }
  /** No acceptable response in time. `malformed` holds why the last rejected packet was rejected. */
  | { kind: 'timeout'; malformed: string | null; ignored: IgnoredAnswers }
  /** The socket failed (unreachable, refused, reset). */
  | { kind: 'network'; error: string; ignored: IgnoredAnswers };
