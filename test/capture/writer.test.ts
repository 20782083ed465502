import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCapture, createPcapFile, InvalidArgumentError, MemorySink, PcapWriter, readCaptureSync, readFrames, type CaptureFrame } from '../../src/index.js';
import { internetChecksum, pseudoHeader } from '../../src/capture/checksum.js';
import { A, A6, B, B6, sdp, sip } from '../helpers/capture.js';
import { tempDir } from '../helpers/temp-dir.js';

const T0 = 1_700_000_000_000;

async function frames(buf: Buffer): Promise<CaptureFrame[]> {
  const out: CaptureFrame[] = [];
  for await (const f of readFrames(buf)) out.push(f);
  return out;
}

interface Decoded {
  version: number;
  proto: number;
  ipOk: boolean;
  l4Ok: boolean;
  seq?: number;
  ack?: number;
  flags?: number;
  len: number;
  mf?: boolean;
}

/** Decodes an Ethernet frame far enough to verify every checksum. */
function decode(f: Buffer): Decoded {
  const ip = f.subarray(14);
  if (ip[0]! >> 4 === 4) {
    const hl = (ip[0]! & 15) * 4;
    const ipOk = internetChecksum(ip.subarray(0, hl)) === 0;
    const frag = ip.readUInt16BE(6);
    const l4 = ip.subarray(hl, ip.readUInt16BE(2));
    if (frag & 0x3fff) return { version: 4, proto: ip[9]!, ipOk, l4Ok: true, len: l4.length, mf: (frag & 0x2000) !== 0 };
    return { version: 4, proto: ip[9]!, ipOk, l4Ok: internetChecksum(pseudoHeader(ip.subarray(12, 16), ip.subarray(16, 20), ip[9]!, l4.length), l4) === 0, ...tcpFields(ip[9]!, l4) };
  }
  const l4 = ip.subarray(40, 40 + ip.readUInt16BE(4));
  if (ip[6] === 44) return { version: 6, proto: l4[0]!, ipOk: true, l4Ok: true, len: l4.length - 8, mf: (l4.readUInt16BE(2) & 1) === 1 };
  return { version: 6, proto: ip[6]!, ipOk: true, l4Ok: internetChecksum(pseudoHeader(ip.subarray(8, 24), ip.subarray(24, 40), ip[6]!, l4.length), l4) === 0, ...tcpFields(ip[6]!, l4) };
}

function tcpFields(proto: number, l4: Buffer): { len: number; seq?: number; ack?: number; flags?: number } {
  if (proto !== 6) return { len: l4.length - 8 };
  return { seq: l4.readUInt32BE(4), ack: l4.readUInt32BE(8), flags: l4[13]!, len: l4.length - (l4[12]! >> 4) * 4 };
}

