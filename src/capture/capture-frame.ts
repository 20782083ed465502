import type { CaptureTime } from './capture-time.js';

/** One packet record of a capture file, before any protocol decoding. */
export interface CaptureFrame {
  /** 1-based, in file order, as Wireshark numbers frames. */
  readonly number: number;
  readonly time: CaptureTime;
  /** LINKTYPE_* value of the interface (1 Ethernet, 113 SLL, 276 SLL2, 101 raw IP, 0 null, ...). */
  readonly linkType: number;
  /** pcapng interface id (0 for pcap). */
  readonly interfaceId: number;
  /** The captured bytes, starting at the link-layer header. */
  readonly data: Buffer;
  /** Length of the packet on the wire; more than data.length when the snap length cut it. */
  readonly originalLength: number;
  /** Byte offset of the record or block in the (uncompressed) file. */
  readonly fileOffset: number;
}

/**
 * What a format parser does with the bytes at the current file position: ask for more, hand
 * over a frame, or skip a header or block (which may be longer than what is buffered).
 */
export type FormatStep =
  | { readonly kind: 'need'; readonly bytes: number; readonly what: string }
  | { readonly kind: 'frame'; readonly frame: CaptureFrame; readonly consumed: number }
  | { readonly kind: 'skip'; readonly consumed: number; readonly what: string; readonly linkType?: number; readonly secrets?: boolean };

/** A pcap or pcapng parser: a state machine fed the bytes buffered at the current position. */
export interface FormatParser {
  readonly format: 'pcap' | 'pcapng';
  /** Frames handed over so far. */
  readonly frames: number;
  /**
   * Looks at b[at..b.length), which starts at file offset `offset` and may hold less than one
   * record. Throws CaptureError for a malformed file.
   */
  step(b: Buffer, at: number, offset: number): FormatStep;
}
