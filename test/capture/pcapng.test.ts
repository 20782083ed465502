import { readCaptureSync, readFrames, type CaptureFrame } from '../../src/index.js';
import { A, B, ethernet, Pcapng, pcapFile, sip, sll, udpPacket } from '../helpers/capture.js';

const ip1 = udpPacket(A.address, B.address, 5060, 5060, sip('ng-1'));
const ip2 = udpPacket(B.address, A.address, 5060, 5060, sip('ng-2', { status: 200 }));
const ip3 = udpPacket(A.address, B.address, 5060, 5060, sip('ng-3', { method: 'BYE', cseq: 2 }));

async function frames(buf: Buffer): Promise<CaptureFrame[]> {
  const out: CaptureFrame[] = [];
  for await (const f of readFrames(buf)) out.push(f);
  return out;
}

describe('pcapng', () => {
  it.each([true, false])('reads a section in either byte order (little-endian: %s)', (le) => {
    const ng = new Pcapng(le);
    const file = Buffer.concat([ng.shb(), ng.idb(1), ng.epb(0, 1_700_000_000_250_000n, ethernet(ip1)), ng.epb(0, 1_700_000_001_000_000n, ethernet(ip2))]);
    const r = readCaptureSync(file);
    expect(r.error).toBeUndefined();
    expect(r.messages.map((m) => [m.message?.callId, m.frames[0], m.time])).toEqual([
      ['ng-1', 1, { seconds: 1_700_000_000, nanoseconds: 250_000_000 }],
      ['ng-2', 2, { seconds: 1_700_000_001, nanoseconds: 0 }],
    ]);
    expect(r.stats.format).toBe('pcapng');
  });

  it('several interfaces with different link types and time resolutions; sections with different byte orders', async () => {
    const le = new Pcapng(true);
    const be = new Pcapng(false);
    const file = Buffer.concat([
      le.shb(),
      le.idb(1, { tsresol: 3 }), // milliseconds
      le.idb(113, { tsresol: 9 }), // nanoseconds
      le.idb(101, { tsresol: 0x80 | 20, tsoffset: 1_000_000_000 }), // 2^-20 s, plus an offset
      le.epb(1, 1_700_000_000_123_456_789n, sll(ip2)),
      le.epb(0, 1_700_000_000_500n, ethernet(ip1)),
      le.epb(2, (700_000_000n << 20n) + (1n << 19n), ip3), // 0.5 s
      be.shb(), // a new section: interfaces start again from 0
      be.idb(229, { tsresol: 6 }),
      be.epb(0, 1_700_000_009_000_001n, udpPacket('2001:db8::1', '2001:db8::2', 5060, 5060, sip('ng-4'))),
    ]);
    const fs = await frames(file);
    expect(fs.map((f) => [f.number, f.interfaceId, f.linkType])).toEqual([
      [1, 1, 113],
      [2, 0, 1],
      [3, 2, 101],
      [4, 0, 229],
    ]);
    const r = readCaptureSync(file);
    expect(r.error).toBeUndefined();
    expect(r.messages.map((m) => [m.message?.callId, m.time.seconds, m.time.nanoseconds])).toEqual([
      ['ng-2', 1_700_000_000, 123_456_789],
      ['ng-1', 1_700_000_000, 500_000_000],
      ['ng-3', 1_700_000_000, 500_000_000],
      ['ng-4', 1_700_000_009, 1000],
    ]);
    expect(r.stats.linkTypes).toEqual([1, 113, 101, 229]);
  });

  it('reads simple (SPB) and obsolete (PB) packet blocks; SPB takes the previous timestamp', () => {
    const ng = new Pcapng();
    const file = Buffer.concat([ng.shb(), ng.idb(1, { snaplen: 65535 }), ng.pb(0, 1_700_000_000_000_001n, ethernet(ip1)), ng.spb(ethernet(ip2))]);
    const r = readCaptureSync(file);
    expect(r.error).toBeUndefined();
    expect(r.messages.map((m) => [m.message?.callId, m.time])).toEqual([
      ['ng-1', { seconds: 1_700_000_000, nanoseconds: 1000 }],
      ['ng-2', { seconds: 1_700_000_000, nanoseconds: 1000 }],
    ]);
  });

  it('skips name resolution, statistics, custom and unknown blocks by length; notes decryption secrets', () => {
    const ng = new Pcapng();
    const file = Buffer.concat([
      ng.shb(),
      ng.block(4, Buffer.alloc(12)), // NRB
      ng.idb(1),
      ng.block(0x0a, Buffer.concat([Buffer.from('TLSK'), Buffer.from([0, 0, 0, 8]), Buffer.from('SECRETS!')])), // DSB
      ng.epb(0, 1n, ethernet(ip1)),
      ng.block(5, Buffer.alloc(20)), // ISB
      ng.block(0x40000bad, Buffer.alloc(40, 7)), // custom
      ng.block(0x1234, Buffer.alloc(1000, 9)), // unknown
      ng.epb(0, 2n, ethernet(ip2)),
    ]);
    const r = readCaptureSync(file);
    expect(r.error).toBeUndefined();
    expect(r.messages.map((m) => m.message?.callId)).toEqual(['ng-1', 'ng-2']);
    expect(r.notes.map((n) => [n.code, n.severity])).toEqual([['CAPTURE_DECRYPTION_SECRETS', 'info']]);
  });

  it('notes an interface with an unsupported link type once and skips its frames', () => {
    const ng = new Pcapng();
    const file = Buffer.concat([ng.shb(), ng.idb(1), ng.idb(147), ng.epb(1, 1n, Buffer.from('user data')), ng.epb(1, 2n, Buffer.from('more')), ng.epb(0, 3n, ethernet(ip1))]);
    const r = readCaptureSync(file);
    expect(r.messages.length).toBe(1);
    expect(r.notes.map((n) => n.code)).toEqual(['CAPTURE_LINK_TYPE_UNSUPPORTED']);
    expect(r.stats.framesSkipped).toBe(2);
  });

  it.each<[string, (ng: Pcapng) => Buffer, string]>([
    ['a block length that is not a multiple of 4', (ng) => Buffer.concat([ng.block(6, Buffer.alloc(20)).subarray(0, 4), Buffer.from([30, 0, 0, 0]), Buffer.alloc(22)]), 'CAPTURE_ERR_BAD_BLOCK'],
    ['a trailing length that differs', (ng) => { const b = ng.epb(0, 1n, ethernet(ip2)); b.writeUInt32LE(b.length + 4, b.length - 4); return b; }, 'CAPTURE_ERR_BAD_BLOCK'],
    ['a packet for an interface that does not exist', (ng) => ng.epb(3, 1n, ethernet(ip2)), 'CAPTURE_ERR_BAD_BLOCK'],
    ['a captured length past the block', (ng) => { const b = ng.epb(0, 1n, ethernet(ip2)); b.writeUInt32LE(9999, 20); return b; }, 'CAPTURE_ERR_BAD_BLOCK'],
    ['a packet block over the size limit', (ng) => Buffer.concat([Buffer.from([6, 0, 0, 0]), Buffer.from([0, 0, 0, 0x40]), Buffer.alloc(64)]), 'CAPTURE_ERR_BAD_BLOCK'],
    ['a section header with a bad byte-order magic', () => Buffer.concat([Buffer.from([0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 1, 2, 3, 4]), Buffer.alloc(16)]), 'CAPTURE_ERR_BAD_BLOCK'],
    ['a version 2 section', (ng) => { const b = ng.shb(); b.writeUInt16LE(2, 12); return b; }, 'CAPTURE_ERR_UNSUPPORTED_VERSION'],
    ['a cut block', (ng) => ng.epb(0, 1n, ethernet(ip2)).subarray(0, 50), 'CAPTURE_ERR_TRUNCATED'],
    ['a cut unknown block (skipped by length)', (ng) => ng.block(0x999, Buffer.alloc(5000)).subarray(0, 300), 'CAPTURE_ERR_TRUNCATED'],
  ])('delivers what comes before %s, then a typed error at its offset', (_, bad, code) => {
    const ng = new Pcapng();
    const good = Buffer.concat([ng.shb(), ng.idb(1), ng.epb(0, 1n, ethernet(ip1))]);
    const r = readCaptureSync(Buffer.concat([good, bad(ng)]));
    expect(r.messages.map((m) => m.message?.callId)).toEqual(['ng-1']);
    expect(r.error?.code).toBe(code);
    expect(r.error?.offset).toBe(good.length);
    expect(r.error?.frame).toBe(1);
    expect(r.error?.message).toContain(`offset ${good.length}`);
  });

  it('huge unknown blocks are skipped without being held in memory', async () => {
    const ng = new Pcapng();
    const huge = 64 * 1024 * 1024;
    const head = Buffer.concat([ng.shb(), ng.idb(1)]);
    const blockHead = Buffer.alloc(8);
    blockHead.writeUInt32LE(0x777, 0);
    blockHead.writeUInt32LE(huge, 4);
    const zeros = Buffer.alloc(1024 * 1024);
    const tail = Buffer.concat([Buffer.alloc(0), ng.epb(0, 5n, ethernet(ip3))]);
    async function* gen(): AsyncGenerator<Buffer> {
      yield head;
      yield blockHead;
      let left = huge - 12;
      while (left > 0) {
        const n = Math.min(left, zeros.length);
        yield zeros.subarray(0, n);
        left -= n;
      }
      const len = Buffer.alloc(4);
      len.writeUInt32LE(huge, 0);
      yield len;
      yield tail;
    }
    const before = process.memoryUsage().arrayBuffers;
    const out: CaptureFrame[] = [];
    for await (const f of readFrames(gen())) out.push(f);
    expect(out.map((f) => f.number)).toEqual([1]);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * 1024 * 1024);
  });

  it('a classic pcap in big-endian with nanosecond timestamps', () => {
    const r = readCaptureSync(pcapFile(1, [{ data: ethernet(ip1), sec: 1_700_000_000, frac: 999_999_999 }], { littleEndian: false, nano: true }));
    expect(r.messages[0]!.time).toEqual({ seconds: 1_700_000_000, nanoseconds: 999_999_999 });
  });
});
