import { buildCapture, readCapture, readCaptureAll, readCaptureSync, type CaptureMessage, type PcapWriterOptions, type SipRequest } from '../../src/index.js';
import { buildIPv4, buildIPv6, buildUdp } from '../../src/capture/packet-builder.js';
import { ipToBytes } from '../../src/capture/ip-address.js';
import { A, A6, B, B6, ethernet, pcapFile, sdp, sip } from '../helpers/capture.js';

const T0 = 1_700_000_000_000;
const callIds = (ms: readonly CaptureMessage[]): Array<string | undefined> => ms.map((m) => m.message?.callId);

describe('writer → reader round trips', () => {
  it.each<[string, PcapWriterOptions]>([
    ['pcap, Ethernet, µs', {}],
    ['pcap, raw IP, ns', { linkType: 'raw', nanoseconds: true }],
    ['pcapng, Ethernet', { format: 'pcapng' }],
    ['pcapng, raw IP', { format: 'pcapng', linkType: 'raw' }],
  ])('UDP messages keep bytes, addresses, ports, frame numbers and time (%s)', async (_, opts) => {
    const msgs = [sip('u1'), sip('u1', { status: 100 }), sip('u1', { status: 200, body: sdp() })];
    const buf = buildCapture((w) => {
      w.udp({ src: A, dst: B, payload: msgs[0]!, time: { seconds: 1_700_000_000, nanoseconds: 123_456_789 } });
      w.udp({ src: B, dst: A, payload: msgs[1]!, time: T0 + 10 });
      w.udp({ src: B, dst: { address: A.address, port: 5099 }, payload: msgs[2]!, time: new Date(T0 + 20) });
    }, opts);
    const r = await readCaptureAll(buf);
    expect(r.error).toBeUndefined();
    expect(r.notes).toEqual([]);
    expect(r.messages.map((m) => m.bytes.toString())).toEqual(msgs);
    expect(r.messages.map((m) => [m.index, m.transport, m.frames, m.ipFragmented, m.truncated])).toEqual([
      [0, 'udp', [1], false, false],
      [1, 'udp', [2], false, false],
      [2, 'udp', [3], false, false],
    ]);
    expect(r.messages[0]!.src).toEqual({ address: '192.0.2.1', port: 5060, family: 4 });
    expect(r.messages[2]!.dst).toEqual({ address: '192.0.2.1', port: 5099, family: 4 });
    const ns = opts.nanoseconds || opts.format === 'pcapng' ? 123_456_789 : 123_456_000;
    expect(r.messages[0]!.time).toEqual({ seconds: 1_700_000_000, nanoseconds: ns });
    expect(r.messages[1]!.time).toEqual({ seconds: 1_700_000_000, nanoseconds: 10_000_000 });
    expect((r.messages[0]!.message as SipRequest).method).toBe('INVITE');
    expect(r.messages[2]!.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.stats.format).toBe(opts.format ?? 'pcap');
    expect(r.stats.linkTypes).toEqual([opts.linkType === 'raw' ? 101 : 1]);
  });

  it('problem positions are relative to the message, not the capture', async () => {
    const bad = sip('p1').replace('CSeq: 1 INVITE', 'CSeq: 1 BYE');
    const r = readCaptureSync(buildCapture((w) => w.udp({ src: A, dst: B, payload: bad, time: T0 })));
    const p = r.messages[0]!.problems.find((x) => x.code === 'SIP_CSEQ_METHOD_MISMATCH')!;
    expect(p.line).toBe(bad.split('\r\n').findIndex((l) => l.startsWith('CSeq')) + 1);
    expect(p.offset).toBe(bad.indexOf('CSeq') + p.column - 1);
  });

  it('TCP: a message split over MSS-sized segments and several messages in one segment', async () => {
    const big = sip('t-big', { body: sdp(5000) });
    const pair = sip('t-a') + sip('t-b', { status: 200 });
    const buf = buildCapture((w) => {
      w.tcp({ src: A, dst: { ...B, port: 5061 }, payload: big, time: T0 });
      w.tcp({ src: { ...B, port: 5061 }, dst: A, payload: pair, time: T0 + 5 });
      w.tcp({ src: A, dst: { ...B, port: 5061 }, payload: sip('t-c'), time: T0 + 6 });
      w.tcpClose({ src: A, dst: { ...B, port: 5061 }, time: T0 + 7 });
    });
    const r = await readCaptureAll(buf);
    expect(r.error).toBeUndefined();
    expect(r.notes).toEqual([]);
    expect(callIds(r.messages)).toEqual(['t-big', 't-a', 't-b', 't-c']);
    expect(r.messages[0]!.bytes.toString()).toBe(big);
    // handshake = frames 1-3; the 5 KB message goes out in four 1460-byte segments
    expect(r.messages[0]!.frames).toEqual([4, 5, 6, 7]);
    expect(r.messages[1]!.frames).toEqual([8]);
    expect(r.messages[2]!.frames).toEqual([8]);
    expect(r.messages.every((m) => m.transport === 'tcp')).toBe(true);
    expect(r.messages[1]!.src.port).toBe(5061);
    expect(r.messages.flatMap((m) => m.problems.filter((p) => p.severity === 'error'))).toEqual([]);
    expect(r.stats.tcpConnections).toBe(1);
  });

  it('TCP: a message whose segments have different times takes the time of its last segment', async () => {
    const msg = sip('t-time', { body: sdp(3000) });
    const s = Buffer.from(msg);
    const r = readCaptureSync(
      buildCapture((w) => {
        w.tcp({ src: A, dst: B, payload: s.subarray(0, 1000), time: T0 });
        w.tcp({ src: A, dst: B, payload: s.subarray(1000), time: T0 + 250 });
      }),
    );
    expect(r.messages.length).toBe(1);
    expect(r.messages[0]!.time).toEqual({ seconds: 1_700_000_000, nanoseconds: 250_000_000 });
    expect(r.messages[0]!.frames).toEqual([4, 5, 6]);
  });

  it('IPv6: UDP and TCP', async () => {
    const buf = buildCapture((w) => {
      w.udp({ src: A6, dst: B6, payload: sip('v6u'), time: T0 });
      w.tcp({ src: { ...A6, port: 40000 }, dst: B6, payload: sip('v6t', { body: sdp(4000) }), time: T0 });
    });
    const r = await readCaptureAll(buf);
    expect(callIds(r.messages)).toEqual(['v6u', 'v6t']);
    expect(r.messages[1]!.src).toEqual({ address: '2001:db8::1', port: 40000, family: 6 });
    expect(r.messages[1]!.frames.length).toBe(Math.ceil(r.messages[1]!.bytes.length / 1440));
  });

  it.each([
    ['IPv4', A, B],
    ['IPv6', A6, B6],
  ])('%s: a UDP datagram over the MTU is fragmented by the writer and reassembled by the reader', async (_, src, dst) => {
    const msg = sip('frag', { body: sdp(4000) });
    const r = await readCaptureAll(buildCapture((w) => w.udp({ src, dst, payload: msg, time: T0 })));
    expect(r.messages.length).toBe(1);
    expect(r.messages[0]!.bytes.toString()).toBe(msg);
    expect(r.messages[0]!.ipFragmented).toBe(true);
    const per = (1500 - (src === A ? 20 : 48)) & ~7;
    const n = Math.ceil((msg.length + 8) / per);
    expect(r.messages[0]!.frames).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(r.stats.ipFragments).toBe(n);
    expect(r.stats.ipDatagramsReassembled).toBe(1);
  });

  it('fragments built by the test: out of order, duplicated, IPv6 with extension headers before the fragment header', async () => {
    const msg = Buffer.from(sip('hand-frag', { body: sdp(2500) }));
    const s4 = ipToBytes('10.1.1.1');
    const d4 = ipToBytes('10.1.1.2');
    const udp4 = buildUdp(s4, d4, 5060, 5060, msg);
    const f4 = [0, 1200, 2400].map((off) => buildIPv4({ src: s4, dst: d4, protocol: 17, id: 77 }, udp4.subarray(off, off + 1200), off, off + 1200 < udp4.length));
    const s6 = ipToBytes('fe80::1');
    const d6 = ipToBytes('fe80::2');
    const udp6 = buildUdp(s6, d6, 5060, 5060, msg);
    // hop-by-hop (8 bytes) then the fragment header, then a destination-options header inside the fragmentable part
    const dest = Buffer.from([17, 0, 1, 4, 0, 0, 0, 0]);
    const inner = Buffer.concat([dest, udp6]);
    const v6frag = (off: number, len: number): Buffer => {
      const piece = inner.subarray(off, off + len);
      const p = buildIPv6({ src: s6, dst: d6, protocol: 60, id: 0xabcdef }, piece, { offset: off, more: off + len < inner.length });
      // splice a hop-by-hop header in front of the fragment header
      const hbh = Buffer.from([44, 0, 1, 4, 0, 0, 0, 0]);
      const out = Buffer.concat([p.subarray(0, 40), hbh, p.subarray(40)]);
      out[6] = 0;
      out.writeUInt16BE(p.length - 40 + 8, 4);
      return out;
    };
    const frames = [f4[2]!, f4[0]!, f4[0]!, f4[1]!, v6frag(1600, 2000), v6frag(0, 1600)].map((ip, i) => ({ data: ethernet(ip), sec: 1_700_000_000 + i }));
    const r = await readCaptureAll(pcapFile(1, frames));
    expect(r.error).toBeUndefined();
    expect(r.messages.map((m) => [m.src.address, m.frames, m.ipFragmented])).toEqual([
      ['10.1.1.1', [1, 2, 3, 4], true],
      ['fe80::1', [5, 6], true],
    ]);
    expect(r.messages.every((m) => m.bytes.equals(msg))).toBe(true);
    expect(r.messages[0]!.time.seconds).toBe(1_700_000_003);
  });

  it('streaming, in-memory and sync readers agree', async () => {
    const buf = buildCapture((w) => {
      for (let i = 0; i < 50; i++) {
        w.udp({ src: A, dst: B, payload: sip(`s${i}`), time: T0 + i });
        w.tcp({ src: { ...A, port: 40000 + (i % 5) }, dst: B, payload: sip(`t${i}`, { body: sdp(1800) }), time: T0 + i });
      }
    });
    const sync = readCaptureSync(buf);
    const all = await readCaptureAll(buf);
    const chunks = async function* (): AsyncGenerator<Buffer> {
      for (let i = 0; i < buf.length; i += 333) yield buf.subarray(i, i + 333);
    };
    const streamed: CaptureMessage[] = [];
    for await (const m of readCapture(chunks()).messages()) streamed.push(m);
    expect(sync.messages.length).toBe(100);
    for (const other of [all.messages, streamed]) {
      expect(callIds(other)).toEqual(callIds(sync.messages));
      expect(other.map((m) => m.frames)).toEqual(sync.messages.map((m) => m.frames));
    }
  });
});
