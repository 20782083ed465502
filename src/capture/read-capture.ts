import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { constants, createGunzip, gunzipSync } from 'node:zlib';
import { CaptureError } from './capture-error.js';
import type { CaptureFrame } from './capture-frame.js';
import type { CaptureEvent, CaptureMessage } from './capture-message.js';
import type { CaptureNote } from './capture-note.js';
import type { CaptureStats } from './capture-stats.js';
import { DEFAULT_CAPTURE_LIMITS } from './capture-limits.js';
import { FrameCursor } from './frame-cursor.js';
import { SipPacketDecoder, type DecoderOptions } from './sip-packet-decoder.js';

/** A capture to read: a file path, the bytes, a Node Readable or any async iterable of chunks. */
export type CaptureInput = string | Uint8Array | NodeJS.ReadableStream | AsyncIterable<Uint8Array>;

export type ReadCaptureOptions = DecoderOptions;

/** Everything read from a capture, for callers that want it all at once (small captures, tests). */
export interface CaptureResult {
  messages: CaptureMessage[];
  notes: CaptureNote[];
  stats: CaptureStats;
  /** Set when the file is corrupt or truncated: everything before it is in messages and notes. */
  error: CaptureError | undefined;
}

/**
 * Events handed over at once by CaptureReader.batches(). Small: a batch's events (and the frames
 * and times they name) live until the consumer is done with all of them, and with 512 they often
 * outlived two young-generation GCs and were promoted (explain: ~7 MB more on a 16 MB capture).
 */
const BATCH = 64;

/** Chunk size for reading files: how much of the file is held at once (plus one record). */
const FILE_CHUNK = 1024 * 1024;

function isGzip(b: Buffer): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'latin1');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function readError(e: unknown, offset: number, frame: number): CaptureError {
  if (e instanceof CaptureError) return e;
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string' && err.code.startsWith('Z_')) {
    return err.code === 'Z_BUF_ERROR'
      ? new CaptureError('CAPTURE_ERR_TRUNCATED', 'the gzip-compressed file ends early', offset, frame, { cause: e })
      : new CaptureError('CAPTURE_ERR_READ', `the gzip compression is corrupt (${err.message})`, offset, frame, { cause: e });
  }
  return new CaptureError('CAPTURE_ERR_READ', `the capture could not be read: ${err?.message ?? String(e)}`, offset, frame, { cause: e });
}

/**
 * A capture being read: iterate it (once) for messages and notes in capture order. When the
 * file is corrupt or truncated the iteration throws a CaptureError after delivering everything
 * read before the fault. `stats` is live during the iteration and final after it.
 */
export class CaptureReader implements AsyncIterable<CaptureEvent> {
  private readonly decoder: SipPacketDecoder;
  private readonly input: CaptureInput;
  private started = false;

  constructor(input: CaptureInput, options: ReadCaptureOptions = {}) {
    this.input = input;
    this.decoder = new SipPacketDecoder(options);
  }

  get stats(): Readonly<CaptureStats> {
    return this.decoder.stats;
  }

  [Symbol.asyncIterator](): AsyncIterator<CaptureEvent> {
    this.start();
    return this.events();
  }

  /** Only the messages (notes still counted in stats). */
  async *messages(): AsyncGenerator<CaptureMessage, void, undefined> {
    for await (const e of this) if (e.kind === 'message') yield e;
  }

  /**
   * The same events in batches (everything decoded from what has been read so far, at most
   * BATCH events): for a consumer that handles thousands of messages a second, one await per
   * batch instead of one per message. A batch array is not reused after the next one is asked for.
   */
  batches(): AsyncGenerator<CaptureEvent[], void, undefined> {
    this.start();
    return this.read();
  }

  private start(): void {
    if (this.started) throw new Error('a CaptureReader can be iterated only once');
    this.started = true;
  }

  private async *read(): AsyncGenerator<CaptureEvent[], void, undefined> {
    const decoder = this.decoder;
    let out: CaptureEvent[] = [];
    const cursor = new FrameCursor(decoder.limits, {
      format: (f) => (decoder.stats.format = f),
      interface: (lt) => decoder.interfaceSeen(lt, out),
      secrets: () => decoder.secretsSeen(out),
    });
    const chunks = captureChunks(this.input, () => (decoder.stats.gzip = true));
    let failure: CaptureError | undefined;
    try {
      for (;;) {
        let frame: CaptureFrame | undefined;
        try {
          frame = cursor.next();
        } catch (e) {
          failure = readError(e, cursor.offset, decoder.stats.frames);
          break;
        }
        if (frame) {
          decoder.push(frame, out);
          if (out.length >= BATCH) {
            yield out;
            out = [];
          }
          continue;
        }
        if (out.length > 0) {
          yield out;
          out = [];
        }
        if (cursor.done) break;
        let r: IteratorResult<Buffer>;
        try {
          r = await chunks.next();
        } catch (e) {
          cursor.end(readError(e, cursor.offset, decoder.stats.frames));
          continue;
        }
        if (r.done) cursor.end();
        else {
          decoder.stats.bytes += r.value.length;
          cursor.push(r.value);
        }
      }
    } finally {
      // stops the file or stream when the caller breaks out early
      await chunks.return(undefined);
    }
    decoder.finish(out);
    if (out.length > 0) yield out;
    if (failure) throw failure;
  }

  private async *events(): AsyncGenerator<CaptureEvent, void, undefined> {
    for await (const batch of this.read()) yield* batch;
  }
}

