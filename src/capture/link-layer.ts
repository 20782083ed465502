/**
 * Link-layer headers in front of IP, by LINKTYPE_* value (https://www.tcpdump.org/linktypes.html).
 */
export const LINK_TYPES = {
  NULL: 0,
  ETHERNET: 1,
  RAW_12: 12,
  RAW_14: 14,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

const SUPPORTED = new Set<number>(Object.values(LINK_TYPES));

/** True for the link types whose frames the reader decodes. */
export function isSupportedLinkType(linkType: number): boolean {
  return SUPPORTED.has(linkType);
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;

/** Follows 802.1Q / 802.1ad (QinQ) / old 0x9100 VLAN tags; returns the IP offset or -1. */
function afterEthertype(d: Buffer, typeAt: number): number {
  for (let tags = 0; typeAt + 2 <= d.length && tags < 8; tags++) {
    const t = (d[typeAt]! << 8) | d[typeAt + 1]!;
    if (t === ETHERTYPE_IPV4 || t === ETHERTYPE_IPV6) return typeAt + 2;
    if (t !== 0x8100 && t !== 0x88a8 && t !== 0x9100) return -1;
    typeAt += 4;
  }
  return -1;
}

/**
 * Where the IP header starts in a frame of this link type, or -1 when the frame does not carry
 * IPv4 or IPv6 (ARP, LLC, an unsupported link type, too short). The caller checks the version.
 */
export function ipOffset(linkType: number, d: Buffer): number {
  switch (linkType) {
    case LINK_TYPES.ETHERNET:
      return d.length < 14 ? -1 : afterEthertype(d, 12);
    case LINK_TYPES.RAW:
    case LINK_TYPES.RAW_12:
    case LINK_TYPES.RAW_14:
    case LINK_TYPES.IPV4:
    case LINK_TYPES.IPV6:
      return 0;
    case LINK_TYPES.NULL:
    case LINK_TYPES.LOOP: {
      // the address family, in the byte order of the machine that captured (LOOP: network order)
      if (d.length < 4) return -1;
      const family = d[0] === 0 && d[1] === 0 ? (d[2]! << 8) | d[3]! : d[0]! | (d[1]! << 8);
      // AF_INET = 2; AF_INET6 = 10 (Linux), 24 (NetBSD, OpenBSD), 28 (FreeBSD), 30 (macOS)
      return family === 2 || family === 10 || family === 24 || family === 28 || family === 30 ? 4 : -1;
    }
    case LINK_TYPES.LINUX_SLL:
      return d.length < 16 ? -1 : afterEthertype(d, 14);
    case LINK_TYPES.LINUX_SLL2: {
      // SLL2 puts the protocol first; a VLAN tag's TCI and inner protocol follow the 20 bytes
      if (d.length < 20) return -1;
      const t = (d[0]! << 8) | d[1]!;
      if (t === ETHERTYPE_IPV4 || t === ETHERTYPE_IPV6) return 20;
      return t === 0x8100 || t === 0x88a8 ? afterEthertype(d, 22) : -1;
    }
    default:
      return -1;
  }
}
