import { InvalidArgumentError } from '../errors.js';
import { toCaptureTime, type CaptureTime } from './capture-time.js';
import { ipToBytes } from './ip-address.js';
import { LINK_TYPES } from './link-layer.js';
import { buildEthernet, buildIpPackets, buildTcp, buildUdp, TCP_FLAGS } from './packet-builder.js';
import { PCAP_MAGIC } from './pcap-parser.js';
import { FileSink, MemorySink, type PcapSink } from './pcap-sink.js';
import { encodeEnhancedPacket, encodeInterface, encodeSectionHeader } from './pcapng-encoder.js';

export interface PcapWriterOptions {
  /** 'pcap' (default: what every tool opens) or 'pcapng' (allows comments). */
  format?: 'pcap' | 'pcapng';
  /** 'ethernet' (default, with MACs derived from the IP addresses) or 'raw' (LINKTYPE_RAW, IP only). */
  linkType?: 'ethernet' | 'raw';
  /** pcap only: write nanosecond timestamps (magic a1b23c4d) instead of microseconds. */
  nanoseconds?: boolean;
  /** Largest IP packet: UDP datagrams above it are IP-fragmented, TCP payloads cut to fit (default 1500; 0 = no limit, one packet per datagram or 65,495-byte segment). */
  mtu?: number;
  /** TCP: write SYN, SYN-ACK, ACK before a connection's first data (default true). */
  handshake?: boolean;
  /** pcapng only: a comment on the whole capture (Wireshark: Statistics > Capture File Properties). */
  comment?: string;
}

export interface AddressPort {
  address: string;
  port: number;
}

/** One payload to write: from src to dst at `time` (a CaptureTime, a Date or ms since the epoch). */
export interface PacketSpec {
  src: AddressPort;
  dst: AddressPort;
  payload: Buffer | string;
  time: CaptureTime | Date | number;
  /** pcapng only: a comment on the packet (or on each packet, when the payload is split). */
  comment?: string;
}

interface TcpSide {
  seq: number;
}

interface TcpConnection {
  sides: Map<string, TcpSide>;
}

const SNAPLEN = 262144;
const MAX_TCP_SEGMENT = 65495;

function epKey(e: AddressPort): string {
  return `${e.address.toLowerCase()}|${e.port}`;
}

/** A deterministic 32-bit hash (FNV-1a), for initial sequence numbers. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Writes synthetic captures: UDP datagrams and TCP streams with correct IPv4/IPv6 headers and
 * checksums, TCP sequence and acknowledgement numbers that follow the data, an optional
 * handshake, payloads cut into MSS-sized segments and large UDP datagrams into IP fragments.
 * Wireshark, tshark and sngrep decode the result as SIP. Output is deterministic.
 *
 * ```ts
 * const w = createPcapFile('probe.pcap');
 * w.udp({ src: { address: '192.0.2.10', port: 5060 }, dst: { address: '198.51.100.5', port: 5060 }, payload: invite, time: Date.now() });
 * w.end();
 * ```
 */
export class PcapWriter {
  private readonly sink: PcapSink;
  private readonly format: 'pcap' | 'pcapng';
  private readonly ethernet: boolean;
  private readonly nano: boolean;
  private readonly mtu: number;
  private readonly handshake: boolean;
  private readonly connections = new Map<string, TcpConnection>();
  private generation = 0;
  private ipId = 1;
  /** Frames written so far. */
  frames = 0;
  /** Bytes written so far (file header included). */
  bytes = 0;

  constructor(sink: PcapSink, options: PcapWriterOptions = {}) {
    this.sink = sink;
    this.format = options.format ?? 'pcap';
    this.ethernet = (options.linkType ?? 'ethernet') === 'ethernet';
    this.nano = options.nanoseconds ?? false;
    this.mtu = options.mtu ?? 1500;
    this.handshake = options.handshake ?? true;
    if (this.mtu !== 0 && this.mtu < 128) throw new InvalidArgumentError(`mtu ${this.mtu} is too small (at least 128, or 0 for no limit)`);
    const linkType = this.ethernet ? LINK_TYPES.ETHERNET : LINK_TYPES.RAW;
    if (this.format === 'pcapng') {
      this.write(encodeSectionHeader(options.comment));
      this.write(encodeInterface(linkType, SNAPLEN));
    } else {
      const h = Buffer.alloc(24);
      h.writeUInt32LE(this.nano ? PCAP_MAGIC.nano : PCAP_MAGIC.micro, 0);
      h.writeUInt16LE(2, 4);
      h.writeUInt16LE(4, 6);
      h.writeUInt32LE(SNAPLEN, 16);
      h.writeUInt32LE(linkType, 20);
      this.write(h);
    }
  }

