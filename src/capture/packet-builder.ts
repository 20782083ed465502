import { internetChecksum, pseudoHeader } from './checksum.js';

/**
 * Builders for the packets the pcap writer emits: UDP and TCP over IPv4/IPv6 with correct
 * lengths and checksums, IP fragments, and Ethernet framing.
 */

export const TCP_FLAGS = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

export interface TcpFields {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: number;
  window?: number;
  /** Maximum segment size option (sent on SYNs). */
  mss?: number;
}

/** A UDP header + payload with its checksum (mandatory over IPv6; 0 is sent as 0xffff). */
export function buildUdp(src: Buffer, dst: Buffer, srcPort: number, dstPort: number, payload: Buffer): Buffer {
  const u = Buffer.alloc(8 + payload.length);
  u.writeUInt16BE(srcPort, 0);
  u.writeUInt16BE(dstPort, 2);
  u.writeUInt16BE(u.length, 4);
  payload.copy(u, 8);
  const c = internetChecksum(pseudoHeader(src, dst, 17, u.length), u);
  u.writeUInt16BE(c === 0 ? 0xffff : c, 6);
  return u;
}

/** A TCP header (with an MSS option when asked) + payload, checksummed. */
export function buildTcp(src: Buffer, dst: Buffer, f: TcpFields, payload: Buffer): Buffer {
  const hlen = f.mss !== undefined ? 24 : 20;
  const t = Buffer.alloc(hlen + payload.length);
  t.writeUInt16BE(f.srcPort, 0);
  t.writeUInt16BE(f.dstPort, 2);
  t.writeUInt32BE(f.seq >>> 0, 4);
  t.writeUInt32BE(f.ack >>> 0, 8);
  t[12] = (hlen / 4) << 4;
  t[13] = f.flags;
  t.writeUInt16BE(f.window ?? 65535, 14);
  if (f.mss !== undefined) {
    t[20] = 2;
    t[21] = 4;
    t.writeUInt16BE(f.mss, 22);
  }
  payload.copy(t, hlen);
  t.writeUInt16BE(internetChecksum(pseudoHeader(src, dst, 6, t.length), t), 16);
  return t;
}

export interface IpFields {
  src: Buffer;
  dst: Buffer;
  protocol: number;
  /** IPv4 identification / IPv6 fragment id. */
  id: number;
  ttl?: number;
  dontFragment?: boolean;
}

/** An IPv4 header (with checksum) in front of data; fragment offset in bytes. */
export function buildIPv4(f: IpFields, data: Buffer, fragmentOffset = 0, moreFragments = false): Buffer {
  const p = Buffer.alloc(20 + data.length);
  p[0] = 0x45;
  p.writeUInt16BE(p.length, 2);
  p.writeUInt16BE(f.id & 0xffff, 4);
  p.writeUInt16BE((f.dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0) | (fragmentOffset >> 3), 6);
  p[8] = f.ttl ?? 64;
  p[9] = f.protocol;
  f.src.copy(p, 12);
  f.dst.copy(p, 16);
  p.writeUInt16BE(internetChecksum(p.subarray(0, 20)), 10);
  data.copy(p, 20);
  return p;
}

/** An IPv6 header in front of data; with a fragment offset or more-fragments a fragment header (RFC 8200 §4.5) is added. */
export function buildIPv6(f: IpFields, data: Buffer, fragment?: { offset: number; more: boolean }): Buffer {
  const ext = fragment ? 8 : 0;
  const p = Buffer.alloc(40 + ext + data.length);
  p.writeUInt32BE(0x60000000, 0);
  p.writeUInt16BE(ext + data.length, 4);
  p[6] = fragment ? 44 : f.protocol;
  p[7] = f.ttl ?? 64;
  f.src.copy(p, 8);
  f.dst.copy(p, 24);
  if (fragment) {
    p[40] = f.protocol;
    p.writeUInt16BE(fragment.offset | (fragment.more ? 1 : 0), 42);
    p.writeUInt32BE(f.id >>> 0, 44);
  }
  data.copy(p, 40 + ext);
  return p;
}

/**
 * IP packets carrying `data` (an upper-layer header + payload), fragmented so that no packet
 * exceeds `mtu` bytes (mtu 0: never fragment).
 */
export function buildIpPackets(f: IpFields, data: Buffer, mtu: number): Buffer[] {
  const v4 = f.src.length === 4;
  const header = v4 ? 20 : 40;
  if (mtu <= 0 || header + data.length <= mtu) return [v4 ? buildIPv4(f, data) : buildIPv6(f, data)];
  const per = Math.max(8, (mtu - header - (v4 ? 0 : 8)) & ~7);
  const out: Buffer[] = [];
  for (let off = 0; off < data.length; off += per) {
    const piece = data.subarray(off, off + per);
    const more = off + per < data.length;
    out.push(v4 ? buildIPv4({ ...f, dontFragment: false }, piece, off, more) : buildIPv6(f, piece, { offset: off, more }));
  }
  return out;
}

/** A locally administered MAC address derived from an IP address, stable per host. */
export function macFor(ip: Buffer): Buffer {
  let h = 0x811c9dc5;
  for (const b of ip) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  const mac = Buffer.alloc(6);
  mac[0] = 0x02;
  mac[1] = 0x00;
  mac.writeUInt32BE(h, 2);
  return mac;
}

/** An Ethernet II frame around an IP packet. */
export function buildEthernet(srcIp: Buffer, dstIp: Buffer, ipPacket: Buffer): Buffer {
  const e = Buffer.alloc(14 + ipPacket.length);
  macFor(dstIp).copy(e, 0);
  macFor(srcIp).copy(e, 6);
  e.writeUInt16BE(srcIp.length === 4 ? 0x0800 : 0x86dd, 12);
  ipPacket.copy(e, 14);
  return e;
}
