import { parseMessage, readCaptureSync, type CaptureResult, type ReadCaptureOptions } from '../../src/index.js';
import { ethernet, pcapFile, sdp, sip, TCP_FLAGS, tcpPacket } from '../helpers/capture.js';

const C = '10.0.0.1';
const S = '10.0.0.2';
const ISN = 1000;

/** Segments of one direction (client → server) as [seq offset from ISN+1, payload, flags]. */
type Seg = [number, string | Buffer, number?];

function capture(segs: Seg[], opts: { syn?: boolean; options?: ReadCaptureOptions; isn?: number } = {}): CaptureResult {
  const isn = opts.isn ?? ISN;
  const frames = [];
  if (opts.syn ?? true) frames.push(tcpPacket(C, S, 40000, 5060, isn, '', TCP_FLAGS.SYN), tcpPacket(S, C, 5060, 40000, 7000, '', TCP_FLAGS.SYN | TCP_FLAGS.ACK, isn + 1));
  for (const [off, data, flags] of segs) frames.push(tcpPacket(C, S, 40000, 5060, (isn + 1 + off) >>> 0, data, flags ?? TCP_FLAGS.ACK | TCP_FLAGS.PSH));
  return readCaptureSync(pcapFile(1, frames.map((ip, i) => ({ data: ethernet(ip), sec: 1_700_000_000 + i }))), opts.options);
}

const ids = (r: CaptureResult): Array<string | undefined> => r.messages.map((m) => m.message?.callId);
const codes = (r: CaptureResult): string[] => r.notes.map((n) => n.code);

const m1 = sip('m1', { body: sdp(300) });
const m2 = sip('m2');
const m3 = sip('m3', { status: 200 });
const all = m1 + m2 + m3;

/** Cuts the stream into segments at the given offsets. */
function cut(text: string, at: number[]): Seg[] {
  const b = Buffer.from(text);
  const points = [0, ...at, b.length];
  return points.slice(0, -1).map((p, i) => [p, b.subarray(p, points[i + 1])]);
}

