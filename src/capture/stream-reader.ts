import { StreamFramer, type FramedMessage } from '../core/index.js';
import type { CaptureLimits } from './capture-limits.js';
import type { CaptureNoteCode } from './capture-note.js';
import type { CaptureTime } from './capture-time.js';
import { readHttpHead } from './http-head.js';
import { findSipStart, isSipDatagram, isTlsRecord, sipLineAt } from './sip-sniff.js';
import { WebSocketReader, type WsDeflate } from './websocket-reader.js';

/** What the two directions of a TCP connection share. */
export interface ConnectionState {
  tlsNoted: boolean;
  gapNoted: boolean;
  /** The server's 101 accepted permessage-deflate. */
  deflate: WsDeflate | undefined;
}

/** Where a stream reader sends what it finds (the TCP tracker, on behalf of the decoder). */
export interface StreamOutput {
  /** `parsed`: what parseMessage(bytes, { transport: 'stream', validate: false }) gives, when known. */
  message(bytes: Buffer, transport: 'tcp' | 'ws', parseAs: 'stream' | 'datagram', frames: number[], time: CaptureTime, parsed?: FramedMessage): void;
  note(code: CaptureNoteCode, message: string, frame: number, time: CaptureTime): void;
}

/** A run of in-order stream bytes that arrived together: which frames, when. */
interface Span {
  end: number;
  frames: number[];
  time: CaptureTime;
}

type Mode = 'start' | 'scan' | 'resync' | 'sip' | 'http' | 'ws' | 'ignore';

const EMPTY = Buffer.alloc(0);
const MAX_HTTP_HEAD = 16 * 1024;
const MAX_SPANS = 4096;
const MAX_FRAMES_PER_MESSAGE = 1024;

/**
 * One direction of a TCP connection after sequence reassembly: finds out what it carries (SIP,
 * a WebSocket upgrade, TLS, something else) and turns SIP into messages. SIP is framed with the
 * core StreamFramer; after a gap or lost framing it resynchronises at the next start line. It
 * remembers which frames carried which stream bytes, so each message knows its frames.
 */
export class StreamReader {
  private mode: Mode = 'start';
  /** Stream offset of the next byte to arrive. */
  private pos = 0;
  private spans: Span[] = [];
  private spansStart = 0;
  /** Bytes held while sniffing, scanning or reading an HTTP head; pending[0] is at pendingStart. */
  private pending: Buffer = EMPTY;
  private pendingStart = 0;
  /** Bytes examined while looking for the first SIP start line of a stream joined mid-way. */
  private sniffed = 0;
  private framer: StreamFramer | undefined;
  private framerBase = 0;
  private framerPushed = 0;
  private lastEnd = 0;
  private ws: WebSocketReader | undefined;
  private httpRequest = false;
  private readonly conn: ConnectionState;
  private readonly out: StreamOutput;
  private readonly limits: CaptureLimits;
  private readonly midstream: boolean;
  private readonly describe: () => string;
  incompleteNoted = false;
  private gapped = false;

  constructor(conn: ConnectionState, out: StreamOutput, limits: CaptureLimits, midstream: boolean, describe: () => string) {
    this.conn = conn;
    this.out = out;
    this.limits = limits;
    this.midstream = midstream;
    this.describe = describe;
  }

  /** Bytes held for this direction (not counting the frame bookkeeping). */
  get buffered(): number {
    return this.pending.length + (this.framer?.buffered ?? 0) + (this.ws?.buffered ?? 0);
  }

  /** In-order stream bytes. */
  data(chunk: Buffer, frames: number[], time: CaptureTime): void {
    const start = this.pos;
    this.pos += chunk.length;
    if (this.mode === 'ignore') return;
    this.addSpan(frames, time);
    this.feed(chunk, start, frames[frames.length - 1]!, time);
    this.trimSpans();
  }

