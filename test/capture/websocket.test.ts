import { createDeflateRaw, deflateRawSync, constants } from 'node:zlib';
import { readCaptureSync, type CaptureResult } from '../../src/index.js';
import { ethernet, pcapFile, sip, TCP_FLAGS, tcpPacket, wsFrame } from '../helpers/capture.js';

const C = '192.0.2.50';
const S = '192.0.2.80';
const UPGRADE = 'GET / HTTP/1.1\r\nHost: sip.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: sip\r\nSec-WebSocket-Version: 13\r\n\r\n';
const accept = (ext = ''): string => `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: sip\r\n${ext}\r\n`;

/** A WebSocket connection: the client's and the server's stream, each cut into segments. */
function ws(client: Buffer[], server: Buffer[], handshake = true): CaptureResult {
  const frames: Buffer[] = [tcpPacket(C, S, 50000, 443, 10, '', TCP_FLAGS.SYN), tcpPacket(S, C, 443, 50000, 90, '', TCP_FLAGS.SYN | TCP_FLAGS.ACK)];
  let cs = 11;
  let ss = 91;
  const c = handshake ? [Buffer.from(UPGRADE), ...client] : client;
  const s = handshake ? [Buffer.from(accept()), ...server] : server;
  // the handshake goes first in each direction, then client and server data alternate
  for (let i = 0; i < Math.max(c.length, s.length); i++) {
    if (c[i]) {
      frames.push(tcpPacket(C, S, 50000, 443, cs, c[i]!));
      cs += c[i]!.length;
    }
    if (s[i]) {
      frames.push(tcpPacket(S, C, 443, 50000, ss, s[i]!));
      ss += s[i]!.length;
    }
  }
  return readCaptureSync(pcapFile(1, frames.map((ip) => ({ data: ethernet(ip) }))));
}

const reg = sip('ws-1', { method: 'REGISTER' });
const ok = sip('ws-1', { method: 'REGISTER', status: 200 });

