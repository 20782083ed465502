import { DEFAULT_LIMITS, type ParseLimits } from './limits.js';
import type { AnySipMessage } from './message.js';
import { readMessage } from './parse-message.js';
import { makeProblem, type Problem } from './problems.js';

export interface FramedMessage {
  message: AnySipMessage | undefined;
  problems: Problem[];
  /** The exact bytes of the message. */
  raw: Buffer;
  /**
   * @internal With FramerOptions.ownChunks: `message` and `problems` are exactly what
   * parseMessage(raw, { transport: 'stream', validate }) gives (the message filled the bytes
   * held, from their first byte), and `raw` is those bytes, not a copy.
   */
  whole?: boolean;
}

export interface FramerOptions {
  limits?: Partial<ParseLimits>;
  validate?: boolean;
  /**
   * @internal The caller hands over its chunks (never changes them after push): each message is
   * parsed as if on its own (line 1 at its first byte; problems are not moved to stream offsets),
   * and one that fills the bytes held is handed over as they are and marked `whole`.
   */
  ownChunks?: boolean;
}

/** Problems after which the stream cannot be framed any more (RFC 3261 §18.3: close the connection). */
const FATAL = new Set(['SIP_CONTENT_LENGTH_INVALID', 'SIP_CONTENT_LENGTH_CONFLICT', 'SIP_CONTENT_LENGTH_MISSING', 'SIP_LIMIT_EXCEEDED']);

/**
 * Frames SIP messages on a stream transport (TCP, TLS; RFC 3261 §18.3): feed it chunks as they
 * arrive, get whole messages back, framed by Content-Length. CRLF keep-alives between messages
 * (RFC 5626 §3.5.1) are skipped and counted. Once framing is lost (bad Content-Length, a head
 * over the limit) `failed` is set and the connection should be closed.
 */
export class StreamFramer {
  private chunks: Buffer[] = [];
  private length = 0;
  /** The index where the pending message ends, when its head has been read. */
  private need = 0;
  private readonly limits: ParseLimits;
  private readonly validate: boolean;
  private readonly ownChunks: boolean;
  /** Stream offset and line number of the first buffered byte. */
  private offset = 0;
  private line = 1;
  /** Set when the stream can no longer be framed; the problem says why. */
  failed: Problem | null = null;
  /** CRLF keep-alives seen between messages. */
  keepAlives = 0;

  constructor(options: FramerOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.validate = options.validate ?? true;
    this.ownChunks = options.ownChunks === true;
  }

  /** Bytes held while waiting for the rest of a message. */
  get buffered(): number {
    return this.length;
  }

  push(chunk: Buffer): FramedMessage[] {
    if (this.failed) return [];
    this.chunks.push(chunk);
    this.length += chunk.length;
    if (this.length < this.need) return [];
    return this.drain();
  }

  private drain(): FramedMessage[] {
    const out: FramedMessage[] = [];
    const buf = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.length);
    let pos = 0;
    let line = this.line;
    const advance = (to: number): void => {
      for (let i = buf.indexOf(10, pos); i >= 0 && i < to; i = buf.indexOf(10, i + 1)) line++;
      pos = to;
    };
    while (pos < buf.length) {
      // keep-alives: "\r\n\r\n" pings and "\r\n" pongs between messages
      let k = pos;
      while (k + 1 < buf.length && buf[k] === 13 && buf[k + 1] === 10) k += 2;
      if (k > pos) {
        this.keepAlives += Math.ceil((k - pos) / 4);
        advance(k);
        if (pos >= buf.length) break;
      }
      if (buf.length - pos === 1 && buf[pos] === 13) break; // half a CRLF: wait
      const own = this.ownChunks;
      const r = readMessage(buf, pos, buf.length, {
        limits: this.limits,
        transport: 'stream',
        validate: this.validate,
        line: own ? 1 : line,
        reportTrailing: false,
        incremental: true,
      });
      if (r.status === 'need-more') {
        this.need = r.expectedEnd !== undefined ? r.expectedEnd - pos : 0;
        break;
      }
      const base = this.offset;
      if (own && pos === 0 && r.end === buf.length && r.message !== undefined && r.message.source!.start === 0) {
        // what parseMessage(buf) reads: the same bytes from 0 to the end, at line 1, nothing after
        // the body (so nothing to report as trailing), complete (so nothing incremental)
        out.push({ message: r.message, problems: r.problems, raw: buf, whole: true });
        pos = r.end;
      } else {
        out.push({
          message: r.message,
          problems: own || base === 0 ? r.problems : r.problems.map((p) => ({ ...p, offset: p.offset + base })),
          raw: Buffer.from(buf.subarray(pos, r.end)),
        });
        if (own) pos = r.end;
        else advance(r.end);
      }
      this.need = 0;
      const fatal = r.problems.find((p) => FATAL.has(p.code) && p.severity === 'error');
      if (fatal) {
        this.failed = fatal;
        if (own) pos = buf.length;
        else advance(buf.length);
      }
    }
    this.offset += pos;
    this.line = line;
    const rest = pos >= buf.length ? null : Buffer.from(buf.subarray(pos));
    this.chunks = rest ? [rest] : [];
    this.length = rest ? rest.length : 0;
    if (!this.failed && this.length > this.limits.maxHeaderBytes + this.limits.maxBodyBytes) {
      this.failed = makeProblem('SIP_LIMIT_EXCEEDED', `more than ${this.limits.maxHeaderBytes + this.limits.maxBodyBytes} bytes without a complete message`, { line, column: 1, offset: this.offset });
    }
    return out;
  }
}
