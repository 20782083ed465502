import { formatEndpoint } from '../capture/endpoint.js';
import type { AnySipMessage } from '../core/message.js';
import type { Problem } from '../core/problems.js';

export interface Endpoint {
  address: string;
  port: number;
}

export type Transport = 'udp' | 'tcp' | 'tls' | 'ws' | 'wss' | 'sctp';

/** One message of a flow, with everything known about how it travelled. */
export interface FlowMessage {
  /** 0-based position in the input, in reading order. */
  index: number;
  message: AnySipMessage;
  /** Problems the core parser found in it (positions relative to its input). */
  problems: Problem[];
  /**
   * Where it was read: the input's name, and the 1-based line and byte offset where it starts.
   * For a capture: line 1 and offset 0 (positions are within the message) and the number of the
   * frame that completed the message, as Wireshark numbers frames.
   */
  origin: { file: string; line: number; offset: number; frame?: number };
  /** Capture or log time, seconds since the epoch (fractional), when known. */
  time?: number;
  src?: Endpoint;
  dst?: Endpoint;
  transport?: Transport;
  /**
   * Set on a message read with lazy parsing (a capture): the core's full validation has not run
   * yet. The engine's streaming run (ExplainRun) runs it just before the rules, so messages that
   * wait for the rest of their call stay small.
   */
  validateAs?: 'datagram' | 'stream';
}

/** "192.0.2.1:5060", "[2001:db8::1]:5060" (capture's formatEndpoint), or "?" when unknown. */
export function endpointText(e: Endpoint | undefined): string {
  return e ? formatEndpoint(e) : '?';
}