describe('TCP stream reassembly', () => {
  it('messages split anywhere, several per segment', () => {
    for (const points of [[1], [10, 500], [m1.length], [m1.length - 1, m1.length + 1], [3, 7, 100, 101, 102, 900, 901]]) {
      const r = capture(cut(all, points));
      expect(ids(r)).toEqual(['m1', 'm2', 'm3']);
      expect(r.messages.map((m) => m.bytes.toString())).toEqual([m1, m2, m3]);
      expect(r.notes).toEqual([]);
    }
  });

  it('reads each message as parseMessage reads its bytes, also when the framer parse is taken over (lazy reading)', () => {
    const bad = 'OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK9\r\nMax-Forwards: 7x\r\nTo: <sip:a@b>\r\nFrom: <sip:c@d>;tag=1\r\nCall-ID: m4\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n';
    const text = all + bad;
    const ends = [m1.length, m1.length + m2.length, all.length];
    // one message per segment (taken over), several per segment, split ones, keep-alives between
    for (const segs of [cut(text, ends), cut(text, [5, m1.length + 3]), cut(`\r\n\r\n${m1}\r\n${m2}`, [4, 4 + m1.length + 2])]) {
      for (const options of [{ validate: false }, {}]) {
        const r = capture(segs, { options });
        expect(r.messages.length).toBeGreaterThan(1);
        for (const m of r.messages) {
          const alone = parseMessage(m.bytes, { transport: 'stream', ...options });
          expect(m.problems).toEqual(alone.problems);
          const view = (x: typeof m.message) => x && { start: x.startLine, source: { ...x.source!, input: x.source!.input.toString('latin1') }, headers: x.headers.map((h) => [h.name, h.value, h.line, h.offset, h.valueProblems]), body: x.body.toString('latin1') };
          expect(view(m.message)).toEqual(view(alone.message));
          expect(m.message!.source!.input).toBe(m.bytes);
        }
      }
    }
  });

  it('names the frames that carried each message', () => {
    const r = capture(cut(all, [100, m1.length + 10]));
    // frames 1-2 are SYN and SYN-ACK; data in 3, 4, 5
    expect(r.messages.map((m) => m.frames)).toEqual([[3, 4], [4, 5], [5]]);
    expect(r.messages.map((m) => m.time.seconds - 1_700_000_000)).toEqual([3, 4, 4]);
  });

  it('out-of-order segments are put back in order', () => {
    const segs = cut(all, [200, 400, 600, 800]);
    const r = capture([segs[3]!, segs[1]!, segs[4]!, segs[0]!, segs[2]!]);
    expect(ids(r)).toEqual(['m1', 'm2', 'm3']);
    expect(r.notes).toEqual([]);
  });

  it('retransmissions, duplicates, overlaps and keep-alive probes are dropped', () => {
    const segs = cut(all, [200, 400, 600]);
    const overlap: Seg = [150, Buffer.from(all).subarray(150, 450)];
    const probe: Seg = [199, Buffer.from(all).subarray(199, 200)];
    const r = capture([segs[0]!, segs[0]!, probe, overlap, segs[1]!, segs[2]!, segs[1]!, segs[3]!, segs[3]!]);
    expect(ids(r)).toEqual(['m1', 'm2', 'm3']);
    expect(r.stats.tcpRetransmissions).toBe(5);
    expect(r.notes).toEqual([]);
  });

  it('sequence numbers that wrap around 2^32', () => {
    const r = capture(cut(all, [100, 300, 700]), { isn: 0xffffff00 });
    expect(ids(r)).toEqual(['m1', 'm2', 'm3']);
  });

  it('CRLF keep-alives between messages (RFC 5626)', () => {
    const r = capture(cut(`${m1}\r\n\r\n${m2}\r\n${m3}`, [m1.length + 2]));
    expect(ids(r)).toEqual(['m1', 'm2', 'm3']);
    expect(r.messages.map((m) => m.bytes.toString())).toEqual([m1, m2, m3]);
  });

  it('a missing segment: a gap note, and reading resumes at the next start line', () => {
    const segs = cut(all, [100, m1.length + m2.length - 50]);
    const r = capture([segs[0]!, segs[2]!]);
    expect(ids(r)).toEqual(['m3']);
    expect(codes(r)).toEqual(['CAPTURE_TCP_GAP']);
    expect(r.stats.tcpGaps).toBe(1);
    expect(r.notes[0]!.src).toEqual({ address: C, port: 40000, family: 4 });
  });

  it('too many out-of-order segments: the missing data becomes a gap before the end', () => {
    const segs = cut(all, Array.from({ length: 30 }, (_, i) => (i + 1) * 30));
    const r = capture(segs.slice(1), { options: { limits: { maxOutOfOrderSegments: 8 } } });
    expect(ids(r)).toEqual(['m2', 'm3']);
    expect(codes(r)).toEqual(['CAPTURE_TCP_GAP']);
  });

  it('a capture that starts mid-connection: bytes before the first start line are skipped', () => {
    const r = capture([[0, Buffer.from(all).subarray(200)]], { syn: false });
    expect(ids(r)).toEqual(['m2', 'm3']);
    expect(codes(r)).toEqual(['CAPTURE_TCP_MIDSTREAM']);
  });

  it('a connection without SYN that starts on a message boundary needs no note', () => {
    const r = capture(cut(all, [m1.length]), { syn: false });
    expect(ids(r)).toEqual(['m1', 'm2', 'm3']);
    expect(r.notes).toEqual([]);
  });

  it('a stream that ends inside a message', () => {
    const r = capture([[0, all.slice(0, all.length - 20)]]);
    expect(ids(r)).toEqual(['m1', 'm2']);
    expect(codes(r)).toEqual(['CAPTURE_TCP_INCOMPLETE_MESSAGE']);
  });

  it('FIN ends the stream; a RST drops what is unfinished', () => {
    const fin = capture([[0, all], [all.length, '', TCP_FLAGS.FIN | TCP_FLAGS.ACK]]);
    expect(ids(fin)).toEqual(['m1', 'm2', 'm3']);
    expect(fin.notes).toEqual([]);
    const rst = capture([[0, m1 + m2.slice(0, 40)], [m1.length + 40, '', TCP_FLAGS.RST]]);
    expect(ids(rst)).toEqual(['m1']);
    expect(codes(rst)).toEqual(['CAPTURE_TCP_INCOMPLETE_MESSAGE']);
  });

  it('a new SYN on the same 4-tuple starts a new stream', () => {
    const frames = [
      tcpPacket(C, S, 40000, 5060, 100, '', TCP_FLAGS.SYN),
      tcpPacket(C, S, 40000, 5060, 101, m1.slice(0, 50)),
      tcpPacket(C, S, 40000, 5060, 5000, '', TCP_FLAGS.SYN),
      tcpPacket(C, S, 40000, 5060, 5001, m2),
    ];
    const r = readCaptureSync(pcapFile(101, frames.map((data) => ({ data }))));
    expect(ids(r)).toEqual(['m2']);
    expect(codes(r)).toEqual(['CAPTURE_TCP_INCOMPLETE_MESSAGE']);
    expect(r.stats.tcpConnections).toBe(2);
  });

  it('data after the SYN (TCP Fast Open) is read', () => {
    const r = readCaptureSync(pcapFile(101, [{ data: tcpPacket(C, S, 40000, 5060, 100, m2, TCP_FLAGS.SYN) }]));
    expect(ids(r)).toEqual(['m2']);
  });

  it('a message without Content-Length on a stream: framing is lost, reading resumes at the next start line', () => {
    const noLength = m2.replace(/Content-Length: 0\r\n/, '');
    const r = capture(cut(m1 + noLength + 'v=0\r\nsome body\r\n' + m3, []));
    expect(ids(r)).toEqual(['m1', 'm2', 'm3']);
    expect(codes(r)).toEqual(['CAPTURE_TCP_FRAMING_LOST']);
    expect(r.messages[1]!.problems.map((p) => p.code)).toContain('SIP_CONTENT_LENGTH_MISSING');
  });

  it('a stream that is not SIP is ignored; TLS is noted once per connection', () => {
    const http = capture([[0, 'GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n']]);
    expect(http.messages).toEqual([]);
    expect(http.notes).toEqual([]);
    const hello = Buffer.from([0x16, 0x03, 0x01, 0x00, 0x20, ...Buffer.alloc(32, 1)]);
    const tls = capture([[0, hello], [37, Buffer.from([0x17, 0x03, 0x03, 0x00, 0x05, 1, 2, 3, 4, 5])]]);
    expect(tls.messages).toEqual([]);
    expect(tls.notes.map((n) => [n.code, n.severity, n.dst?.port])).toEqual([['CAPTURE_TLS_ENCRYPTED', 'info', 5060]]);
  });

  it('a segment cut by the snap length becomes a gap', () => {
    const frames = [tcpPacket(C, S, 40000, 5060, 100, '', TCP_FLAGS.SYN), tcpPacket(C, S, 40000, 5060, 101, m1 + m2), tcpPacket(C, S, 40000, 5060, 101 + m1.length + m2.length, m3)];
    const cutAt = 40 + m1.length + 100;
    const r = readCaptureSync(pcapFile(101, [{ data: frames[0]! }, { data: frames[1]!.subarray(0, cutAt), origLen: frames[1]!.length }, { data: frames[2]! }]));
    expect(ids(r)).toEqual(['m1', 'm3']);
    expect(codes(r)).toEqual(['CAPTURE_TCP_GAP']);
  });

  it('both directions of a connection, with their own addresses', () => {
    const frames = [
      tcpPacket(C, S, 40000, 5060, 100, '', TCP_FLAGS.SYN),
      tcpPacket(S, C, 5060, 40000, 900, '', TCP_FLAGS.SYN | TCP_FLAGS.ACK),
      tcpPacket(C, S, 40000, 5060, 101, m1),
      tcpPacket(S, C, 5060, 40000, 901, m3),
    ];
    const r = readCaptureSync(pcapFile(101, frames.map((data) => ({ data }))));
    expect(r.messages.map((m) => [m.message?.callId, m.src.port, m.dst.port])).toEqual([
      ['m1', 40000, 5060],
      ['m3', 5060, 40000],
    ]);
  });
});

describe('TCP streams that start with keep-alives', () => {
  it('CRLF keep-alives before the first message are skipped, not held', () => {
    const segs: Seg[] = [];
    let off = 0;
    for (let i = 0; i < 500; i++) {
      segs.push([off, '\r\n\r\n']);
      off += 4;
    }
    segs.push([off, m2]);
    const r = capture(segs);
    expect(ids(r)).toEqual(['m2']);
    expect(r.messages[0]!.frames).toEqual([2 + 500 + 1]);
  });
});
