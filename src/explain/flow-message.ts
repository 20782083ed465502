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
  /** Where it was read: the input's name, and the 1-based line and byte offset where it starts. */
  origin: { file: string; line: number; offset: number };
  /** Capture or log time, seconds since the epoch (fractional), when known. */
  time?: number;
  src?: Endpoint;
  dst?: Endpoint;
  transport?: Transport;
}

export function endpointText(e: Endpoint | undefined): string {
  if (!e) return '?';
  return e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}
