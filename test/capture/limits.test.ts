import { buildCapture, readCaptureSync, SipPacketDecoder, type CaptureEvent, type CaptureFrame } from '../../src/index.js';
import { buildIPv4, buildUdp } from '../../src/capture/packet-builder.js';
import { ipToBytes } from '../../src/capture/ip-address.js';
import { ethernet, pcapFile, sip, TCP_FLAGS, tcpPacket } from '../helpers/capture.js';

let frameNo = 0;
function frame(ip: Buffer, sec = 1_700_000_000): CaptureFrame {
  frameNo++;
  return { number: frameNo, time: { seconds: sec, nanoseconds: 0 }, linkType: 101, interfaceId: 0, data: ip, originalLength: ip.length, fileOffset: 0 };
}

describe('limits on hostile captures', () => {
  it('many TCP connections: only maxTcpConnections are tracked, the oldest dropped with one note', () => {
    const d = new SipPacketDecoder({ limits: { maxTcpConnections: 50 } });
    const out: CaptureEvent[] = [];
    for (let i = 0; i < 5000; i++) {
      const src = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      d.push(frame(tcpPacket(src, '10.255.0.1', 1024 + (i % 60000), 5060, 1, 'INVITE sip:x@y SIP/2.0\r\nVia: SIP/2.0/TCP h\r\n')), out);
      expect(d.held().tcpConnections).toBeLessThanOrEqual(50);
    }
    d.finish(out);
    expect(out.filter((e) => e.kind === 'note' && e.code === 'CAPTURE_LIMIT_REACHED').length).toBe(1);
    // every dropped connection had half a message: noted, up to the per-code cap
    expect(out.filter((e) => e.kind === 'note' && e.code === 'CAPTURE_TCP_INCOMPLETE_MESSAGE').length).toBe(100);
    expect(d.stats.notes).toBeGreaterThan(5000);
    expect(d.held()).toEqual({ tcpConnections: 0, fragmentedDatagrams: 0, bytes: 0 });
  });

  it('endless out-of-order data stays within maxStreamBytes per direction', () => {
    const d = new SipPacketDecoder({ limits: { maxStreamBytes: 64 * 1024 } });
    const out: CaptureEvent[] = [];
    d.push(frame(tcpPacket('10.0.0.1', '10.0.0.2', 40000, 5060, 0, '', TCP_FLAGS.SYN)), out);
    const junk = 'x'.repeat(1000);
    let peak = 0;
    // the byte at seq 1 never comes: everything after it is out of order
    for (let i = 0; i < 3000; i++) {
      d.push(frame(tcpPacket('10.0.0.1', '10.0.0.2', 40000, 5060, 2 + i * 1000, junk)), out);
      peak = Math.max(peak, d.held().bytes);
    }
    expect(peak).toBeLessThanOrEqual(64 * 1024 + 1000);
    expect(d.stats.tcpGaps).toBeGreaterThan(0);
  });

  it('a message that never ends is dropped at maxStreamBytes, and the stream resynchronises', () => {
    const head = 'INVITE sip:a@b SIP/2.0\r\nCall-ID: endless\r\nContent-Length: 10000000\r\n\r\n';
    const frames = [tcpPacket('10.0.0.1', '10.0.0.2', 40000, 5060, 0, '', TCP_FLAGS.SYN), tcpPacket('10.0.0.1', '10.0.0.2', 40000, 5060, 1, head)];
    let seq = 1 + head.length;
    for (let i = 0; i < 100; i++) {
      const chunk = 'y'.repeat(698) + '\r\n' + 'y'.repeat(698) + '\r\n';
      frames.push(tcpPacket('10.0.0.1', '10.0.0.2', 40000, 5060, seq, chunk));
      seq += chunk.length;
    }
    const after = sip('after-endless');
    frames.push(tcpPacket('10.0.0.1', '10.0.0.2', 40000, 5060, seq, after));
    const r = readCaptureSync(pcapFile(101, frames.map((data) => ({ data }))), { limits: { maxStreamBytes: 32 * 1024 } });
    expect(r.messages.map((m) => m.message?.callId)).toEqual(['after-endless']);
    expect(r.notes.map((n) => n.code)).toContain('CAPTURE_LIMIT_REACHED');
  });

  it('maxBufferedBytes across connections drops the least recently active', () => {
    const d = new SipPacketDecoder({ limits: { maxBufferedBytes: 100 * 1024, maxStreamBytes: 1024 * 1024 } });
    const out: CaptureEvent[] = [];
    const half = 'INVITE sip:a@b SIP/2.0\r\nContent-Length: 50000\r\n\r\n' + 'z'.repeat(20000);
    for (let i = 0; i < 40; i++) {
      d.push(frame(tcpPacket(`10.1.0.${i}`, '10.0.0.2', 40000, 5060, 1, half)), out);
      expect(d.held().bytes).toBeLessThanOrEqual(100 * 1024);
    }
    expect(out.some((e) => e.kind === 'note' && e.code === 'CAPTURE_LIMIT_REACHED')).toBe(true);
  });

  function fragment(id: number, off: number, more: boolean, data: Buffer, src = '10.9.0.1'): Buffer {
    return buildIPv4({ src: ipToBytes(src), dst: ipToBytes('10.9.0.2'), protocol: 17, id }, data, off, more);
  }

  it('IP fragments: a datagram that never completes is given up after the timeout or at the end', () => {
    const udp = buildUdp(ipToBytes('10.9.0.1'), ipToBytes('10.9.0.2'), 5060, 5060, Buffer.from(sip('frag-lost')));
    const r = readCaptureSync(
      pcapFile(101, [
        { data: fragment(1, 0, true, udp.subarray(0, 200)), sec: 100 },
        { data: fragment(2, 0, true, udp.subarray(0, 200)), sec: 200 }, // 100 s later: id 1 has timed out
        { data: fragment(1, 200, false, udp.subarray(200)), sec: 201 }, // too late for id 1
      ]),
    );
    expect(r.messages).toEqual([]);
    expect(r.notes.map((n) => n.code)).toEqual(['CAPTURE_IP_FRAGMENT_INCOMPLETE', 'CAPTURE_IP_FRAGMENT_INCOMPLETE', 'CAPTURE_IP_FRAGMENT_INCOMPLETE']);
    expect(r.notes[0]!.message).toMatch(/first fragment in frame 1/);
  });

  it('IP fragments: beyond 65,535 bytes, too many fragments, too many datagrams', () => {
    const piece = Buffer.alloc(64, 1);
    const d = new SipPacketDecoder({ limits: { maxFragmentsPerDatagram: 10, maxFragmentedDatagrams: 20 } });
    const out: CaptureEvent[] = [];
    d.push(frame(fragment(9, 65528, false, piece)), out);
    for (let i = 0; i < 12; i++) d.push(frame(fragment(10, i * 64, true, piece)), out);
    for (let i = 0; i < 100; i++) {
      d.push(frame(fragment(1000 + i, 0, true, piece)), out);
      expect(d.held().fragmentedDatagrams).toBeLessThanOrEqual(20);
    }
    const codes = new Set(out.map((e) => (e.kind === 'note' ? e.code : '')));
    expect([...codes].sort()).toEqual(['CAPTURE_IP_FRAGMENT_INVALID', 'CAPTURE_LIMIT_REACHED']);
  });

  it('notes of one kind are capped at 100, the rest counted', () => {
    const bad = Buffer.from([0x45, 0, 0, 10]);
    const frames = Array.from({ length: 300 }, (_, i) => ({ data: tcpPacket('10.0.0.1', '10.0.0.2', 1000 + i, 5061, 1, Buffer.from([0x16, 3, 1, 0, 5, 1, 2, 3, 4, 5])) }));
    const r = readCaptureSync(pcapFile(101, [...frames, { data: bad }]));
    const tls = r.notes.filter((n) => n.code === 'CAPTURE_TLS_ENCRYPTED');
    expect(tls.length).toBe(100);
    expect(tls[99]!.message).toMatch(/only counted/);
    expect(r.stats.notes).toBe(301);
  });

  it('a long run of small captures keeps nothing between them', () => {
    const cap = buildCapture((w) => w.tcp({ src: { address: '10.0.0.1', port: 1 }, dst: { address: '10.0.0.2', port: 2 }, payload: sip('x').slice(0, 50), time: 0 }));
    const r = readCaptureSync(cap);
    expect(r.notes.map((n) => n.code)).toEqual(['CAPTURE_TCP_INCOMPLETE_MESSAGE']);
    void ethernet;
  });
});
