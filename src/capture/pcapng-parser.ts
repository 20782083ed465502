import type { CaptureLimits } from './capture-limits.js';
import { CaptureError } from './capture-error.js';
import type { FormatParser, FormatStep } from './capture-frame.js';
import type { CaptureTime } from './capture-time.js';

/** pcapng block types (draft-ietf-opsawg-pcapng). */
export const PCAPNG_BLOCK = {
  SHB: 0x0a0d0d0a,
  IDB: 0x00000001,
  PB: 0x00000002,
  SPB: 0x00000003,
  NRB: 0x00000004,
  ISB: 0x00000005,
  EPB: 0x00000006,
  DSB: 0x0000000a,
} as const;

export const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;

interface Interface {
  linkType: number;
  snaplen: number;
  /** Units per second: 10^n or 2^n (if_tsresol), and seconds added (if_tsoffset). */
  decimal: boolean;
  exponent: number;
  offset: number;
}

const BIG_1E9 = 1_000_000_000n;

/** Converts a 64-bit timestamp in the interface's units to seconds + nanoseconds. */
function toTime(hi: number, lo: number, f: Interface): CaptureTime {
  if (f.decimal && f.exponent <= 9 && hi < 0x200000) {
    const v = hi * 4294967296 + lo; // exact below 2^53
    const units = 10 ** f.exponent;
    let s = Math.floor(v / units);
    let rem = v - s * units;
    if (rem < 0) {
      s--;
      rem += units;
    } else if (rem >= units) {
      s++;
      rem -= units;
    }
    return { seconds: s + f.offset, nanoseconds: rem * 10 ** (9 - f.exponent) };
  }
  const v = (BigInt(hi) << 32n) | BigInt(lo);
  if (f.decimal) {
    const units = 10n ** BigInt(f.exponent);
    const s = v / units;
    const ns = ((v % units) * BIG_1E9) / units;
    return { seconds: Number(s) + f.offset, nanoseconds: Number(ns) };
  }
  const e = BigInt(f.exponent);
  const s = v >> e;
  const ns = ((v & ((1n << e) - 1n)) * BIG_1E9) >> e;
  return { seconds: Number(s) + f.offset, nanoseconds: Number(ns) };
}

const LOADED = new Set<number>([PCAPNG_BLOCK.SHB, PCAPNG_BLOCK.IDB, PCAPNG_BLOCK.PB, PCAPNG_BLOCK.SPB, PCAPNG_BLOCK.EPB]);

/**
 * pcapng: sections (SHB, either byte order, several per file), interfaces (IDB: link type,
 * snap length, if_tsresol, if_tsoffset), packets (EPB, SPB, obsolete PB). Every other block
 * (NRB, ISB, DSB, custom, unknown) is skipped by its length without being read into memory.
 */
export class PcapngParser implements FormatParser {
  readonly format = 'pcapng';
  frames = 0;
  private le = true;
  private interfaces: Interface[] = [];
  private lastTime: CaptureTime = { seconds: 0, nanoseconds: 0 };
  private readonly limits: CaptureLimits;

  constructor(limits: CaptureLimits) {
    this.limits = limits;
  }

  private u16(b: Buffer, at: number): number {
    return this.le ? b.readUInt16LE(at) : b.readUInt16BE(at);
  }

  private u32(b: Buffer, at: number): number {
    return this.le ? b.readUInt32LE(at) : b.readUInt32BE(at);
  }

  private bad(message: string, offset: number): CaptureError {
    return new CaptureError('CAPTURE_ERR_BAD_BLOCK', message, offset, this.frames);
  }

