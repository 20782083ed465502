import type { CaptureTime } from './capture-time.js';
import { PCAPNG_BLOCK, PCAPNG_BYTE_ORDER_MAGIC } from './pcapng-parser.js';

/** pcapng blocks for the writer, little-endian (options: comment 1, shb_userappl 4, if_tsresol 9). */

function option(code: number, value: Buffer): Buffer {
  const b = Buffer.alloc(4 + ((value.length + 3) & ~3));
  b.writeUInt16LE(code, 0);
  b.writeUInt16LE(value.length, 2);
  value.copy(b, 4);
  return b;
}

function block(type: number, body: Buffer, options: Buffer[]): Buffer {
  const opts = options.length > 0 ? Buffer.concat([...options, Buffer.alloc(4)]) : Buffer.alloc(0);
  const len = 12 + body.length + opts.length;
  const b = Buffer.alloc(len);
  b.writeUInt32LE(type, 0);
  b.writeUInt32LE(len, 4);
  body.copy(b, 8);
  opts.copy(b, 8 + body.length);
  b.writeUInt32LE(len, len - 4);
  return b;
}

export function encodeSectionHeader(comment?: string): Buffer {
  const body = Buffer.alloc(16);
  body.writeUInt32LE(PCAPNG_BYTE_ORDER_MAGIC, 0);
  body.writeUInt16LE(1, 4);
  body.writeUInt16LE(0, 6);
  body.writeInt32LE(-1, 8); // section length unknown
  body.writeInt32LE(-1, 12);
  const opts = [option(4, Buffer.from('siptool', 'utf8'))];
  if (comment) opts.unshift(option(1, Buffer.from(comment, 'utf8')));
  return block(PCAPNG_BLOCK.SHB, body, opts);
}

/** An interface with nanosecond timestamps (if_tsresol = 9). */
export function encodeInterface(linkType: number, snaplen: number): Buffer {
  const body = Buffer.alloc(8);
  body.writeUInt16LE(linkType, 0);
  body.writeUInt32LE(snaplen, 4);
  return block(PCAPNG_BLOCK.IDB, body, [option(9, Buffer.from([9]))]);
}

export function encodeEnhancedPacket(data: Buffer, t: CaptureTime, originalLength: number, comment?: string): Buffer {
  const body = Buffer.alloc(20 + ((data.length + 3) & ~3));
  const ns = BigInt(t.seconds) * 1_000_000_000n + BigInt(t.nanoseconds);
  body.writeUInt32LE(0, 0);
  body.writeUInt32LE(Number(ns >> 32n), 4);
  body.writeUInt32LE(Number(ns & 0xffffffffn), 8);
  body.writeUInt32LE(data.length, 12);
  body.writeUInt32LE(originalLength, 16);
  data.copy(body, 20);
  return block(PCAPNG_BLOCK.EPB, body, comment ? [option(1, Buffer.from(comment, 'utf8'))] : []);
}