describe('pcap writer', () => {
  it('writes correct IPv4/IPv6 header, UDP and TCP checksums', async () => {
    const buf = buildCapture((w) => {
      w.udp({ src: A, dst: B, payload: sip('w1'), time: T0 });
      w.udp({ src: A6, dst: B6, payload: sip('w2'), time: T0 });
      w.tcp({ src: A, dst: { ...B, port: 5061 }, payload: sip('w3', { body: sdp(3000) }), time: T0 });
      w.tcp({ src: A6, dst: B6, payload: sip('w4', { body: sdp(3000) }), time: T0 });
      w.udp({ src: A, dst: B, payload: 'x'.repeat(7), time: T0 }); // odd length
    });
    const decoded = (await frames(buf)).map((f) => decode(f.data));
    expect(decoded.length).toBeGreaterThan(12);
    expect(decoded.every((d) => d.ipOk && d.l4Ok)).toBe(true);
  });

  it('TCP: handshake, sequence and acknowledgement numbers follow the data, MSS-sized segments, FIN exchange', async () => {
    const payload = sip('seq', { body: sdp(4000) });
    const reply = sip('seq', { status: 200 });
    const buf = buildCapture((w) => {
      w.tcp({ src: A, dst: B, payload, time: T0 });
      w.tcp({ src: B, dst: A, payload: reply, time: T0 + 1 });
      w.tcpClose({ src: A, dst: B, time: T0 + 2 });
    });
    const d = (await frames(buf)).map((f) => decode(f.data));
    const [syn, synAck, ack] = d as [Decoded, Decoded, Decoded];
    expect([syn.flags, synAck.flags, ack.flags]).toEqual([0x02, 0x12, 0x10]);
    const c = syn.seq!;
    const s = synAck.seq!;
    expect(synAck.ack).toBe((c + 1) >>> 0);
    expect([ack.seq, ack.ack]).toEqual([(c + 1) >>> 0, (s + 1) >>> 0]);
    const data = d.slice(3, -4);
    expect(data.every((x) => x.len <= 1460)).toBe(true);
    let next = (c + 1) >>> 0;
    for (const seg of data) {
      expect(seg.seq).toBe(next);
      expect(seg.ack).toBe((s + 1) >>> 0);
      next = (next + seg.len) >>> 0;
    }
    expect(next).toBe((c + 1 + Buffer.byteLength(payload)) >>> 0);
    const [back, fin1, fin2, last] = d.slice(-4) as [Decoded, Decoded, Decoded, Decoded];
    expect([back.seq, back.ack, back.len]).toEqual([(s + 1) >>> 0, next, Buffer.byteLength(reply)]);
    expect([fin1.flags, fin1.seq, fin2.flags, last.flags]).toEqual([0x11, next, 0x11, 0x10]);
    expect(last.seq).toBe((next + 1) >>> 0);
  });

  it('without a handshake, and with mtu 0 (one segment per payload, no fragments)', async () => {
    const buf = buildCapture(
      (w) => {
        w.tcp({ src: A, dst: B, payload: sip('big', { body: sdp(20000) }), time: T0 });
        w.udp({ src: A, dst: B, payload: sip('bigu', { body: sdp(20000) }), time: T0 });
      },
      { handshake: false, mtu: 0 },
    );
    expect((await frames(buf)).length).toBe(2);
    expect(readCaptureSync(buf).messages.map((m) => [m.message?.callId, m.ipFragmented])).toEqual([
      ['big', false],
      ['bigu', false],
    ]);
  });

  it('fragments large UDP datagrams at the MTU (IPv4 and IPv6)', async () => {
    const buf = buildCapture((w) => {
      w.udp({ src: A, dst: B, payload: sip('fr4', { body: sdp(3000) }), time: T0 });
      w.udp({ src: A6, dst: B6, payload: sip('fr6', { body: sdp(3000) }), time: T0 });
    }, { mtu: 1280 });
    const fs = await frames(buf);
    expect(fs.every((f) => f.data.length - 14 <= 1280)).toBe(true);
    const d = fs.map((f) => decode(f.data));
    expect(d.filter((x) => x.mf).length).toBeGreaterThanOrEqual(4);
  });

  it('pcapng output with comments; timestamps in nanoseconds', async () => {
    const buf = buildCapture((w) => w.tcp({ src: A, dst: { ...B, port: 5061 }, payload: sip('c'), time: { seconds: 1_700_000_000, nanoseconds: 1 }, comment: 'TLS, written in clear' }), { format: 'pcapng', comment: 'siptool probe' });
    expect(buf.includes('siptool probe')).toBe(true);
    expect(buf.includes('TLS, written in clear')).toBe(true);
    expect(readCaptureSync(buf).messages[0]!.time).toEqual({ seconds: 1_700_000_000, nanoseconds: 1 });
  });

  it('writes the same bytes for the same input (deterministic)', () => {
    const build = (): Buffer => buildCapture((w) => w.tcp({ src: A, dst: B, payload: sip('d'), time: T0 }));
    expect(build().equals(build())).toBe(true);
  });

  it('a reopened connection gets new sequence numbers', async () => {
    const buf = buildCapture((w) => {
      w.tcp({ src: A, dst: B, payload: sip('r1'), time: T0 });
      w.tcpClose({ src: A, dst: B, time: T0 });
      w.tcp({ src: A, dst: B, payload: sip('r2'), time: T0 });
    });
    const syns = (await frames(buf)).map((f) => decode(f.data)).filter((d) => d.flags === 0x02);
    expect(syns.length).toBe(2);
    expect(syns[0]!.seq).not.toBe(syns[1]!.seq);
    expect(readCaptureSync(buf).messages.map((m) => m.message?.callId)).toEqual(['r1', 'r2']);
  });

  it('writes to a file with createPcapFile', () => {
    const dir = tempDir('siptool-writer-');
    const w = createPcapFile(join(dir, 'out.pcap'));
    for (let i = 0; i < 2000; i++) w.udp({ src: A, dst: B, payload: sip(`file${i}`), time: T0 + i });
    w.end();
    const r = readCaptureSync(readFileSync(join(dir, 'out.pcap')));
    expect(r.messages.length).toBe(2000);
    expect(w.frames).toBe(2000);
  });

  it('rejects bad addresses, mixed IP versions, bad ports, oversized datagrams and tiny MTUs', () => {
    const w = new PcapWriter(new MemorySink());
    expect(() => w.udp({ src: { address: 'example.com', port: 1 }, dst: B, payload: 'x', time: 0 })).toThrow(InvalidArgumentError);
    expect(() => w.udp({ src: A, dst: B6, payload: 'x', time: 0 })).toThrow(/same IP version/);
    expect(() => w.udp({ src: { ...A, port: 70000 }, dst: B, payload: 'x', time: 0 })).toThrow(/port/);
    expect(() => w.udp({ src: A, dst: B, payload: Buffer.alloc(70000), time: 0 })).toThrow(/does not fit/);
    expect(() => new PcapWriter(new MemorySink(), { mtu: 100 })).toThrow(/mtu/);
    expect(() => w.udp({ src: { address: '[2001:db8::1]', port: 1 }, dst: B6, payload: 'x', time: 0 })).not.toThrow();
  });
});
