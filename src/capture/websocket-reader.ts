import { constants, inflateRawSync } from 'node:zlib';

/** A complete WebSocket message and the stream range of its frames. */
export interface WsMessage {
  payload: Buffer;
  /** Stream offsets of its first frame's first byte and its last frame's end. */
  start: number;
  end: number;
}

/** permessage-deflate (RFC 7692) as the server's 101 accepted it, shared by both directions. */
export interface WsDeflate {
  clientNoContextTakeover: boolean;
  serverNoContextTakeover: boolean;
}

/** Thrown by WebSocketReader.push when the stream breaks RFC 6455 (the reader gives up on it). */
export class WebSocketFramingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebSocketFramingError';
  }
}

const EMPTY = Buffer.alloc(0);
const TAIL = Buffer.from([0x00, 0x00, 0xff, 0xff]);
const WINDOW = 32 * 1024;

/**
 * One direction of a WebSocket connection (RFC 6455 §5): frames unmasked, fragmented messages
 * joined across continuation frames (control frames may come between), permessage-deflate
 * undone. Holds at most one frame plus one message, each below `maxBytes`.
 */
export class WebSocketReader {
  private pending: Buffer = EMPTY;
  /** Stream offset of pending[0]. */
  private pendingStart: number;
  private parts: Buffer[] = [];
  private partsBytes = 0;
  private messageStart = -1;
  private compressed = false;
  private window: Buffer = EMPTY;
  closed = false;
  /** Set when the stream broke the framing rules; nothing more is read from it. */
  failure: string | undefined;
  private readonly maxBytes: number;
  private readonly fromClient: boolean;
  private readonly deflate: () => WsDeflate | undefined;

  constructor(streamOffset: number, maxBytes: number, fromClient: boolean, deflate: () => WsDeflate | undefined) {
    this.pendingStart = streamOffset;
    this.maxBytes = maxBytes;
    this.fromClient = fromClient;
    this.deflate = deflate;
  }

  get buffered(): number {
    return this.pending.length + this.partsBytes;
  }

  /** Stream offset from which bytes are still needed (for frame bookkeeping). */
  get neededFrom(): number {
    return this.messageStart >= 0 ? Math.min(this.messageStart, this.pendingStart) : this.pendingStart;
  }

  /**
   * Feeds in-order stream bytes; returns the messages completed. On a protocol error `failure`
   * says what went wrong, the messages before it are still returned, and the rest is ignored.
   */
  push(chunk: Buffer): WsMessage[] {
    const out: WsMessage[] = [];
    if (this.closed) return out;
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    try {
      this.frames(out);
    } catch (e) {
      if (!(e instanceof WebSocketFramingError)) throw e;
      this.failure = e.message;
      this.closed = true;
      this.pending = EMPTY;
      this.parts = [];
      this.partsBytes = 0;
    }
    return out;
  }

  private frames(out: WsMessage[]): void {
    const d = this.pending;
    let p = 0;
    while (!this.closed && d.length - p >= 2) {
      const b0 = d[p]!;
      const b1 = d[p + 1]!;
      const fin = (b0 & 0x80) !== 0;
      const rsv = b0 & 0x70;
      const op = b0 & 0x0f;
      const masked = (b1 & 0x80) !== 0;
      const len7 = b1 & 0x7f;
      const hdr = 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (masked ? 4 : 0);
      if (d.length - p < hdr) break;
      let len = len7;
      if (len7 === 126) len = d.readUInt16BE(p + 2);
      else if (len7 === 127) {
        if (d.readUInt32BE(p + 2) !== 0) throw new WebSocketFramingError(`a frame declares more than 4 GiB`);
        len = d.readUInt32BE(p + 6);
      }
      if (len > this.maxBytes) throw new WebSocketFramingError(`a frame of ${len} bytes is over the limit of ${this.maxBytes}`);
      if (d.length - p < hdr + len) break;
      const frameStart = this.pendingStart + p;
      const payload = Buffer.from(d.subarray(p + hdr, p + hdr + len));
      if (masked) {
        const k = p + hdr - 4;
        for (let i = 0; i < payload.length; i++) payload[i]! ^= d[k + (i & 3)]!;
      }
      p += hdr + len;
      if (op >= 8) {
        if (!fin || len > 125) throw new WebSocketFramingError(`control frame (opcode ${op}) fragmented or over 125 bytes`);
        if (op === 8) this.closed = true;
        else if (op !== 9 && op !== 10) throw new WebSocketFramingError(`reserved control opcode ${op}`);
        continue;
      }
      if (op === 0) {
        if (this.messageStart < 0) throw new WebSocketFramingError('a continuation frame without a message to continue');
        if (rsv !== 0) throw new WebSocketFramingError('reserved bits set on a continuation frame');
      } else if (op === 1 || op === 2) {
        if (this.messageStart >= 0) throw new WebSocketFramingError('a new message started before the previous one finished');
        if ((rsv & 0x30) !== 0 || (rsv === 0x40 && !this.deflate())) throw new WebSocketFramingError('reserved bits set without a negotiated extension');
        this.messageStart = frameStart;
        this.compressed = rsv === 0x40;
      } else {
        throw new WebSocketFramingError(`reserved data opcode ${op}`);
      }
      this.parts.push(payload);
      this.partsBytes += payload.length;
      if (this.partsBytes > this.maxBytes) throw new WebSocketFramingError(`a message of more than ${this.maxBytes} bytes`);
      if (fin) {
        const whole = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.partsBytes);
        out.push({ payload: this.compressed ? this.inflate(whole) : whole, start: this.messageStart, end: this.pendingStart + p });
        this.parts = [];
        this.partsBytes = 0;
        this.messageStart = -1;
      }
    }
    this.pending = p >= d.length ? EMPTY : d.subarray(p);
    this.pendingStart += p;
    if (this.pending.length > 0 && p > 0) this.pending = Buffer.from(this.pending);
  }

  /** RFC 7692 §7.2.2: append 00 00 ff ff and inflate, with the sliding window as a dictionary. */
  private inflate(data: Buffer): Buffer {
    const params = this.deflate()!;
    const takeover = this.fromClient ? !params.clientNoContextTakeover : !params.serverNoContextTakeover;
    let out: Buffer;
    try {
      out = inflateRawSync(Buffer.concat([data, TAIL]), {
        finishFlush: constants.Z_SYNC_FLUSH,
        maxOutputLength: this.maxBytes,
        ...(takeover && this.window.length > 0 ? { dictionary: this.window } : {}),
      });
    } catch (e) {
      throw new WebSocketFramingError(`a compressed message could not be inflated (${(e as Error).message})`);
    }
    if (takeover) {
      const w = this.window.length + out.length <= WINDOW ? Buffer.concat([this.window, out]) : Buffer.concat([this.window, out]).subarray(-WINDOW);
      this.window = Buffer.from(w);
    }
    return out;
  }
}