  /** Writes a UDP datagram (IP-fragmented when it exceeds the MTU). */
  udp(p: PacketSpec): void {
    const { src, dst } = this.addresses(p);
    const payload = typeof p.payload === 'string' ? Buffer.from(p.payload, 'utf8') : p.payload;
    if (payload.length > 65535 - 8 - (src.length === 4 ? 20 : 0)) throw new InvalidArgumentError(`a UDP payload of ${payload.length} bytes does not fit in one datagram`);
    const udp = buildUdp(src, dst, p.src.port, p.dst.port, payload);
    for (const ip of buildIpPackets({ src, dst, protocol: 17, id: this.nextId() }, udp, this.mtu)) this.ipPacket(src, dst, ip, p.time, p.comment);
  }

  /**
   * Writes `payload` sent from src to dst on a TCP connection, cut into MSS-sized segments (an empty
   * payload only opens the connection). The first data on a new 4-tuple opens the connection (with a handshake unless disabled): the
   * side that sends first is the client.
   */
  tcp(p: PacketSpec): void {
    const { src, dst } = this.addresses(p);
    const payload = typeof p.payload === 'string' ? Buffer.from(p.payload, 'utf8') : p.payload;
    const conn = this.connection(p.src, p.dst, src, dst, p.time);
    const me = conn.sides.get(epKey(p.src))!;
    const peer = conn.sides.get(epKey(p.dst))!;
    const mss = this.mtu === 0 ? MAX_TCP_SEGMENT : this.mtu - (src.length === 4 ? 20 : 40) - 20;
    for (let off = 0; off < payload.length; off += mss) {
      const piece = payload.subarray(off, off + mss);
      this.segment(p.src, p.dst, src, dst, me.seq, peer.seq, TCP_FLAGS.PSH | TCP_FLAGS.ACK, piece, p.time, p.comment);
      me.seq = (me.seq + piece.length) >>> 0;
    }
  }

  /** Closes a TCP connection: FIN from src, FIN from dst, last ACK. A later tcp() opens a new one. */
  tcpClose(p: Omit<PacketSpec, 'payload'>): void {
    const { src, dst } = this.addresses(p);
    const key = this.connKey(p.src, p.dst);
    const conn = this.connections.get(key);
    if (!conn) return;
    const me = conn.sides.get(epKey(p.src))!;
    const peer = conn.sides.get(epKey(p.dst))!;
    const none = Buffer.alloc(0);
    this.segment(p.src, p.dst, src, dst, me.seq, peer.seq, TCP_FLAGS.FIN | TCP_FLAGS.ACK, none, p.time, p.comment);
    me.seq = (me.seq + 1) >>> 0;
    this.segment(p.dst, p.src, dst, src, peer.seq, me.seq, TCP_FLAGS.FIN | TCP_FLAGS.ACK, none, p.time);
    peer.seq = (peer.seq + 1) >>> 0;
    this.segment(p.src, p.dst, src, dst, me.seq, peer.seq, TCP_FLAGS.ACK, none, p.time);
    this.connections.delete(key);
    this.generation++;
  }

  /**
   * Writes one frame as given (link-layer header included, in the writer's link type). For tests
   * and odd packets; `originalLength` larger than the data records a frame cut by the snap length.
   */
  frame(data: Buffer, time: CaptureTime | Date | number, originalLength = data.length, comment?: string): void {
    const t = toCaptureTime(time);
    this.frames++;
    if (this.format === 'pcapng') {
      this.write(encodeEnhancedPacket(data, t, originalLength, comment));
      return;
    }
    const h = Buffer.alloc(16);
    h.writeUInt32LE(t.seconds >>> 0, 0);
    h.writeUInt32LE(this.nano ? t.nanoseconds : Math.floor(t.nanoseconds / 1000), 4);
    h.writeUInt32LE(data.length, 8);
    h.writeUInt32LE(originalLength, 12);
    this.write(Buffer.concat([h, data]));
  }

