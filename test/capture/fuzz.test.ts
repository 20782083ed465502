import { buildCapture, CaptureError, readCaptureAll, readCaptureSync, type CaptureResult } from '../../src/index.js';
import { A, A6, B, B6, ethernet, Pcapng, sdp, sip, sll2, TCP_FLAGS, tcpPacket, udpPacket, wsFrame } from '../helpers/capture.js';
import { prng } from '../helpers/prng.js';

const T0 = 1_700_000_000_000;
const ng = new Pcapng(false);
const wsUp = 'GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n';
const wsOk = 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n';

const corpus: Buffer[] = [
  buildCapture((w) => {
    w.udp({ src: A, dst: B, payload: sip('f1'), time: T0 });
    w.tcp({ src: { ...A, port: 40000 }, dst: B, payload: sip('f2', { body: sdp(700) }) + sip('f3'), time: T0 });
    w.udp({ src: A6, dst: B6, payload: sip('f4', { body: sdp(700) }), time: T0 });
  }, { mtu: 576 }),
  buildCapture((w) => {
    w.tcp({ src: A6, dst: { ...B6, port: 5061 }, payload: sip('f5', { body: sdp(900) }), time: T0 });
    w.tcpClose({ src: A6, dst: { ...B6, port: 5061 }, time: T0 });
  }, { format: 'pcapng', linkType: 'raw', mtu: 600 }),
  Buffer.concat([
    ng.shb(),
    ng.idb(276, { tsresol: 9 }),
    ng.idb(1, { tsresol: 0x80 | 10 }),
    ng.epb(0, 5n, sll2(tcpPacket('10.0.0.1', '10.0.0.2', 1000, 80, 1, '', TCP_FLAGS.SYN))),
    ng.epb(0, 6n, sll2(tcpPacket('10.0.0.1', '10.0.0.2', 1000, 80, 2, wsUp))),
    ng.epb(1, 7n, ethernet(tcpPacket('10.0.0.2', '10.0.0.1', 80, 1000, 50, '', TCP_FLAGS.SYN | TCP_FLAGS.ACK))),
    ng.epb(1, 8n, ethernet(tcpPacket('10.0.0.2', '10.0.0.1', 80, 1000, 51, wsOk))),
    ng.epb(0, 9n, sll2(tcpPacket('10.0.0.1', '10.0.0.2', 1000, 80, 2 + wsUp.length, Buffer.concat([wsFrame(1, sip('f6'), { mask: true }), wsFrame(1, sip('f7'), { mask: true, fin: false }), wsFrame(0, 'x', { mask: true })])))),
    ng.spb(ethernet(udpPacket('10.0.0.3', '10.0.0.4', 5060, 5060, sip('f8')))),
  ]),
];

function mutate(input: Buffer, rnd: () => number): Buffer {
  let out = Buffer.from(input);
  const n = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(rnd() * out.length);
    const op = Math.floor(rnd() * 7);
    if (op === 0) out[at] = Math.floor(rnd() * 256);
    else if (op === 1 && at + 4 <= out.length) out.writeUInt32LE([0, 0xffffffff, 0x7fffffff, Math.floor(rnd() * 0x10000), 12, 28][Math.floor(rnd() * 6)]!, at);
    else if (op === 2) out = Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + 1 + Math.floor(rnd() * 60)))]);
    else if (op === 3) out = Buffer.concat([out.subarray(0, at), out.subarray(at, at + 80), out.subarray(at)]);
    else if (op === 4) out = out.subarray(0, at);
    else if (op === 5 && at + 2 <= out.length) out.writeUInt16BE(Math.floor(rnd() * 65536), at);
    else out = Buffer.concat([out.subarray(0, at), Buffer.from([0x0d, 0x0a, 0x0d, 0x0a]), out.subarray(at)]);
  }
  return out;
}

/** What every result must satisfy, whatever the input. */
function check(r: CaptureResult): void {
  if (r.error) expect(r.error).toBeInstanceOf(CaptureError);
  let index = 0;
  for (const m of r.messages) {
    expect(m.index).toBe(index++);
    expect(m.frames.length).toBeGreaterThan(0);
    for (const f of m.frames) expect(f >= 1 && f <= r.stats.frames).toBe(true);
    expect(m.time.nanoseconds >= 0 && m.time.nanoseconds < 1e9).toBe(true);
    expect(Number.isFinite(m.time.seconds)).toBe(true);
    for (const p of m.problems) expect(p.offset <= m.bytes.length).toBe(true);
    expect(m.src.port >= 0 && m.src.port <= 65535).toBe(true);
    if (m.message) void [m.message.callId, m.message.vias, m.message.cseq];
  }
  for (const n of r.notes) expect(typeof n.message).toBe('string');
}

describe('fuzz: mutated captures never crash or hang the reader', () => {
  it('corpus reads cleanly', () => {
    for (const c of corpus) {
      const r = readCaptureSync(c);
      expect(r.error).toBeUndefined();
      expect(r.messages.length).toBeGreaterThan(0);
    }
  });

  it('3000 seeded mutations (sync reader)', () => {
    const rnd = prng(0x5c0ffee);
    for (let i = 0; i < 3000; i++) check(readCaptureSync(mutate(corpus[i % corpus.length]!, rnd), { validate: i % 2 === 0 }));
  });

  it('300 seeded mutations: the streaming reader agrees with the sync one', async () => {
    const rnd = prng(424242);
    for (let i = 0; i < 300; i++) {
      const input = mutate(corpus[i % corpus.length]!, rnd);
      const a = readCaptureSync(input, { validate: false });
      const b = await readCaptureAll(input, { validate: false });
      expect(b.messages.map((m) => m.bytes.toString('latin1'))).toEqual(a.messages.map((m) => m.bytes.toString('latin1')));
      expect(b.error?.code).toBe(a.error?.code);
    }
  });

  it('random bytes after a valid header', () => {
    const rnd = prng(7);
    for (let i = 0; i < 500; i++) {
      const junk = Buffer.alloc(Math.floor(rnd() * 3000));
      for (let k = 0; k < junk.length; k++) junk[k] = Math.floor(rnd() * 256);
      check(readCaptureSync(Buffer.concat([corpus[i % 2]!.subarray(0, i % 2 ? 80 : 24), junk])));
    }
  });
});