  step(b: Buffer, at: number, offset: number): FormatStep {
    const avail = b.length - at;
    if (avail < 8) return { kind: 'need', bytes: 8, what: 'a pcapng block header' };
    let type = this.u32(b, at);
    if (type === PCAPNG_BLOCK.SHB) {
      if (avail < 12) return { kind: 'need', bytes: 12, what: 'a pcapng section header' };
      const bom = b.readUInt32LE(at + 8);
      if (bom === PCAPNG_BYTE_ORDER_MAGIC) this.le = true;
      else if (bom === 0x4d3c2b1a) this.le = false;
      else throw this.bad(`section header with an unknown byte-order magic 0x${bom.toString(16)}`, offset);
      type = PCAPNG_BLOCK.SHB;
    }
    const len = this.u32(b, at + 4);
    const min = type === PCAPNG_BLOCK.SHB ? 28 : 12;
    if (len < min || len % 4 !== 0) throw this.bad(`block of type 0x${type.toString(16)} has an invalid length ${len}`, offset);
    if (!LOADED.has(type)) return { kind: 'skip', consumed: len, what: `a pcapng block of type 0x${type.toString(16)} (${len} bytes)`, secrets: type === PCAPNG_BLOCK.DSB };
    if (len > this.limits.maxBlockBytes) throw this.bad(`block of type 0x${type.toString(16)} declares ${len} bytes, more than the limit of ${this.limits.maxBlockBytes}`, offset);
    if (avail < len) return { kind: 'need', bytes: len, what: `a pcapng block of type 0x${type.toString(16)} (${len} bytes)` };
    const view = b.subarray(at, at + len);
    if (this.u32(view, len - 4) !== len) throw this.bad(`block of type 0x${type.toString(16)}: trailing length ${this.u32(view, len - 4)} differs from ${len}`, offset);
    switch (type) {
      case PCAPNG_BLOCK.SHB: {
        const major = this.u16(view, 12);
        if (major !== 1) throw new CaptureError('CAPTURE_ERR_UNSUPPORTED_VERSION', `pcapng version ${major}.${this.u16(view, 14)} is not supported (only 1.x)`, offset, this.frames);
        this.interfaces = [];
        return { kind: 'skip', consumed: len, what: 'a section header block' };
      }
      case PCAPNG_BLOCK.IDB:
        return this.interfaceBlock(view, len, offset);
      case PCAPNG_BLOCK.EPB:
        return this.packet(view, len, offset, this.u32(view, 8), 28, this.u32(view, 20), this.u32(view, 24), this.u32(view, 12), this.u32(view, 16));
      case PCAPNG_BLOCK.PB:
        return this.packet(view, len, offset, this.u16(view, 8), 28, this.u32(view, 20), this.u32(view, 24), this.u32(view, 12), this.u32(view, 16));
      default: {
        // SPB: no timestamp (the previous frame's is used) and no captured length of its own
        if (len < 16) throw this.bad(`simple packet block has an invalid length ${len}`, offset);
        const origlen = this.u32(view, 8);
        const snap = this.interfaces[0]?.snaplen || Infinity;
        return this.packet(view, len, offset, 0, 12, Math.min(origlen, len - 16, snap), origlen, -1, 0);
      }
    }
  }

  private interfaceBlock(view: Buffer, len: number, offset: number): FormatStep {
    if (len < 20) throw this.bad(`interface description block has an invalid length ${len}`, offset);
    const f: Interface = { linkType: this.u16(view, 8), snaplen: this.u32(view, 12), decimal: true, exponent: 6, offset: 0 };
    for (let p = 16; p + 4 <= len - 4; ) {
      const code = this.u16(view, p);
      const olen = this.u16(view, p + 2);
      if (code === 0) break;
      if (p + 4 + olen > len - 4) throw this.bad(`interface option ${code} runs past the end of its block`, offset);
      if (code === 9 && olen >= 1) {
        const r = view[p + 4]!;
        f.decimal = (r & 0x80) === 0;
        f.exponent = r & 0x7f;
        if ((f.decimal && f.exponent > 18) || (!f.decimal && f.exponent > 63)) throw this.bad(`interface time resolution 0x${r.toString(16)} is out of range`, offset);
      } else if (code === 14 && olen >= 8) {
        const hi = this.le ? view.readInt32LE(p + 8) : view.readInt32BE(p + 4);
        const lo = this.le ? view.readUInt32LE(p + 4) : view.readUInt32BE(p + 8);
        f.offset = hi * 4294967296 + lo;
      }
      p += 4 + ((olen + 3) & ~3);
    }
    this.interfaces.push(f);
    return { kind: 'skip', consumed: len, what: 'an interface description block', linkType: f.linkType };
  }

  private packet(view: Buffer, len: number, offset: number, ifId: number, dataAt: number, caplen: number, origlen: number, tsHi: number, tsLo: number): FormatStep {
    const f = this.interfaces[ifId];
    if (!f) throw this.bad(`packet block for interface ${ifId}, but the section has ${this.interfaces.length} interface(s)`, offset);
    if (caplen > this.limits.maxFrameBytes) throw this.bad(`packet block declares ${caplen} captured bytes, more than the limit of ${this.limits.maxFrameBytes}`, offset);
    if (dataAt + caplen > len - 4) throw this.bad(`packet block declares ${caplen} captured bytes but holds only ${Math.max(0, len - 4 - dataAt)}`, offset);
    if (tsHi >= 0) this.lastTime = toTime(tsHi, tsLo, f);
    this.frames++;
    return {
      kind: 'frame',
      consumed: len,
      frame: { number: this.frames, time: this.lastTime, linkType: f.linkType, interfaceId: ifId, data: view.subarray(dataAt, dataAt + caplen), originalLength: origlen, fileOffset: offset },
    };
  }
}
