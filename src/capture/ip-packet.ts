/** An IPv4 or IPv6 packet with its upper-layer payload located (extension headers skipped). */
export interface IpPacket {
  version: 4 | 6;
  /**
   * The source address then the destination address (4 or 16 bytes each) at `addrAt` in `addr`
   * (the frame itself: no view made per packet); see ipSrcAt/ipDstAt.
   */
  addr: Buffer;
  addrAt: number;
  /** Upper-layer protocol: 6 TCP, 17 UDP, ... (for a non-first fragment: what the datagram carries). */
  protocol: number;
  /** The captured upper-layer bytes (or fragment data), cut to the IP length (no Ethernet padding). */
  payload: Buffer;
  /** Length the IP header declares for them; more than payload.length when the snap length cut the frame. */
  declaredLength: number;
  /** Set for a fragment: its byte offset in the datagram, whether more follow, and the id. */
  fragment: { offset: number; more: boolean; id: number } | undefined;
}

/** Bytes of one address of the packet's IP version. */
export function ipAddrLength(pkt: IpPacket): number {
  return pkt.version === 4 ? 4 : 16;
}

/** Where the packet's source or destination address starts in `pkt.addr`. */
export function ipAddrAt(pkt: IpPacket, which: 'src' | 'dst'): number {
  return which === 'src' ? pkt.addrAt : pkt.addrAt + ipAddrLength(pkt);
}

export const IP_PROTO = { TCP: 6, UDP: 17 } as const;

/** IPv6 extension headers skipped on the way to the upper layer (RFC 8200 §4). */
const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AH = 51;
const DEST_OPTS = 60;
const MOBILITY = 135;

/** Why a packet could not be decoded, for the CAPTURE_PACKET_MALFORMED note; or the packet. */
export type IpResult = IpPacket | string;

/** Parses the IP header at d[at..]; returns a reason string when it is malformed. */
export function parseIp(d: Buffer, at: number): IpResult {
  const avail = d.length - at;
  if (avail < 1) return 'empty IP packet';
  const v = d[at]! >> 4;
  if (v === 4) return parseIPv4(d, at, avail);
  if (v === 6) return parseIPv6(d, at, avail);
  return `IP version ${v}`;
}

function parseIPv4(d: Buffer, at: number, avail: number): IpResult {
  if (avail < 20) return 'IPv4 header cut short';
  const ihl = (d[at]! & 15) * 4;
  if (ihl < 20) return `IPv4 header length ${ihl} is below 20`;
  if (avail < ihl) return 'IPv4 options cut short';
  let total = d.readUInt16BE(at + 2);
  // 0 is what segmentation offload leaves in captures of outgoing packets: use what was captured
  if (total === 0) total = avail;
  if (total < ihl) return `IPv4 total length ${total} is below the header length ${ihl}`;
  const frag = d.readUInt16BE(at + 6);
  const more = (frag & 0x2000) !== 0;
  const offset = (frag & 0x1fff) * 8;
  const end = at + Math.min(total, avail);
  return {
    version: 4,
    addr: d,
    addrAt: at + 12,
    protocol: d[at + 9]!,
    payload: d.subarray(at + ihl, end),
    declaredLength: total - ihl,
    fragment: more || offset > 0 ? { offset, more, id: d.readUInt16BE(at + 4) } : undefined,
  };
}

function parseIPv6(d: Buffer, at: number, avail: number): IpResult {
  if (avail < 40) return 'IPv6 header cut short';
  const plen = d.readUInt16BE(at + 4);
  const declaredEnd = plen === 0 ? d.length : at + 40 + plen; // 0: a jumbogram (RFC 2675) or offload
  const end = Math.min(declaredEnd, d.length);
  const pkt: IpPacket = {
    version: 6,
    addr: d,
    addrAt: at + 8,
    protocol: d[at + 6]!,
    payload: d.subarray(at + 40, end),
    declaredLength: declaredEnd - at - 40,
    fragment: undefined,
  };
  const bad = skipIPv6Extensions(pkt);
  return bad ?? pkt;
}

/**
 * Walks IPv6 extension headers from pkt.protocol, moving pkt.payload past them. Stops at a
 * fragment header (the rest is fragment data) and at the upper layer. Returns a reason when an
 * extension header runs past the packet.
 */
export function skipIPv6Extensions(pkt: IpPacket): string | undefined {
  let p = pkt.payload;
  let next = pkt.protocol;
  let declared = pkt.declaredLength;
  for (let n = 0; n < 32; n++) {
    if (next === HOP_BY_HOP || next === ROUTING || next === DEST_OPTS || next === MOBILITY || next === AH) {
      if (p.length < 8) return 'IPv6 extension header cut short';
      const len = next === AH ? (p[1]! + 2) * 4 : (p[1]! + 1) * 8;
      if (len > p.length) return 'IPv6 extension header runs past the packet';
      next = p[0]!;
      p = p.subarray(len);
      declared -= len;
    } else if (next === FRAGMENT) {
      if (p.length < 8) return 'IPv6 fragment header cut short';
      const off = p.readUInt16BE(2);
      pkt.fragment = { offset: off & 0xfff8, more: (off & 1) !== 0, id: p.readUInt32BE(4) };
      next = p[0]!;
      p = p.subarray(8);
      declared -= 8;
      // an atomic fragment (offset 0, no more: RFC 6946) is a whole packet
      if (pkt.fragment.offset === 0 && !pkt.fragment.more) pkt.fragment = undefined;
      else break;
    } else {
      break;
    }
  }
  pkt.protocol = next;
  pkt.payload = p;
  pkt.declaredLength = declared;
  return undefined;
}
