import { CaptureError } from './capture-error.js';
import type { CaptureFrame, FormatParser } from './capture-frame.js';
import type { CaptureLimits } from './capture-limits.js';
import { PcapParser, pcapVariant } from './pcap-format.js';
import { PCAPNG_BLOCK, PcapngParser } from './pcapng-format.js';

const EMPTY = Buffer.alloc(0);

/** Told about the file as it is read (the packet decoder turns these into stats and notes). */
export interface CursorHooks {
  format?(format: 'pcap' | 'pcapng'): void;
  interface?(linkType: number): void;
  secrets?(): void;
}

/**
 * Turns the bytes of a pcap or pcapng file, pushed in chunks of any size, into frames. Holds at
 * most one record or block plus one chunk; a block that is skipped is never held, whatever its
 * declared length. Used by both the streaming reader (chunks from a file or stream) and the
 * in-memory one (one chunk).
 */
export class FrameCursor {
  private buf: Buffer = EMPTY;
  private pos = 0;
  /** File offset of buf[pos]. */
  offset = 0;
  /** Bytes of a skipped block still to drop as they arrive. */
  private skipping = 0;
  private skipWhat = '';
  private skipStart = 0;
  private ended = false;
  private failure: CaptureError | undefined;
  private parser: FormatParser | undefined;
  private readonly limits: CaptureLimits;
  private readonly hooks: CursorHooks;

  constructor(limits: CaptureLimits, hooks: CursorHooks = {}) {
    this.limits = limits;
    this.hooks = hooks;
  }

  get done(): boolean {
    return this.ended;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.skipping > 0) {
      const n = Math.min(this.skipping, chunk.length);
      this.skipping -= n;
      this.offset += n;
      chunk = chunk.subarray(n);
      if (chunk.length === 0) return;
    }
    const rest = this.buf.length - this.pos;
    this.buf = rest === 0 ? chunk : Buffer.concat([this.buf.subarray(this.pos), chunk]);
    this.pos = 0;
  }

  /** No more data will come; `failure` (a read or decompression error) is thrown once the buffered frames are out. */
  end(failure?: CaptureError): void {
    this.ended = true;
    this.failure = failure;
  }

  private framesSoFar(): number {
    return this.parser?.frames ?? 0;
  }

  /**
   * The next frame, or undefined: more data is needed (before end()) or the file is finished
   * (after end()). Throws CaptureError for a malformed or truncated file.
   */
  next(): CaptureFrame | undefined {
    for (;;) {
      const avail = this.buf.length - this.pos;
      if (this.skipping > 0) {
        if (!this.ended) return undefined;
        throw this.failure ?? new CaptureError('CAPTURE_ERR_TRUNCATED', `the file ends inside ${this.skipWhat}`, this.skipStart, this.framesSoFar());
      }
      if (!this.parser) {
        if (avail < 4) {
          if (!this.ended) return undefined;
          throw this.failure ?? new CaptureError('CAPTURE_ERR_TRUNCATED', avail === 0 ? 'the file is empty' : 'the file ends inside its magic number', 0);
        }
        this.parser = this.open(this.buf.subarray(this.pos, this.pos + 4));
        this.hooks.format?.(this.parser.format);
      }
      if (avail === 0) {
        if (!this.ended) return undefined;
        if (this.failure) throw this.failure;
        return undefined;
      }
      const step = this.parser.step(this.buf, this.pos, this.offset);
      if (step.kind === 'need') {
        if (!this.ended) return undefined;
        throw this.failure ?? new CaptureError('CAPTURE_ERR_TRUNCATED', `the file ends inside ${step.what}`, this.offset, this.framesSoFar());
      }
      if (step.kind === 'frame') {
        this.advance(step.consumed);
        return step.frame;
      }
      if (step.linkType !== undefined) this.hooks.interface?.(step.linkType);
      if (step.secrets) this.hooks.secrets?.();
      if (step.consumed <= avail) {
        this.advance(step.consumed);
      } else {
        this.skipping = step.consumed - avail;
        this.skipWhat = step.what;
        this.skipStart = this.offset;
        this.advance(avail);
      }
    }
  }

  private advance(n: number): void {
    this.pos += n;
    this.offset += n;
    if (this.pos === this.buf.length) {
      this.buf = EMPTY;
      this.pos = 0;
    }
  }

  private open(view: Buffer): FormatParser {
    if (pcapVariant(view)) return new PcapParser(view, this.limits);
    if (view.readUInt32BE(0) === PCAPNG_BLOCK.SHB) return new PcapngParser(this.limits);
    throw new CaptureError('CAPTURE_ERR_BAD_MAGIC', `not a pcap or pcapng file (magic 0x${view.toString('hex', 0, 4)})`, 0);
  }
}