  /** `bytes` of the stream were never captured. */
  gap(bytes: number, frame: number, time: CaptureTime): void {
    this.pos += bytes;
    this.spans = [];
    this.spansStart = this.pos;
    if (this.mode === 'ignore') return;
    if (!this.conn.gapNoted && this.mode !== 'scan') {
      this.conn.gapNoted = true;
      this.out.note('CAPTURE_TCP_GAP', `${this.describe()}: ${bytes} byte(s) of the stream were not captured; reading resumed at the next SIP start line`, frame, time);
    }
    if (this.mode === 'sip' || this.mode === 'resync' || this.mode === 'start') {
      // a stream that lost its first bytes is scanned like one joined mid-way, without its note
      if (this.mode === 'start') this.gapped = true;
      this.mode = this.mode === 'start' ? 'scan' : 'resync';
      this.framer = undefined;
    } else if (this.mode === 'ws' || this.mode === 'http') {
      this.mode = 'ignore';
      this.ws = undefined;
    }
    this.pending = EMPTY;
    this.pendingStart = this.pos;
  }

  /** The direction is finished (FIN, reset, eviction or end of capture). */
  end(frame: number, time: CaptureTime): void {
    const left = (this.framer?.buffered ?? 0) + (this.ws?.buffered ?? 0);
    if (left > 0 && !this.incompleteNoted) {
      this.incompleteNoted = true;
      this.out.note('CAPTURE_TCP_INCOMPLETE_MESSAGE', `${this.describe()}: the stream ended with ${left} byte(s) of an unfinished ${this.mode === 'ws' ? 'WebSocket' : 'SIP'} message`, frame, time);
    }
    this.mode = 'ignore';
    this.framer = undefined;
    this.ws = undefined;
    this.pending = EMPTY;
    this.spans = [];
  }

  private addSpan(frames: number[], time: CaptureTime): void {
    this.spans.push({ end: this.pos, frames, time });
    if (this.spans.length > MAX_SPANS) {
      // a stream cut into tiny segments: merge the two oldest spans
      const [a, b] = this.spans.splice(0, 2) as [Span, Span];
      this.spans.unshift({ end: b.end, frames: a.frames.concat(b.frames).slice(-MAX_FRAMES_PER_MESSAGE), time: b.time });
    }
  }

  /** Drops the spans of bytes that are no longer needed. */
  private trimSpans(): void {
    let from: number;
    if (this.mode === 'sip' && this.framer) from = this.framerBase + this.framerPushed - this.framer.buffered;
    else if (this.mode === 'ws' && this.ws) from = this.ws.neededFrom;
    else if (this.mode === 'ignore') from = this.pos;
    else from = this.pendingStart;
    let n = 0;
    while (n < this.spans.length && this.spans[n]!.end <= from) n++;
    if (n > 0) {
      this.spansStart = this.spans[n - 1]!.end;
      this.spans.splice(0, n);
    }
  }

  /** Frames and completion time of stream bytes [s, e). */
  private locate(s: number, e: number): { frames: number[]; time: CaptureTime } {
    const frames: number[] = [];
    let time: CaptureTime | undefined;
    let start = this.spansStart;
    for (const span of this.spans) {
      if (span.end > s && start < e) {
        for (const f of span.frames) if (frames[frames.length - 1] !== f && frames.length < MAX_FRAMES_PER_MESSAGE) frames.push(f);
        time = span.time;
      }
      if (span.end >= e) break;
      start = span.end;
    }
    const last = this.spans[this.spans.length - 1];
    return { frames: frames.length > 0 ? frames : last ? [last.frames[last.frames.length - 1]!] : [], time: time ?? last?.time ?? { seconds: 0, nanoseconds: 0 } };
  }

  private feed(chunk: Buffer, start: number, frame: number, time: CaptureTime): void {
    switch (this.mode) {
      case 'sip':
        return this.feedSip(chunk, start, frame, time);
      case 'ws':
        return this.feedWs(chunk, frame, time);
      case 'http':
        return this.feedHttp(chunk, frame, time);
      case 'ignore':
        return;
      default:
        return this.sniff(chunk, frame, time);
    }
  }

  private hold(chunk: Buffer): Buffer {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    return this.pending;
  }

