import { CaptureError } from './capture-error.js';
import type { CaptureFrame, FormatParser } from './capture-frame.js';
import type { CaptureLimits } from './capture-limits.js';
import { PcapParser, pcapVariant } from './pcap-parser.js';
import { PCAPNG_BLOCK, PcapngParser } from './pcapng-parser.js';

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
  /** Chunks pushed after buf, not looked at yet. */
  private queue: Buffer[] = [];
  private queued = 0;
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
    if (this.skipping > 0 && this.queue.length === 0) {
      const n = Math.min(this.skipping, chunk.length);
      this.skipping -= n;
      this.offset += n;
      chunk = chunk.subarray(n);
      if (chunk.length === 0) return;
    }
    if (this.pos === this.buf.length && this.queue.length === 0) {
      this.buf = chunk;
      this.pos = 0;
    } else {
      this.queue.push(chunk);
      this.queued += chunk.length;
    }
  }

  /**
   * Makes at least n bytes available at pos, if they have arrived. Only the bytes of the record
   * that straddles two chunks are copied; whole chunks are used in place.
   */
  private ensure(n: number): boolean {
    while (this.buf.length - this.pos < n && this.queue.length > 0) {
      const avail = this.buf.length - this.pos;
      const c = this.queue[0]!;
      if (avail === 0) {
        this.buf = c;
        this.pos = 0;
        this.queue.shift();
        this.queued -= c.length;
        continue;
      }
      const take = Math.min(n - avail, c.length);
      this.buf = Buffer.concat([this.buf.subarray(this.pos), c.subarray(0, take)]);
      this.pos = 0;
      this.queued -= take;
      if (take === c.length) this.queue.shift();
      else this.queue[0] = c.subarray(take);
    }
    return this.buf.length - this.pos >= n;
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
      if (this.skipping > 0) {
        // drop queued bytes of a skipped block
        while (this.skipping > 0 && this.queue.length > 0) {
          const c = this.queue[0]!;
          const n = Math.min(this.skipping, c.length);
          this.skipping -= n;
          this.offset += n;
          this.queued -= n;
          if (n === c.length) this.queue.shift();
          else this.queue[0] = c.subarray(n);
        }
        if (this.skipping > 0) {
          if (!this.ended) return undefined;
          throw this.failure ?? new CaptureError('CAPTURE_ERR_TRUNCATED', `the file ends inside ${this.skipWhat}`, this.skipStart, this.framesSoFar());
        }
      }
      if (!this.parser) {
        if (!this.ensure(4)) {
          if (!this.ended) return undefined;
          const avail = this.buf.length - this.pos;
          throw this.failure ?? new CaptureError('CAPTURE_ERR_TRUNCATED', avail === 0 ? 'the file is empty' : 'the file ends inside its magic number', 0);
        }
        this.parser = this.open(this.buf.subarray(this.pos, this.pos + 4));
        this.hooks.format?.(this.parser.format);
      }
      if (!this.ensure(1)) {
        if (!this.ended) return undefined;
        if (this.failure) throw this.failure;
        return undefined;
      }
      const step = this.parser.step(this.buf, this.pos, this.offset);
      if (step.kind === 'need') {
        if (this.ensure(step.bytes)) continue;
        if (!this.ended) return undefined;
        throw this.failure ?? new CaptureError('CAPTURE_ERR_TRUNCATED', `the file ends inside ${step.what}`, this.offset, this.framesSoFar());
      }
      if (step.kind === 'frame') {
        this.advance(step.consumed);
        return step.frame;
      }
      if (step.linkType !== undefined) this.hooks.interface?.(step.linkType);
      if (step.secrets) this.hooks.secrets?.();
      const avail = this.buf.length - this.pos;
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
