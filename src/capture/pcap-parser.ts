import type { CaptureLimits } from './capture-limits.js';
import { CaptureError } from './capture-error.js';
import type { FormatParser, FormatStep } from './capture-frame.js';
import type { CaptureTime } from './capture-time.js';

/** Classic libpcap files: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/ */
export const PCAP_MAGIC = {
  micro: 0xa1b2c3d4,
  nano: 0xa1b23c4d,
  /** Alexey Kuznetzov's patched libpcap: 8 more bytes per record header. */
  modified: 0xa1b2cd34,
} as const;

/** The pcap variant a magic number stands for, in either byte order, or undefined. */
export function pcapVariant(first4: Buffer): { littleEndian: boolean; nano: boolean; recordHeader: number } | undefined {
  for (const littleEndian of [false, true]) {
    const m = littleEndian ? first4.readUInt32LE(0) : first4.readUInt32BE(0);
    if (m === PCAP_MAGIC.micro) return { littleEndian, nano: false, recordHeader: 16 };
    if (m === PCAP_MAGIC.nano) return { littleEndian, nano: true, recordHeader: 16 };
    if (m === PCAP_MAGIC.modified) return { littleEndian, nano: false, recordHeader: 24 };
  }
  return undefined;
}

export class PcapParser implements FormatParser {
  readonly format = 'pcap';
  frames = 0;
  private headerRead = false;
  private linkType = 0;
  private readonly le: boolean;
  private readonly nano: boolean;
  private readonly recordHeader: number;
  private readonly limits: CaptureLimits;

  constructor(first4: Buffer, limits: CaptureLimits) {
    const v = pcapVariant(first4)!;
    this.le = v.littleEndian;
    this.nano = v.nano;
    this.recordHeader = v.recordHeader;
    this.limits = limits;
  }

  private u32(b: Buffer, at: number): number {
    return this.le ? b.readUInt32LE(at) : b.readUInt32BE(at);
  }

  step(b: Buffer, at: number, offset: number): FormatStep {
    const avail = b.length - at;
    if (!this.headerRead) {
      if (avail < 24) return { kind: 'need', bytes: 24, what: 'the pcap file header' };
      const major = this.le ? b.readUInt16LE(at + 4) : b.readUInt16BE(at + 4);
      if (major !== 2) throw new CaptureError('CAPTURE_ERR_UNSUPPORTED_VERSION', `pcap version ${major} is not supported (only 2.x)`, offset);
      // the link type is the low 16 bits; the top bits may say an FCS is present
      this.linkType = this.u32(b, at + 20) & 0xffff;
      this.headerRead = true;
      return { kind: 'skip', consumed: 24, what: 'the pcap file header', linkType: this.linkType };
    }
    const h = this.recordHeader;
    if (avail < h) return { kind: 'need', bytes: h, what: 'a record header' };
    const caplen = this.u32(b, at + 8);
    if (caplen > this.limits.maxFrameBytes) {
      throw new CaptureError('CAPTURE_ERR_BAD_RECORD', `frame ${this.frames + 1} declares ${caplen} captured bytes, more than the limit of ${this.limits.maxFrameBytes}`, offset, this.frames);
    }
    if (avail < h + caplen) return { kind: 'need', bytes: h + caplen, what: 'the data of a record' };
    const sec = this.u32(b, at);
    const frac = this.u32(b, at + 4);
    let time: CaptureTime;
    if (this.nano) time = frac < 1e9 ? { seconds: sec, nanoseconds: frac } : { seconds: sec + Math.floor(frac / 1e9), nanoseconds: frac % 1e9 };
    else time = frac < 1e6 ? { seconds: sec, nanoseconds: frac * 1000 } : { seconds: sec + Math.floor(frac / 1e6), nanoseconds: (frac % 1e6) * 1000 };
    this.frames++;
    return {
      kind: 'frame',
      consumed: h + caplen,
      frame: { number: this.frames, time, linkType: this.linkType, interfaceId: 0, data: b.subarray(at + h, at + h + caplen), originalLength: this.u32(b, at + 12), fileOffset: offset },
    };
  }
}
