import type { FramedMessage } from '../core/index.js';
import type { CaptureLimits } from './capture-limits.js';
import type { CaptureNoteCode } from './capture-note.js';
import type { CaptureTime } from './capture-time.js';
import { formatEndpoint, type Endpoint } from './endpoint.js';
import { StreamReader, type ConnectionState } from './stream-reader.js';
import { TcpHalf, type HalfCounters } from './tcp-half.js';
import type { WsDeflate } from './websocket-reader.js';

/** Where the tracker sends messages and notes (the packet decoder). */
export interface TcpOutput {
  message(bytes: Buffer, transport: 'tcp' | 'ws', parseAs: 'stream' | 'datagram', frames: number[], time: CaptureTime, src: Endpoint, dst: Endpoint, parsed?: FramedMessage): void;
  note(code: CaptureNoteCode, message: string, frame: number, time: CaptureTime, src?: Endpoint, dst?: Endpoint): void;
}

/** A TCP header, parsed. */
export interface TcpHeader {
  srcPort: number;
  dstPort: number;
  seq: number;
  syn: boolean;
  ack: boolean;
  fin: boolean;
  rst: boolean;
  /** Header length in bytes (data offset). */
  length: number;
}

/** Parses the TCP header at the start of a segment; a reason string when malformed. */
export function parseTcpHeader(d: Buffer): TcpHeader | string {
  if (d.length < 20) return 'TCP header cut short';
  const length = (d[12]! >> 4) * 4;
  if (length < 20) return `TCP data offset ${length} is below 20`;
  if (length > d.length) return 'TCP options cut short';
  const flags = d[13]!;
  return { srcPort: d.readUInt16BE(0), dstPort: d.readUInt16BE(2), seq: d.readUInt32BE(4), fin: (flags & 1) !== 0, syn: (flags & 2) !== 0, rst: (flags & 4) !== 0, ack: (flags & 16) !== 0, length };
}

class Connection implements ConnectionState {
  tlsNoted = false;
  gapNoted = false;
  deflate: WsDeflate | undefined = undefined;
  /** Endpoints as first seen: [0] is the side whose key sorts first. */
  readonly ends: [Endpoint, Endpoint];
  readonly halves: [TcpHalf, TcpHalf];
  /** Bytes held (as last counted into the tracker's total). */
  bytes = 0;
  lastFrame = 0;
  lastTime: CaptureTime = { seconds: 0, nanoseconds: 0 };

  constructor(ends: [Endpoint, Endpoint], halves: (c: Connection, dir: 0 | 1) => TcpHalf) {
    this.ends = ends;
    this.halves = [halves(this, 0), halves(this, 1)];
  }
}

/**
 * The TCP connections of a capture: one entry per 4-tuple, least recently active first, bounded
 * in number and in bytes held (the oldest connection is flushed and dropped past a limit). A
 * SYN with a new initial sequence number starts a new connection on a reused 4-tuple.
 */
export class TcpTracker {
  private readonly conns = new Map<string, Connection>();
  private readonly limits: CaptureLimits;
  private readonly out: TcpOutput;
  readonly counters: HalfCounters = { retransmissions: 0, gaps: 0 };
  /** Bytes held across all connections. */
  buffered = 0;
  connections = 0;
  dropped = 0;

  constructor(limits: CaptureLimits, out: TcpOutput) {
    this.limits = limits;
    this.out = out;
  }

  /** Connections tracked now. */
  get open(): number {
    return this.conns.size;
  }

  /**
   * A segment of the connection `key` (both ends, in a fixed order: the same key both ways);
   * `forward` when its source is the end that comes first in the key.
   */
  segment(
    key: string,
    forward: boolean,
    endpoint: (which: 'src' | 'dst') => Endpoint,
    h: TcpHeader,
    data: Buffer,
    declared: number,
    frames: number[],
    time: CaptureTime,
  ): void {
    const dir: 0 | 1 = forward ? 0 : 1;
    let conn = this.conns.get(key);
    const frame = frames[frames.length - 1]!;
    if (conn && h.syn && !h.ack) {
      const isn = conn.halves[dir].initialSeq;
      if (isn !== h.seq) {
        this.close(key, conn, frame, time);
        conn = undefined;
      }
    }
    if (!conn) {
      // a connection starts with a SYN or data; a stray ACK, FIN or RST after its end does not
      if (h.rst || (!h.syn && declared === 0)) return;
      const src = endpoint('src');
      const dst = endpoint('dst');
      const ends: [Endpoint, Endpoint] = forward ? [src, dst] : [dst, src];
      conn = new Connection(ends, (c, d) => new TcpHalf(this.limits, this.counters, (midstream) => this.reader(c, d, midstream)));
      this.connections++;
      if (this.conns.size >= this.limits.maxTcpConnections) this.evictOldest(`more than ${this.limits.maxTcpConnections} TCP connections were open at once`, frame, time);
    } else {
      this.conns.delete(key); // re-inserted below: Map order is least recently active first
    }
    this.conns.set(key, conn);
    conn.lastFrame = frame;
    conn.lastTime = time;
    if (h.rst) {
      this.close(key, conn, frame, time);
      return;
    }
    conn.halves[dir].segment({ seq: h.seq, syn: h.syn, fin: h.fin, data, declared, frames, time });
    if (conn.halves[0].finished && conn.halves[1].finished) {
      this.close(key, conn, frame, time);
      return;
    }
    const bytes = conn.halves[0].buffered + conn.halves[1].buffered;
    this.buffered += bytes - conn.bytes;
    conn.bytes = bytes;
  }

  private reader(c: Connection, dir: 0 | 1, midstream: boolean): StreamReader {
    const src = c.ends[dir];
    const dst = c.ends[1 - dir]!;
    return new StreamReader(
      c,
      {
        message: (bytes, transport, parseAs, frames, time, parsed) => this.out.message(bytes, transport, parseAs, frames, time, src, dst, parsed),
        note: (code, message, frame, time) => this.out.note(code, message, frame, time, src, dst),
      },
      this.limits,
      midstream,
      () => `TCP ${formatEndpoint(src)} -> ${formatEndpoint(dst)}`,
    );
  }

  private close(key: string, conn: Connection, frame: number, time: CaptureTime): void {
    conn.halves[0].flush(frame, time);
    conn.halves[1].flush(frame, time);
    this.conns.delete(key);
    this.buffered -= conn.bytes;
    conn.bytes = 0;
  }

  /** Flushes and drops the least recently active connection; false when there is none. */
  evictOldest(reason: string, frame: number, time: CaptureTime): boolean {
    const first = this.conns.entries().next();
    if (first.done) return false;
    const [key, conn] = first.value;
    if (this.dropped === 0) this.out.note('CAPTURE_LIMIT_REACHED', `${reason}; the least recently active ones were dropped (first: ${formatEndpoint(conn.ends[0])} <-> ${formatEndpoint(conn.ends[1])})`, frame, time);
    this.dropped++;
    this.close(key, conn, conn.lastFrame, conn.lastTime);
    return true;
  }

  /** End of capture: every connection flushed (held data after gaps, unfinished messages noted). */
  finish(): void {
    for (const [key, conn] of [...this.conns]) this.close(key, conn, conn.lastFrame, conn.lastTime);
  }
}
