import type { Severity } from '../core/index.js';
import type { CaptureTime } from './capture-time.js';
import type { Endpoint } from './endpoint.js';
import type { CaptureTransport } from './capture-message.js';

/**
 * Things the reader noticed about the capture itself rather than about one SIP message: data
 * that was missing, cut, encrypted or dropped. Each code is stable and has a default severity
 * (docs/capture.md). Notes about one flow are given once per flow; `stats` counts every case.
 */
export const CAPTURE_NOTE_CODES = {
  CAPTURE_LINK_TYPE_UNSUPPORTED: { severity: 'warning', summary: 'an interface has a link type siptool does not decode; its frames were skipped' },
  CAPTURE_FRAME_TRUNCATED: { severity: 'warning', summary: 'frames were cut by the capture snap length; SIP messages in them are incomplete' },
  CAPTURE_PACKET_MALFORMED: { severity: 'info', summary: 'an IP, UDP or TCP header was malformed; the packet was skipped' },
  CAPTURE_IP_FRAGMENT_INCOMPLETE: { severity: 'warning', summary: 'an IP datagram was never completed from its fragments (missing fragment, timeout or end of capture)' },
  CAPTURE_IP_FRAGMENT_INVALID: { severity: 'warning', summary: 'an IP fragment was inconsistent (over 65,535 bytes, conflicting end); the datagram was dropped' },
  CAPTURE_TCP_MIDSTREAM: { severity: 'info', summary: 'a TCP connection was already open when the capture started; bytes before the first SIP start line were skipped' },
  CAPTURE_TCP_GAP: { severity: 'warning', summary: 'a TCP stream had a gap (segments not captured); reading resumed at the next SIP start line' },
  CAPTURE_TCP_FRAMING_LOST: { severity: 'warning', summary: 'a SIP message on a stream had no usable Content-Length, so the stream could not be framed; reading resumed at the next SIP start line' },
  CAPTURE_TCP_INCOMPLETE_MESSAGE: { severity: 'warning', summary: 'a TCP stream ended (or was dropped) in the middle of a SIP message' },
  CAPTURE_TLS_ENCRYPTED: { severity: 'info', summary: 'TLS traffic was seen; siptool does not decrypt TLS, so SIP inside it is not read' },
  CAPTURE_WEBSOCKET_PROBLEM: { severity: 'warning', summary: 'a WebSocket stream broke the framing rules (RFC 6455) or used an extension siptool cannot undo; the rest of it was skipped' },
  CAPTURE_DECRYPTION_SECRETS: { severity: 'info', summary: 'the pcapng file carries decryption secrets; siptool does not use them' },
  CAPTURE_LIMIT_REACHED: { severity: 'warning', summary: 'a memory limit was reached; the oldest flow state was dropped (docs/capture.md, Limits)' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type CaptureNoteCode = keyof typeof CAPTURE_NOTE_CODES;

export interface CaptureNote {
  readonly kind: 'note';
  readonly code: CaptureNoteCode;
  readonly severity: Severity;
  /** One sentence for people, with the specifics (bytes, ports, interface). */
  readonly message: string;
  /** The frame where it was noticed, and its time, when there is one. */
  readonly frame?: number;
  readonly time?: CaptureTime;
  /** The flow it is about, when it is about one. */
  readonly src?: Endpoint;
  readonly dst?: Endpoint;
  readonly transport?: CaptureTransport;
}