describe('SIP over WebSocket (RFC 7118 over RFC 6455)', () => {
  it('after an HTTP upgrade: masked client text frames, unmasked server frames', () => {
    const r = ws([wsFrame(1, reg, { mask: true })], [wsFrame(1, ok)]);
    expect(r.notes).toEqual([]);
    expect(r.messages.map((m) => [m.message?.callId, m.transport, m.src.port])).toEqual([
      ['ws-1', 'ws', 50000],
      ['ws-1', 'ws', 443],
    ]);
    expect(r.messages[0]!.bytes.toString()).toBe(reg);
    expect(r.stats.webSocketMessages).toBe(2);
  });

  it('binary frames, 16-bit lengths, several frames in one segment and frames split over segments', () => {
    const big = sip('ws-big', { body: 'v=0\r\n' + 'a=x\r\n'.repeat(100) });
    const stream = Buffer.concat([wsFrame(2, big, { mask: true }), wsFrame(1, reg, { mask: true }), wsFrame(2, sip('ws-3'), { mask: true })]);
    const r = ws([stream.subarray(0, 3), stream.subarray(3, 700), stream.subarray(700)], []);
    expect(r.messages.map((m) => m.message?.callId)).toEqual(['ws-big', 'ws-1', 'ws-3']);
    expect(r.messages[0]!.bytes.toString()).toBe(big);
    // frames: 1-2 handshake, 3 upgrade, 4 101, then the three data segments (5, 6, 7)
    const firstEnd = wsFrame(2, big).length + 4;
    expect(r.messages[0]!.frames).toEqual(firstEnd <= 700 ? [5, 6] : [5, 6, 7]);
    expect(r.messages[2]!.frames).toEqual([7]);
  });

  it('a message fragmented into continuation frames, with a ping in between', () => {
    const b = Buffer.from(reg);
    const frames = [wsFrame(1, b.subarray(0, 100), { fin: false, mask: true }), wsFrame(9, 'ping', { mask: true }), wsFrame(0, b.subarray(100, 200), { fin: false, mask: true }), wsFrame(0, b.subarray(200), { mask: true })];
    const r = ws(frames, [wsFrame(10, 'ping'), wsFrame(1, ok)]);
    expect(r.messages.map((m) => [m.message?.callId, m.src.port])).toEqual([
      ['ws-1', 443],
      ['ws-1', 50000],
    ]);
    expect(r.messages[1]!.bytes.toString()).toBe(reg);
    expect(r.notes).toEqual([]);
  });

  it('non-SIP WebSocket messages are ignored; a close frame ends the stream', () => {
    const r = ws([wsFrame(1, '{"json":true}', { mask: true }), wsFrame(1, reg, { mask: true }), wsFrame(8, Buffer.from([3, 232]), { mask: true }), wsFrame(1, sip('after-close'), { mask: true })], []);
    expect(r.messages.map((m) => m.message?.callId)).toEqual(['ws-1']);
  });

  it('a capture that starts after the handshake: frames whose payload is SIP are recognised', () => {
    const r = ws([wsFrame(1, reg, { mask: true })], [wsFrame(1, ok)], false);
    expect(r.messages.map((m) => m.transport)).toEqual(['ws', 'ws']);
  });

  it('permessage-deflate without context takeover', () => {
    const compress = (s: string): Buffer => {
      const d = deflateRawSync(Buffer.from(s), { finishFlush: constants.Z_SYNC_FLUSH });
      return d.subarray(0, d.length - 4);
    };
    const frames: Buffer[] = [tcpPacket(C, S, 50000, 443, 10, '', TCP_FLAGS.SYN), tcpPacket(S, C, 443, 50000, 90, '', TCP_FLAGS.SYN | TCP_FLAGS.ACK)];
    const up = Buffer.from(UPGRADE);
    const acc = Buffer.from(accept('Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover; server_no_context_takeover\r\n'));
    const c1 = wsFrame(1, compress(reg), { mask: true, rsv1: true });
    const c2 = wsFrame(1, compress(sip('ws-2')), { mask: true, rsv1: true });
    frames.push(tcpPacket(C, S, 50000, 443, 11, up), tcpPacket(S, C, 443, 50000, 91, acc), tcpPacket(C, S, 50000, 443, 11 + up.length, Buffer.concat([c1, c2])));
    const r = readCaptureSync(pcapFile(101, frames.map((data) => ({ data }))));
    expect(r.notes).toEqual([]);
    expect(r.messages.map((m) => m.bytes.toString())).toEqual([reg, sip('ws-2')]);
  });

  it('permessage-deflate with context takeover (back-references into earlier messages)', async () => {
    const z = createDeflateRaw();
    const chunks: Buffer[] = [];
    z.on('data', (c: Buffer) => chunks.push(c));
    const compressed: Buffer[] = [];
    for (const m of [reg, reg.replaceAll('ws-1', 'ws-9'), ok]) {
      z.write(m);
      await new Promise<void>((done) => z.flush(constants.Z_SYNC_FLUSH, () => done()));
      const all = Buffer.concat(chunks.splice(0));
      compressed.push(all.subarray(0, all.length - 4));
    }
    z.close();
    // later messages reuse the window: they are much smaller than the first
    expect(compressed[1]!.length).toBeLessThan(compressed[0]!.length / 3);
    const up = Buffer.from(UPGRADE);
    const acc = Buffer.from(accept('Sec-WebSocket-Extensions: permessage-deflate\r\n'));
    const data = Buffer.concat(compressed.map((c) => wsFrame(1, c, { mask: true, rsv1: true })));
    const frames = [tcpPacket(C, S, 50000, 443, 10, '', TCP_FLAGS.SYN), tcpPacket(C, S, 50000, 443, 11, up), tcpPacket(S, C, 443, 50000, 91, acc), tcpPacket(C, S, 50000, 443, 11 + up.length, data)];
    const r = readCaptureSync(pcapFile(101, frames.map((d) => ({ data: d }))));
    expect(r.notes).toEqual([]);
    expect(r.messages.map((m) => m.message?.callId)).toEqual(['ws-1', 'ws-9', 'ws-1']);
    expect(r.messages[2]!.bytes.toString()).toBe(ok);
  });

  it.each<[string, Buffer]>([
    ['a compressed frame without a negotiated extension', wsFrame(1, 'xx', { rsv1: true, mask: true })],
    ['a continuation frame with nothing to continue', wsFrame(0, 'xx', { mask: true })],
    ['a reserved opcode', wsFrame(3, 'xx', { mask: true })],
    ['a fragmented control frame', wsFrame(9, 'xx', { fin: false, mask: true })],
  ])('%s: a note, and the rest of that stream is skipped', (_, bad) => {
    const r = ws([wsFrame(1, reg, { mask: true }), bad, wsFrame(1, sip('lost'), { mask: true })], [wsFrame(1, ok)]);
    expect(r.messages.map((m) => [m.message?.callId, m.src.port])).toEqual([
      ['ws-1', 50000],
      ['ws-1', 443],
    ]);
    expect(r.notes.map((n) => n.code)).toEqual(['CAPTURE_WEBSOCKET_PROBLEM']);
  });

  it('an HTTP exchange without an upgrade is not read', () => {
    const r = ws([], [], false);
    expect(r.messages).toEqual([]);
    const plain = readCaptureSync(
      pcapFile(101, [
        { data: tcpPacket(C, S, 50000, 80, 10, '', TCP_FLAGS.SYN) },
        { data: tcpPacket(C, S, 50000, 80, 11, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n') },
        { data: tcpPacket(S, C, 80, 50000, 90, '', TCP_FLAGS.SYN | TCP_FLAGS.ACK) },
        { data: tcpPacket(S, C, 80, 50000, 91, 'HTTP/1.1 200 OK\r\nContent-Length: 300\r\n\r\n' + sip('in-html')) },
      ]),
    );
    expect(plain.messages).toEqual([]);
    expect(plain.notes).toEqual([]);
  });
});