  /** Drops pending[0..n) and continues from pending[n..) in the current mode. */
  private switchTo(mode: Mode, n: number, frame: number, time: CaptureTime): void {
    const rest = this.pending.subarray(n);
    const restStart = this.pendingStart + n;
    this.pending = EMPTY;
    this.pendingStart = restStart;
    this.mode = mode;
    if (mode === 'sip') {
      // its chunks are the reader's own copies (tcp-half, switchTo), never changed once pushed
      this.framer = new StreamFramer({ validate: false, ownChunks: true });
      this.framerBase = restStart;
      this.framerPushed = 0;
      this.lastEnd = restStart;
    } else if (mode === 'ws') {
      this.ws = new WebSocketReader(restStart, this.limits.maxStreamBytes, this.httpRequest, () => this.conn.deflate);
    }
    if (rest.length > 0 && mode !== 'ignore') this.feed(Buffer.from(rest), restStart, frame, time);
  }

  /** Start of a stream, or scanning for a start line after joining mid-way or losing sync. */
  private sniff(chunk: Buffer, frame: number, time: CaptureTime): void {
    const d = this.hold(chunk);
    if (this.mode === 'start') {
      let i = 0;
      while (i < d.length && (d[i] === 13 || d[i] === 10)) i++;
      if (i === d.length) {
        // only CRLF keep-alives so far: nothing to hold
        this.pendingStart += d.length;
        this.pending = EMPTY;
        return;
      }
      if (isTlsRecord(d, i) || (d.length - i < 3 && d[i]! >= 20 && d[i]! <= 23)) {
        if (d.length - i < 3) return;
        if (!this.conn.tlsNoted) {
          this.conn.tlsNoted = true;
          this.out.note('CAPTURE_TLS_ENCRYPTED', `${this.describe()}: TLS traffic; siptool does not decrypt TLS, so SIP inside it is not read`, frame, time);
        }
        return this.switchTo('ignore', d.length, frame, time);
      }
      const head = d.toString('latin1', i, Math.min(d.length, i + 9));
      if (/^(GET |HTTP\/1\.)/.test(head)) {
        this.httpRequest = head.startsWith('GET');
        return this.switchTo('http', i, frame, time);
      }
      if (head.length < 5 && /^(G(E(T)?)?|H(T(T(P)?)?)?)$/.test(head)) return;
      if (this.looksLikeWebSocket(d, i)) {
        this.httpRequest = (d[i + 1]! & 0x80) !== 0;
        return this.switchTo('ws', i, frame, time);
      }
      const v = sipLineAt(d, i, d.length);
      if (v === 'sip') return this.switchTo('sip', i, frame, time);
      if (v === 'incomplete' && d.length < this.limits.maxSniffBytes) return;
      if (!this.midstream) return this.switchTo('ignore', d.length, frame, time);
      this.mode = 'scan';
    }
    const { at, resume } = findSipStart(this.pending, 0, this.pending.length);
    if (at >= 0) {
      if (this.mode === 'scan' && !this.gapped && this.pendingStart + at > 0) {
        this.out.note('CAPTURE_TCP_MIDSTREAM', `${this.describe()}: the connection was already open when the capture started; ${this.pendingStart + at} byte(s) before the first SIP start line were skipped`, frame, time);
      }
      return this.switchTo('sip', at, frame, time);
    }
    this.sniffed += resume;
    this.pendingStart += resume;
    this.pending = resume >= this.pending.length ? EMPTY : Buffer.from(this.pending.subarray(resume));
    if (this.mode === 'scan' && this.sniffed + this.pending.length > this.limits.maxSniffBytes) this.switchTo('ignore', this.pending.length, frame, time);
  }

  /** A stream joined after its WebSocket handshake: a text/binary frame whose payload is SIP. */
  private looksLikeWebSocket(d: Buffer, i: number): boolean {
    const b0 = d[i]!;
    if (b0 !== 0x81 && b0 !== 0x82 && b0 !== 0x01 && b0 !== 0x02) return false;
    if (d.length - i < 2) return false;
    const probe = new WebSocketReader(0, this.limits.maxStreamBytes, false, () => undefined);
    const msgs = probe.push(Buffer.from(d.subarray(i, i + Math.min(d.length - i, 16384))));
    if (msgs.length > 0) return isSipDatagram(msgs[0]!.payload);
    // a first frame that is not complete yet: look at the start of its (unmasked) payload
    const len7 = d[i + 1]! & 0x7f;
    const masked = (d[i + 1]! & 0x80) !== 0;
    const at = i + 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (masked ? 4 : 0);
    if (d.length < at + 8) return false;
    const head = Buffer.from(d.subarray(at, Math.min(d.length, at + 64)));
    if (masked) for (let k = 0; k < head.length; k++) head[k]! ^= d[at - 4 + (k & 3)]!;
    return sipLineAt(head, 0, head.length) !== 'not-sip';
  }

