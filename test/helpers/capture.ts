import { buildIPv4, buildIPv6, buildTcp, buildUdp, TCP_FLAGS } from '../../src/capture/packet-builder.js';
import { ipToBytes } from '../../src/capture/ip-address.js';

/**
 * Small builders for capture tests: SIP messages, IP/UDP/TCP packets, link-layer headers,
 * WebSocket frames, and pcap/pcapng files assembled byte by byte (so the reader is tested
 * against layouts the writer does not produce).
 */

export { TCP_FLAGS };

/** A SIP request or response with a correct Content-Length. */
export function sip(callId: string, opts: { status?: number; method?: string; body?: string; cseq?: number; extra?: string } = {}): string {
  const method = opts.method ?? 'INVITE';
  const start = opts.status ? `SIP/2.0 ${opts.status} ${opts.status === 200 ? 'OK' : 'Trying'}` : `${method} sip:bob@example.com SIP/2.0`;
  const body = opts.body ?? '';
  return (
    `${start}\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK${callId}${opts.cseq ?? 1}\r\nMax-Forwards: 70\r\n` +
    `From: <sip:alice@example.com>;tag=a${callId}\r\nTo: <sip:bob@example.com>${opts.status ? ';tag=b' : ''}\r\nCall-ID: ${callId}\r\n` +
    `CSeq: ${opts.cseq ?? 1} ${method}\r\nContact: <sip:alice@192.0.2.1>\r\n${opts.extra ?? ''}` +
    (body ? 'Content-Type: application/sdp\r\n' : '') +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

/** An SDP body of about `size` bytes (valid, padded with attribute lines). */
export function sdp(size = 200): string {
  let s = 'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n';
  let i = 0;
  while (s.length < size) s += `a=x-pad${i++}:${'p'.repeat(60)}\r\n`;
  return s;
}

export const A = { address: '192.0.2.1', port: 5060 };
export const B = { address: '198.51.100.2', port: 5060 };
export const A6 = { address: '2001:db8::1', port: 5060 };
export const B6 = { address: '2001:db8::2', port: 5060 };

/** An IP packet carrying UDP. */
export function udpPacket(src: string, dst: string, sport: number, dport: number, payload: Buffer | string, id = 1): Buffer {
  const s = ipToBytes(src);
  const d = ipToBytes(dst);
  const udp = buildUdp(s, d, sport, dport, Buffer.from(payload));
  return s.length === 4 ? buildIPv4({ src: s, dst: d, protocol: 17, id }, udp) : buildIPv6({ src: s, dst: d, protocol: 17, id }, udp);
}

/** An IP packet carrying one TCP segment. */
export function tcpPacket(src: string, dst: string, sport: number, dport: number, seq: number, payload: Buffer | string = '', flags = TCP_FLAGS.ACK | TCP_FLAGS.PSH, ack = 0): Buffer {
  const s = ipToBytes(src);
  const d = ipToBytes(dst);
  const tcp = buildTcp(s, d, { srcPort: sport, dstPort: dport, seq, ack, flags }, Buffer.from(payload));
  return s.length === 4 ? buildIPv4({ src: s, dst: d, protocol: 6, id: 1 }, tcp) : buildIPv6({ src: s, dst: d, protocol: 6, id: 1 }, tcp);
}

/** Ethernet header (+ VLAN tags given as TPIDs) in front of an IP packet. */
export function ethernet(ip: Buffer, vlanTpids: number[] = []): Buffer {
  const h = Buffer.alloc(12 + 4 * vlanTpids.length + 2);
  h.fill(0x11, 0, 6);
  h.fill(0x22, 6, 12);
  let o = 12;
  for (const [i, tpid] of vlanTpids.entries()) {
    h.writeUInt16BE(tpid, o);
    h.writeUInt16BE(100 + i, o + 2);
    o += 4;
  }
  h.writeUInt16BE(ip[0]! >> 4 === 4 ? 0x0800 : 0x86dd, o);
  return Buffer.concat([h, ip]);
}

/** Linux cooked capture v1 (LINKTYPE_LINUX_SLL, 113). */
export function sll(ip: Buffer): Buffer {
  const h = Buffer.alloc(16);
  h.writeUInt16BE(0, 0); // to us
  h.writeUInt16BE(1, 2); // ARPHRD_ETHER
  h.writeUInt16BE(6, 4);
  h.fill(0x33, 6, 12);
  h.writeUInt16BE(ip[0]! >> 4 === 4 ? 0x0800 : 0x86dd, 14);
  return Buffer.concat([h, ip]);
}

/** Linux cooked capture v2 (LINKTYPE_LINUX_SLL2, 276). */
export function sll2(ip: Buffer): Buffer {
  const h = Buffer.alloc(20);
  h.writeUInt16BE(ip[0]! >> 4 === 4 ? 0x0800 : 0x86dd, 0);
  h.writeUInt32BE(2, 4); // interface index
  h.writeUInt16BE(1, 8);
  h[10] = 4; // outgoing
  h[11] = 6;
  h.fill(0x44, 12, 18);
  return Buffer.concat([h, ip]);
}

/** BSD loopback (LINKTYPE_NULL 0 in host order, LINKTYPE_LOOP 108 in network order). */
export function nullHeader(ip: Buffer, family: number, littleEndian: boolean): Buffer {
  const h = Buffer.alloc(4);
  if (littleEndian) h.writeUInt32LE(family, 0);
  else h.writeUInt32BE(family, 0);
  return Buffer.concat([h, ip]);
}

/** One WebSocket frame (RFC 6455 §5.2); masked frames use a fixed key. */
export function wsFrame(opcode: number, payload: Buffer | string, opts: { fin?: boolean; mask?: boolean; rsv1?: boolean } = {}): Buffer {
  const data = Buffer.from(payload);
  const fin = opts.fin ?? true;
  const mask = opts.mask ?? false;
  const lenBytes = data.length < 126 ? 0 : data.length < 65536 ? 2 : 8;
  const h = Buffer.alloc(2 + lenBytes + (mask ? 4 : 0));
  h[0] = (fin ? 0x80 : 0) | (opts.rsv1 ? 0x40 : 0) | opcode;
  h[1] = (mask ? 0x80 : 0) | (lenBytes === 0 ? data.length : lenBytes === 2 ? 126 : 127);
  if (lenBytes === 2) h.writeUInt16BE(data.length, 2);
  if (lenBytes === 8) h.writeUInt32BE(data.length, 6);
  const out = Buffer.from(data);
  if (mask) {
    const key = Buffer.from([0x12, 0x34, 0x56, 0x78]);
    key.copy(h, h.length - 4);
    for (let i = 0; i < out.length; i++) out[i]! ^= key[i & 3]!;
  }
  return Buffer.concat([h, out]);
}

export interface RawFrame {
  data: Buffer;
  /** Seconds + microseconds (or nanoseconds for nano files). */
  sec?: number;
  frac?: number;
  origLen?: number;
}

/** A classic pcap file with any link type and byte order. */
export function pcapFile(linkType: number, frames: RawFrame[], opts: { littleEndian?: boolean; nano?: boolean } = {}): Buffer {
  const le = opts.littleEndian ?? true;
  const u32 = (b: Buffer, v: number, o: number): void => void (le ? b.writeUInt32LE(v, o) : b.writeUInt32BE(v, o));
  const u16 = (b: Buffer, v: number, o: number): void => void (le ? b.writeUInt16LE(v, o) : b.writeUInt16BE(v, o));
  const h = Buffer.alloc(24);
  u32(h, opts.nano ? 0xa1b23c4d : 0xa1b2c3d4, 0);
  u16(h, 2, 4);
  u16(h, 4, 6);
  u32(h, 262144, 16);
  u32(h, linkType, 20);
  const parts: Buffer[] = [h];
  for (const f of frames) {
    const r = Buffer.alloc(16);
    u32(r, f.sec ?? 1700000000, 0);
    u32(r, f.frac ?? 0, 4);
    u32(r, f.data.length, 8);
    u32(r, f.origLen ?? f.data.length, 12);
    parts.push(r, f.data);
  }
  return Buffer.concat(parts);
}

/** pcapng blocks, in either byte order. */
export class Pcapng {
  private readonly le: boolean;
  constructor(littleEndian = true) {
    this.le = littleEndian;
  }

  private u32(v: number): Buffer {
    const b = Buffer.alloc(4);
    if (this.le) b.writeUInt32LE(v >>> 0, 0);
    else b.writeUInt32BE(v >>> 0, 0);
    return b;
  }

  private u16(v: number): Buffer {
    const b = Buffer.alloc(2);
    if (this.le) b.writeUInt16LE(v, 0);
    else b.writeUInt16BE(v, 0);
    return b;
  }

  option(code: number, value: Buffer): Buffer {
    const pad = Buffer.alloc((4 - (value.length % 4)) % 4);
    return Buffer.concat([this.u16(code), this.u16(value.length), value, pad]);
  }

  block(type: number, body: Buffer): Buffer {
    const pad = Buffer.alloc((4 - (body.length % 4)) % 4);
    const len = 12 + body.length + pad.length;
    return Buffer.concat([this.u32(type), this.u32(len), body, pad, this.u32(len)]);
  }

  shb(): Buffer {
    return this.block(0x0a0d0d0a, Buffer.concat([this.u32(0x1a2b3c4d), this.u16(1), this.u16(0), this.u32(0xffffffff), this.u32(0xffffffff)]));
  }

  /** tsresol: the raw if_tsresol byte (6 = µs, 9 = ns, 0x80|20 = 2^-20 s); tsoffset in seconds. */
  idb(linkType: number, opts: { tsresol?: number; tsoffset?: number; snaplen?: number } = {}): Buffer {
    const opt: Buffer[] = [];
    if (opts.tsresol !== undefined) opt.push(this.option(9, Buffer.from([opts.tsresol])));
    if (opts.tsoffset !== undefined) {
      const v = Buffer.alloc(8);
      if (this.le) v.writeBigInt64LE(BigInt(opts.tsoffset), 0);
      else v.writeBigInt64BE(BigInt(opts.tsoffset), 0);
      opt.push(this.option(14, v));
    }
    if (opt.length) opt.push(Buffer.alloc(4));
    return this.block(1, Buffer.concat([this.u16(linkType), this.u16(0), this.u32(opts.snaplen ?? 0), ...opt]));
  }

  /** Enhanced packet block; ts in the interface's units. */
  epb(ifId: number, ts: bigint, data: Buffer, origLen = data.length): Buffer {
    return this.block(6, Buffer.concat([this.u32(ifId), this.u32(Number(ts >> 32n)), this.u32(Number(ts & 0xffffffffn)), this.u32(data.length), this.u32(origLen), data]));
  }

  spb(data: Buffer): Buffer {
    return this.block(3, Buffer.concat([this.u32(data.length), data]));
  }

  /** Obsolete packet block (type 2). */
  pb(ifId: number, ts: bigint, data: Buffer): Buffer {
    return this.block(2, Buffer.concat([this.u16(ifId), this.u16(0), this.u32(Number(ts >> 32n)), this.u32(Number(ts & 0xffffffffn)), this.u32(data.length), this.u32(data.length), data]));
  }
}
