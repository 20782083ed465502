import type { AnySipMessage, Problem } from '../core/index.js';
import type { CaptureNote } from './capture-note.js';
import type { CaptureTime } from './capture-time.js';
import type { Endpoint } from './endpoint.js';

/**
 * How a message travelled. 'tcp' is SIP in clear over TCP, whatever the port (a siptool probe
 * writes its TLS traffic this way); 'ws' is SIP over WebSocket (RFC 7118) on TCP.
 */
export type CaptureTransport = 'udp' | 'tcp' | 'ws';

/** A SIP message found in a capture. */
export interface CaptureMessage {
  readonly kind: 'message';
  /** 0-based position among the messages of this capture. */
  readonly index: number;
  /** core parseMessage() of `bytes`; undefined when no start line could be recognised. */
  readonly message: AnySipMessage | undefined;
  /** Problems of the message, positions relative to `bytes` (line 1 = the start line). */
  readonly problems: readonly Problem[];
  /** The exact bytes of the message (own copy). */
  readonly bytes: Buffer;
  /** Time of the frame that completed the message (the last segment or fragment). */
  readonly time: CaptureTime;
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly transport: CaptureTransport;
  /** 1-based numbers of the frames that carried it, as Wireshark numbers them, in capture order. */
  readonly frames: readonly number[];
  /** The IP datagram carrying it was fragmented (RFC 3261 §18.1.1: UDP over the MTU). */
  readonly ipFragmented: boolean;
  /** A frame carrying it was cut by the snap length: `bytes` is not the whole message. */
  readonly truncated: boolean;
}

export type CaptureEvent = CaptureMessage | CaptureNote;
