import { open } from 'node:fs/promises';
import { InputError, UsageError } from './cli-errors.js';
import { readInput } from './read-input.js';

/** pcap (both byte orders, micro- and nanosecond, Kuznetzov) and pcapng magic numbers. */
const CAPTURE_MAGIC = new Set([0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0xa1b2cd34, 0x34cdb2a1, 0x0a0d0d0a]);

/** True when the bytes start like a packet capture (or a gzip stream, as `.pcap.gz` is) rather than text. */
export function isCapture(head: Uint8Array): boolean {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return true;
  return head.length >= 4 && CAPTURE_MAGIC.has(Buffer.from(head.buffer, head.byteOffset, 4).readUInt32BE(0));
}

/** An input: text read whole, or a capture to be streamed (a path, or stdin as chunks). */
export type SniffedInput = { kind: 'text'; name: string; data: Buffer } | { kind: 'capture'; name: string; source: string | AsyncIterable<Uint8Array> };

/**
 * Looks at the first bytes of an input to tell a capture from text. Text is read whole (bounded
 * by `maxTextBytes`); a capture is not read here at all: its file is streamed by the reader, so
 * its size has no limit and memory stays bounded.
 */
export async function sniffInput(path: string, maxTextBytes: number): Promise<SniffedInput> {
  if (path === '-') return sniffStdin(maxTextBytes);
  let head = Buffer.alloc(4);
  let n = 0;
  try {
    const fh = await open(path, 'r');
    try {
      if ((await fh.stat()).isFile()) n = (await fh.read(head, 0, 4, 0)).bytesRead;
    } finally {
      await fh.close();
    }
  } catch {
    // readInput below reports the problem in its own words
  }
  head = head.subarray(0, n);
  if (isCapture(head)) return { kind: 'capture', name: path, source: path };
  const input = await readInput(path, maxTextBytes);
  return { kind: 'text', name: input.name, data: input.data };
}

async function sniffStdin(maxTextBytes: number): Promise<SniffedInput> {
  if (process.stdin.isTTY) throw new UsageError('no input: name a file, or pipe a message into stdin', 'SIPTOOL_ERR_STDIN_TTY');
  const it = process.stdin[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let total = 0;
  let done = false;
  while (total < 4) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    chunks.push(r.value as Buffer);
    total += (r.value as Buffer).length;
  }
  const head = Buffer.concat(chunks);
  if (isCapture(head)) {
    const rest = async function* (): AsyncGenerator<Uint8Array> {
      yield head;
      if (done) return;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield r.value as Buffer;
      }
    };
    return { kind: 'capture', name: '<stdin>', source: rest() };
  }
  while (!done) {
    const r = await it.next();
    if (r.done) break;
    chunks.push(r.value as Buffer);
    total += (r.value as Buffer).length;
    if (total > maxTextBytes) throw new InputError(`cannot read <stdin>: more than ${maxTextBytes} bytes`, 'SIPTOOL_ERR_INPUT_TOO_LARGE');
  }
  return { kind: 'text', name: '<stdin>', data: Buffer.concat(chunks, total) };
}