  private write(chunk: Buffer): void {
    this.bytes += chunk.length;
    this.sink.write(chunk);
  }

  /** Writes what is buffered and ends the sink (closes the file of createPcapFile). */
  end(): void {
    this.sink.end?.();
  }

  private addresses(p: { src: AddressPort; dst: AddressPort }): { src: Buffer; dst: Buffer } {
    const src = ipToBytes(p.src.address);
    const dst = ipToBytes(p.dst.address);
    if (src.length !== dst.length) throw new InvalidArgumentError(`${p.src.address} and ${p.dst.address} are not the same IP version`);
    for (const port of [p.src.port, p.dst.port]) if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError(`port ${port} is not 0..65535`);
    return { src, dst };
  }

  private nextId(): number {
    const id = this.ipId;
    this.ipId = (this.ipId + 1) & 0xffff || 1;
    return id;
  }

  private connKey(a: AddressPort, b: AddressPort): string {
    const x = epKey(a);
    const y = epKey(b);
    return x < y ? `${x}/${y}` : `${y}/${x}`;
  }

  private connection(client: AddressPort, server: AddressPort, cb: Buffer, sb: Buffer, time: CaptureTime | Date | number): TcpConnection {
    const key = this.connKey(client, server);
    let conn = this.connections.get(key);
    if (conn) return conn;
    const c: TcpSide = { seq: fnv(`${epKey(client)}>${epKey(server)}#${this.generation}`) };
    const s: TcpSide = { seq: fnv(`${epKey(server)}>${epKey(client)}#${this.generation}`) };
    conn = { sides: new Map([[epKey(client), c], [epKey(server), s]]) };
    this.connections.set(key, conn);
    const mss = this.mtu === 0 ? 65495 : this.mtu - (cb.length === 4 ? 40 : 60);
    const none = Buffer.alloc(0);
    if (this.handshake) {
      this.segment(client, server, cb, sb, c.seq, 0, TCP_FLAGS.SYN, none, time, undefined, mss);
      this.segment(server, client, sb, cb, s.seq, c.seq + 1, TCP_FLAGS.SYN | TCP_FLAGS.ACK, none, time, undefined, mss);
      this.segment(client, server, cb, sb, c.seq + 1, s.seq + 1, TCP_FLAGS.ACK, none, time);
    }
    c.seq = (c.seq + 1) >>> 0;
    s.seq = (s.seq + 1) >>> 0;
    return conn;
  }

  private segment(from: AddressPort, to: AddressPort, src: Buffer, dst: Buffer, seq: number, ack: number, flags: number, payload: Buffer, time: CaptureTime | Date | number, comment?: string, mss?: number): void {
    const tcp = buildTcp(src, dst, { srcPort: from.port, dstPort: to.port, seq, ack, flags, ...(mss !== undefined ? { mss } : {}) }, payload);
    const [ip] = buildIpPackets({ src, dst, protocol: 6, id: this.nextId(), dontFragment: true }, tcp, 0);
    this.ipPacket(src, dst, ip!, time, comment);
  }

  private ipPacket(src: Buffer, dst: Buffer, ip: Buffer, time: CaptureTime | Date | number, comment?: string): void {
    this.frame(this.ethernet ? buildEthernet(src, dst, ip) : ip, time, undefined, comment);
  }
}

/** A PcapWriter into a file (written synchronously; call end() to close it). */
export function createPcapFile(path: string, options?: PcapWriterOptions): PcapWriter {
  return new PcapWriter(new FileSink(path), options);
}

/** Builds a capture in memory: `build` writes packets, the bytes of the file come back. */
export function buildCapture(build: (w: PcapWriter) => void, options?: PcapWriterOptions): Buffer {
  const sink = new MemorySink();
  const w = new PcapWriter(sink, options);
  build(w);
  return sink.toBuffer();
}
