import type { CaptureLimits } from './capture-limits.js';
import type { CaptureTime } from './capture-time.js';
import type { StreamReader } from './stream-reader.js';

/** One TCP segment as captured. */
export interface TcpSegment {
  seq: number;
  syn: boolean;
  fin: boolean;
  /** Captured payload (a view into the frame). */
  data: Buffer;
  /** Payload length per the IP and TCP headers (more than data.length when the snap length cut it). */
  declared: number;
  frames: number[];
  time: CaptureTime;
}

interface Held {
  seq: number;
  data: Buffer;
  declared: number;
  fin: boolean;
  frames: number[];
  time: CaptureTime;
}

/** Counters the half reports to the decoder's stats. */
export interface HalfCounters {
  retransmissions: number;
  gaps: number;
}

/** Signed distance a - b in sequence space (RFC 793 arithmetic mod 2^32). */
function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

/**
 * One direction of a TCP connection: puts segments in sequence order, drops retransmitted and
 * duplicate data, holds out-of-order segments within limits, and turns missing data into a gap
 * when the limits are reached or the stream ends. In-order bytes go to a StreamReader.
 */
export class TcpHalf {
  /** Sequence number of the next byte expected; undefined before the first segment. */
  private next: number | undefined;
  private isn: number | undefined;
  private finSeq: number | undefined;
  private held: Held[] = [];
  heldBytes = 0;
  finished = false;
  reader: StreamReader | undefined;
  private readonly limits: CaptureLimits;
  private readonly counters: HalfCounters;
  private readonly makeReader: (midstream: boolean) => StreamReader;

  constructor(limits: CaptureLimits, counters: HalfCounters, makeReader: (midstream: boolean) => StreamReader) {
    this.limits = limits;
    this.counters = counters;
    this.makeReader = makeReader;
  }

  /** The initial sequence number, when the SYN was captured. */
  get initialSeq(): number | undefined {
    return this.isn;
  }

  get buffered(): number {
    return this.heldBytes + (this.reader?.buffered ?? 0);
  }

  segment(s: TcpSegment): void {
    let seq = s.seq;
    if (s.syn) {
      if (this.next === undefined) {
        this.isn = seq;
        this.next = (seq + 1) >>> 0;
      }
      seq = (seq + 1) >>> 0;
    }
    if (this.finished) {
      if (s.declared > 0) this.counters.retransmissions++;
      return;
    }
    if (s.declared === 0 && !s.fin) return;
    if (this.next === undefined) this.next = seq;
    if (!this.reader) this.reader = this.makeReader(this.isn === undefined);
    if (s.fin) {
      const end = (seq + s.declared) >>> 0;
      if (this.finSeq === undefined || seqDiff(end, this.finSeq) < 0) this.finSeq = end;
    }
    const rel = seqDiff(seq, this.next);
    if (rel > 0) {
      this.hold({ seq, data: s.data, declared: s.declared, fin: s.fin, frames: s.frames, time: s.time });
      return;
    }
    if (rel + s.declared <= 0) {
      if (s.declared > 0) this.counters.retransmissions++;
    } else {
      this.deliver(seq, s.data, s.declared, s.frames, s.time);
      this.drain();
    }
    this.checkFin(s.frames[s.frames.length - 1]!, s.time);
  }

  private hold(h: Held): void {
    let i = this.held.length;
    const rel = seqDiff(h.seq, this.next!);
    while (i > 0 && seqDiff(this.held[i - 1]!.seq, this.next!) > rel) i--;
    if (i > 0 && this.held[i - 1]!.seq === h.seq && this.held[i - 1]!.declared >= h.declared) {
      this.counters.retransmissions++;
      return;
    }
    const data = Buffer.from(h.data);
    this.held.splice(i, 0, { ...h, data });
    this.heldBytes += data.length;
    if (this.held.length > this.limits.maxOutOfOrderSegments || this.buffered > this.limits.maxStreamBytes) this.skipToHeld();
  }

  /** Declares the bytes before the first held segment lost, and goes on from there. */
  private skipToHeld(): void {
    const first = this.held[0];
    if (!first) return;
    const missing = seqDiff(first.seq, this.next!);
    if (missing > 0) {
      this.counters.gaps++;
      this.reader!.gap(missing, first.frames[0]!, first.time);
      this.next = first.seq;
    }
    this.drain();
  }

  private deliver(seq: number, data: Buffer, declared: number, frames: number[], time: CaptureTime): void {
    const skip = seqDiff(this.next!, seq);
    if (skip < data.length) this.reader!.data(Buffer.from(data.subarray(Math.max(0, skip))), frames, time);
    const missing = declared - Math.max(skip, data.length);
    this.next = (seq + declared) >>> 0;
    if (missing > 0) {
      // the snap length cut this segment: what is missing is a gap
      this.counters.gaps++;
      this.reader!.gap(missing, frames[frames.length - 1]!, time);
    }
  }

  private drain(): void {
    while (this.held.length > 0) {
      const h = this.held[0]!;
      const rel = seqDiff(h.seq, this.next!);
      if (rel > 0) break;
      this.held.shift();
      this.heldBytes -= h.data.length;
      if (rel + h.declared > 0) this.deliver(h.seq, h.data, h.declared, h.frames, h.time);
      else if (h.declared > 0) this.counters.retransmissions++;
    }
  }

  private checkFin(frame: number, time: CaptureTime): void {
    if (this.finSeq !== undefined && this.next === this.finSeq && this.held.length === 0) {
      this.finished = true;
      this.reader?.end(frame, time);
    }
  }

  /** End of the stream (reset, eviction, end of capture): held data after gaps, then the end. */
  flush(frame: number, time: CaptureTime): void {
    if (this.finished) return;
    while (this.held.length > 0) this.skipToHeld();
    this.finished = true;
    this.reader?.end(frame, time);
  }
}
