/** What the reader went through; updated as it reads, final once iteration ends. */
export interface CaptureStats {
  format: 'pcap' | 'pcapng' | undefined;
  /** The file was gzip-compressed (read through node:zlib). */
  gzip: boolean;
  /** Bytes of capture read (after decompression). */
  bytes: number;
  /** Packet records (pcap records; pcapng EPB, SPB, PB). */
  frames: number;
  /** Link types of the interfaces seen (pcapng may have several). */
  linkTypes: number[];
  /** Frames carrying neither IPv4 nor IPv6, or on an unsupported link type. */
  framesSkipped: number;
  framesTruncated: number;
  packetsMalformed: number;
  udpDatagrams: number;
  tcpSegments: number;
  /** TCP segments that carried only data already seen (retransmissions, duplicates, keep-alive probes). */
  tcpRetransmissions: number;
  tcpConnections: number;
  tcpGaps: number;
  ipFragments: number;
  ipDatagramsReassembled: number;
  webSocketMessages: number;
  messages: number;
  notes: number;
}

export function emptyStats(): CaptureStats {
  return {
    format: undefined,
    gzip: false,
    bytes: 0,
    frames: 0,
    linkTypes: [],
    framesSkipped: 0,
    framesTruncated: 0,
    packetsMalformed: 0,
    udpDatagrams: 0,
    tcpSegments: 0,
    tcpRetransmissions: 0,
    tcpConnections: 0,
    tcpGaps: 0,
    ipFragments: 0,
    ipDatagramsReassembled: 0,
    webSocketMessages: 0,
    messages: 0,
    notes: 0,
  };
}
