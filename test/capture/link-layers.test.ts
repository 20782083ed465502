import { readCaptureSync } from '../../src/index.js';
import { ethernet, nullHeader, pcapFile, sip, sll, sll2, udpPacket } from '../helpers/capture.js';

const v4 = udpPacket('203.0.113.7', '203.0.113.8', 5060, 5080, sip('link-v4'));
const v6 = udpPacket('2001:db8::7', '2001:db8::8', 5060, 5080, sip('link-v6'));

function read(linkType: number, data: Buffer): Array<[string | undefined, string]> {
  const r = readCaptureSync(pcapFile(linkType, [{ data }]));
  expect(r.error).toBeUndefined();
  return r.messages.map((m) => [m.message?.callId, m.src.address]);
}

describe('link layers', () => {
  it.each<[string, number, Buffer, Buffer]>([
    ['Ethernet', 1, ethernet(v4), ethernet(v6)],
    ['Ethernet with an 802.1Q tag', 1, ethernet(v4, [0x8100]), ethernet(v6, [0x8100])],
    ['Ethernet with QinQ (802.1ad + 802.1Q)', 1, ethernet(v4, [0x88a8, 0x8100]), ethernet(v6, [0x9100, 0x8100])],
    ['Linux cooked SLL', 113, sll(v4), sll(v6)],
    ['Linux cooked SLL2', 276, sll2(v4), sll2(v6)],
    ['raw IP (101)', 101, v4, v6],
    ['raw IP (12)', 12, v4, v6],
    ['raw IP (14)', 14, v4, v6],
    ['null, little-endian (AF_INET 2, AF_INET6 30)', 0, nullHeader(v4, 2, true), nullHeader(v6, 30, true)],
    ['null, big-endian (AF_INET6 24)', 0, nullHeader(v4, 2, false), nullHeader(v6, 24, false)],
    ['loop (network order; AF_INET6 28)', 108, nullHeader(v4, 2, false), nullHeader(v6, 28, false)],
    ['null with the Linux AF_INET6 (10)', 0, nullHeader(v4, 2, true), nullHeader(v6, 10, true)],
  ])('%s', (_, linkType, a, b) => {
    expect(read(linkType, a)).toEqual([['link-v4', '203.0.113.7']]);
    expect(read(linkType, b)).toEqual([['link-v6', '2001:db8::7']]);
  });

  it('LINKTYPE_IPV4 (228) and LINKTYPE_IPV6 (229)', () => {
    expect(read(228, v4)).toEqual([['link-v4', '203.0.113.7']]);
    expect(read(229, v6)).toEqual([['link-v6', '2001:db8::7']]);
  });

  it('skips frames that carry no IP (ARP, LLC) and counts them', () => {
    const arp = Buffer.concat([Buffer.alloc(12, 0xff), Buffer.from([0x08, 0x06]), Buffer.alloc(28)]);
    const llc = Buffer.concat([Buffer.alloc(12, 0xff), Buffer.from([0x00, 0x26]), Buffer.alloc(38)]);
    const r = readCaptureSync(pcapFile(1, [{ data: arp }, { data: llc }, { data: ethernet(v4) }]));
    expect(r.messages.map((m) => m.frames)).toEqual([[3]]);
    expect(r.stats.framesSkipped).toBe(2);
    expect(r.notes).toEqual([]);
  });

  it('notes an unsupported link type once', () => {
    const r = readCaptureSync(pcapFile(9, [{ data: v4 }, { data: v4 }]));
    expect(r.messages).toEqual([]);
    expect(r.notes.map((n) => [n.code, n.severity])).toEqual([['CAPTURE_LINK_TYPE_UNSUPPORTED', 'warning']]);
  });

  it('IPv4 options are skipped; Ethernet padding is cut by the IP total length', () => {
    const opt = Buffer.from(v4);
    const withOpts = Buffer.concat([opt.subarray(0, 20), Buffer.from([1, 1, 1, 0]), opt.subarray(20)]);
    withOpts[0] = 0x46;
    withOpts.writeUInt16BE(withOpts.length, 2);
    const padded = Buffer.concat([ethernet(withOpts), Buffer.alloc(30, 0xee)]);
    const r = readCaptureSync(pcapFile(1, [{ data: padded }]));
    expect(r.messages[0]!.bytes.toString()).toBe(sip('link-v4'));
  });

  it('IPv6 extension headers (hop-by-hop, routing, destination options) before UDP', () => {
    const p = Buffer.from(v6);
    const ext = Buffer.concat([
      Buffer.from([43, 0, 0, 0, 0, 0, 0, 0]), // hop-by-hop → routing
      Buffer.from([60, 0, 0, 0, 0, 0, 0, 0]), // routing → destination options
      Buffer.from([17, 1, 1, 4, 0, 0, 0, 0, 1, 4, 0, 0, 0, 0, 0, 0]), // destination options (16 bytes) → UDP
    ]);
    const out = Buffer.concat([p.subarray(0, 40), ext, p.subarray(40)]);
    out[6] = 0;
    out.writeUInt16BE(p.length - 40 + ext.length, 4);
    expect(read(101, out)).toEqual([['link-v6', '2001:db8::7']]);
  });

  it('malformed IP headers are noted once per reason and skipped', () => {
    const bad = Buffer.from(v4);
    bad[0] = 0x43; // header length 12
    const r = readCaptureSync(pcapFile(101, [{ data: bad }, { data: bad }, { data: Buffer.from([0x45, 0]) }, { data: v4 }]));
    expect(r.messages.length).toBe(1);
    expect(r.notes.map((n) => n.code)).toEqual(['CAPTURE_PACKET_MALFORMED', 'CAPTURE_PACKET_MALFORMED']);
    expect(r.stats.packetsMalformed).toBe(3);
  });

  it('UDP payloads that are not SIP are ignored (RTP, STUN, keep-alives, HTTP)', () => {
    const rtp = udpPacket('203.0.113.7', '203.0.113.8', 4000, 4002, Buffer.concat([Buffer.from([0x80, 0x00]), Buffer.alloc(170)]));
    const crlf = udpPacket('203.0.113.7', '203.0.113.8', 5060, 5060, '\r\n\r\n');
    const http = udpPacket('203.0.113.7', '203.0.113.8', 5060, 5060, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const r = readCaptureSync(pcapFile(101, [{ data: rtp }, { data: crlf }, { data: http }, { data: v4 }]));
    expect(r.messages.map((m) => m.frames[0])).toEqual([4]);
    expect(r.stats.udpDatagrams).toBe(4);
  });

  it('a frame cut by the snap length gives a truncated message and a note', () => {
    const full = ethernet(v4);
    const r = readCaptureSync(pcapFile(1, [{ data: full.subarray(0, 200), origLen: full.length }, { data: full.subarray(0, 200), origLen: full.length }]));
    expect(r.messages.map((m) => [m.truncated, m.bytes.length])).toEqual([
      [true, 200 - 42],
      [true, 200 - 42],
    ]);
    expect(r.notes.map((n) => n.code)).toEqual(['CAPTURE_FRAME_TRUNCATED']);
    expect(r.stats.framesTruncated).toBe(2);
  });
});