  private feedHttp(chunk: Buffer, frame: number, time: CaptureTime): void {
    const d = this.hold(chunk);
    const head = readHttpHead(d);
    if (!head) {
      if (d.length > MAX_HTTP_HEAD) this.switchTo('ignore', d.length, frame, time);
      return;
    }
    const upgrade = /websocket/i.test(head.headers.get('upgrade') ?? '');
    const accepted = this.httpRequest ? upgrade : upgrade && head.status === 101;
    if (!accepted) return this.switchTo('ignore', d.length, frame, time);
    if (!this.httpRequest) {
      const ext = head.headers.get('sec-websocket-extensions') ?? '';
      if (/permessage-deflate/i.test(ext)) {
        this.conn.deflate = { clientNoContextTakeover: /client_no_context_takeover/i.test(ext), serverNoContextTakeover: /server_no_context_takeover/i.test(ext) };
      }
    }
    this.switchTo('ws', head.length, frame, time);
  }

  private feedWs(chunk: Buffer, frame: number, time: CaptureTime): void {
    const ws = this.ws!;
    for (const m of ws.push(chunk)) {
      if (!isSipDatagram(m.payload)) continue;
      const at = this.locate(m.start, m.end);
      this.out.message(m.payload, 'ws', 'datagram', at.frames, at.time);
    }
    if (ws.failure) {
      this.out.note('CAPTURE_WEBSOCKET_PROBLEM', `${this.describe()}: ${ws.failure}; the rest of this WebSocket stream was skipped`, frame, time);
      this.switchTo('ignore', 0, frame, time);
      this.ws = undefined;
    } else if (ws.closed) {
      this.switchTo('ignore', 0, frame, time);
    }
  }

  private feedSip(chunk: Buffer, chunkStart: number, frame: number, time: CaptureTime): void {
    const framer = this.framer!;
    // stream offset of the framer's buffer start when it drains this push
    const c0 = this.framerBase + this.framerPushed - framer.buffered;
    const framed = framer.push(chunk);
    this.framerPushed += chunk.length;
    for (const f of framed) {
      const src = f.message?.source;
      let s: number;
      let bytes: Buffer;
      if (f.whole === true) {
        s = c0;
        bytes = f.raw;
      } else if (src) {
        s = c0 + src.start;
        bytes = f.raw.subarray(f.raw.length - (src.end - src.start));
      } else {
        s = this.lastEnd;
        bytes = f.raw;
      }
      const e = s + bytes.length;
      this.lastEnd = e;
      if (bytes.length === 0) continue;
      const at = this.locate(s, e);
      this.out.message(bytes, 'tcp', 'stream', at.frames, at.time, f.whole === true ? f : undefined);
    }
    if (framer.failed) {
      this.out.note('CAPTURE_TCP_FRAMING_LOST', `${this.describe()}: ${framer.failed.message}; the stream cannot be framed, reading resumed at the next SIP start line`, frame, time);
      this.framer = undefined;
      this.mode = 'resync';
      this.pending = EMPTY;
      const from = Math.max(0, this.lastEnd - chunkStart);
      this.pendingStart = chunkStart + Math.min(from, chunk.length);
      if (from < chunk.length) this.sniff(Buffer.from(chunk.subarray(from)), frame, time);
    } else if (framer.buffered > this.limits.maxStreamBytes) {
      this.out.note('CAPTURE_LIMIT_REACHED', `${this.describe()}: more than ${this.limits.maxStreamBytes} bytes without a complete SIP message; they were dropped and reading resumed at the next SIP start line`, frame, time);
      this.framer = undefined;
      this.mode = 'resync';
      this.pending = EMPTY;
      this.pendingStart = this.pos;
    }
  }
}
