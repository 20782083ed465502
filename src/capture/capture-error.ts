import { SiptoolError } from '../errors.js';

/**
 * Why a capture file could not be read to its end. Every code is stable (docs/capture.md);
 * callers branch on `code`, never on the message text.
 */
export const CAPTURE_ERROR_CODES = {
  CAPTURE_ERR_BAD_MAGIC: 'the input is not a pcap or pcapng file (unknown magic number)',
  CAPTURE_ERR_TRUNCATED: 'the file ends inside a header, record or block',
  CAPTURE_ERR_BAD_BLOCK: 'a pcapng block is malformed (bad length, bad interface, over the size limit)',
  CAPTURE_ERR_BAD_RECORD: 'a pcap record header is malformed (captured length over the limit)',
  CAPTURE_ERR_UNSUPPORTED_VERSION: 'the pcap or pcapng version is not one siptool reads',
  CAPTURE_ERR_READ: 'the file or stream could not be read (I/O error)',
} as const;

export type CaptureErrorCode = keyof typeof CAPTURE_ERROR_CODES;

/**
 * Thrown by the capture reader after every message that could be read before the fault has been
 * delivered. `offset` is the byte offset in the (uncompressed) capture where the bad header,
 * record or block starts; `frame` the number of the last frame read before it (0 if none).
 */
export class CaptureError extends SiptoolError {
  declare readonly code: CaptureErrorCode;
  readonly offset: number;
  readonly frame: number;

  constructor(code: CaptureErrorCode, message: string, offset: number, frame = 0, options?: { cause?: unknown }) {
    super(code, `${message} (at byte offset ${offset})`, options);
    this.name = 'CaptureError';
    this.offset = offset;
    this.frame = frame;
  }
}