function open(input: CaptureInput): AsyncIterator<Uint8Array | string> {
  if (typeof input === 'string') return createReadStream(input, { highWaterMark: FILE_CHUNK })[Symbol.asyncIterator]();
  if (input instanceof Uint8Array) {
    return (async function* () {
      for (let i = 0; i < input.length; i += FILE_CHUNK) yield input.subarray(i, i + FILE_CHUNK);
    })();
  }
  return (input as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
}

/**
 * The bytes of the capture in chunks, gunzipped (node:zlib, streaming) when the input starts
 * with the gzip magic. Errors of the file, stream or decompression are thrown as they are.
 */
async function* captureChunks(input: CaptureInput, onGzip: () => void): AsyncGenerator<Buffer, void, undefined> {
  const it = open(input);
  try {
    let head = Buffer.alloc(0);
    while (head.length < 2) {
      const r = await it.next();
      if (r.done) {
        if (head.length > 0) yield head;
        return;
      }
      head = Buffer.concat([head, toBuffer(r.value)]);
    }
    if (!isGzip(head)) {
      yield head;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield toBuffer(r.value);
      }
    }
    onGzip();
    const compressed = Readable.from(
      (async function* () {
        yield head;
        for (;;) {
          const r = await it.next();
          if (r.done) return;
          yield toBuffer(r.value);
        }
      })(),
    );
    const z = createGunzip({ chunkSize: 256 * 1024 });
    compressed.on('error', (e) => z.destroy(e));
    compressed.pipe(z);
    try {
      for await (const c of z) yield c as Buffer;
    } finally {
      compressed.destroy();
      z.destroy();
    }
  } finally {
    await it.return?.();
  }
}

/**
 * Reads a pcap or pcapng capture (optionally gzip-compressed) as a stream of SIP messages and
 * notes, holding only one read chunk plus what reassembly needs. See docs/capture.md.
 *
 * ```ts
 * for await (const ev of readCapture('call.pcapng')) {
 *   if (ev.kind === 'message') calls.add(ev.message?.callId); // ev.time, ev.src, ev.dst, ev.frames ...
 * }
 * ```
 */
export function readCapture(input: CaptureInput, options?: ReadCaptureOptions): CaptureReader {
  return new CaptureReader(input, options);
}

/** readCapture() collected into arrays; a CaptureError is returned in `error`, not thrown. */
export async function readCaptureAll(input: CaptureInput, options?: ReadCaptureOptions): Promise<CaptureResult> {
  const reader = readCapture(input, options);
  const messages: CaptureMessage[] = [];
  const notes: CaptureNote[] = [];
  let error: CaptureError | undefined;
  try {
    for await (const ev of reader) (ev.kind === 'message' ? messages : notes).push(ev as never);
  } catch (e) {
    if (!(e instanceof CaptureError)) throw e;
    error = e;
  }
  return { messages, notes, stats: reader.stats, error };
}

/**
 * The same as readCaptureAll for a capture already in memory, synchronously. A gzip-compressed
 * buffer is inflated in memory first.
 */
export function readCaptureSync(data: Uint8Array, options?: ReadCaptureOptions): CaptureResult {
  const decoder = new SipPacketDecoder(options);
  const messages: CaptureMessage[] = [];
  const notes: CaptureNote[] = [];
  const out: CaptureEvent[] = [];
  const cursor = new FrameCursor(decoder.limits, {
    format: (f) => (decoder.stats.format = f),
    interface: (lt) => decoder.interfaceSeen(lt, out),
    secrets: () => decoder.secretsSeen(out),
  });
  let buf = toBuffer(data);
  let error: CaptureError | undefined;
  if (isGzip(buf)) {
    decoder.stats.gzip = true;
    try {
      buf = gunzipSync(buf, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch (e) {
      error = readError(e, 0, 0);
      buf = Buffer.alloc(0);
    }
  }
  decoder.stats.bytes = buf.length;
  cursor.push(buf);
  cursor.end(error);
  const drain = (): void => {
    for (const ev of out) (ev.kind === 'message' ? messages : notes).push(ev as never);
    out.length = 0;
  };
  for (;;) {
    try {
      const frame = cursor.next();
      if (!frame) break;
      decoder.push(frame, out);
      drain();
    } catch (e) {
      if (!(e instanceof CaptureError)) throw e;
      error = e;
      break;
    }
  }
  decoder.finish(out);
  drain();
  return { messages, notes, stats: decoder.stats, error };
}

/**
 * The frames of a capture file (optionally gzip-compressed) without protocol decoding, for tools
 * that want packets rather than SIP. Throws CaptureError like readCapture.
 */
export async function* readFrames(input: CaptureInput, options: Pick<ReadCaptureOptions, 'limits'> = {}): AsyncGenerator<CaptureFrame, void, undefined> {
  const cursor = new FrameCursor({ ...DEFAULT_CAPTURE_LIMITS, ...options.limits });
  const chunks = captureChunks(input, () => undefined);
  try {
    for (;;) {
      let frame: CaptureFrame | undefined;
      try {
        frame = cursor.next();
      } catch (e) {
        throw readError(e, cursor.offset, 0);
      }
      if (frame) {
        yield frame;
        continue;
      }
      if (cursor.done) return;
      try {
        const r = await chunks.next();
        if (r.done) cursor.end();
        else cursor.push(r.value);
      } catch (e) {
        cursor.end(readError(e, cursor.offset, 0));
      }
    }
  } finally {
    await chunks.return(undefined);
  }
}
