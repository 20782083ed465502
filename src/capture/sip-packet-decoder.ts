import { parseMessage, type FramedMessage, type ParseLimits, type ParseOptions } from '../core/index.js';
import { DEFAULT_CAPTURE_LIMITS, type CaptureLimits } from './capture-limits.js';
import type { CaptureFrame } from './capture-frame.js';
import type { CaptureEvent, CaptureTransport } from './capture-message.js';
import { CAPTURE_NOTE_CODES, type CaptureNoteCode } from './capture-note.js';
import { emptyStats, type CaptureStats } from './capture-stats.js';
import type { CaptureTime } from './capture-time.js';
import type { Endpoint } from './endpoint.js';
import { formatIPv4, formatIPv6 } from './ip-address.js';
import { ipAddrAt, IP_PROTO, parseIp, type IpPacket } from './ip-packet.js';
import { IpReassembler } from './ip-reassembler.js';
import { ipOffset, isSupportedLinkType } from './link-layer.js';
import { isSipDatagram } from './sip-sniff.js';
import { parseTcpHeader, TcpTracker } from './tcp-tracker.js';

export interface DecoderOptions {
  /** Run the core's full validation on every message (default true; false parses lazily and is faster). */
  validate?: boolean;
  /** Limits for the SIP parser (core ParseLimits). */
  parseLimits?: Partial<ParseLimits>;
  /** Limits for the capture layer (docs/capture.md). */
  limits?: Partial<CaptureLimits>;
}

/** Notes of one code given at most this many times; the rest are only counted in `stats`. */
export const MAX_NOTES_PER_CODE = 100;

/**
 * Frames in, SIP messages out: link layer, IPv4/IPv6 (fragments reassembled), UDP, TCP (stream
 * reassembly), WebSocket, SIP by content on any port. Synchronous and incremental: push frames
 * as they come, call finish() at the end. readCapture() drives it from a file or stream.
 */
export class SipPacketDecoder {
  readonly stats: CaptureStats = emptyStats();
  readonly limits: CaptureLimits;
  private readonly datagramOptions: ParseOptions;
  private readonly streamOptions: ParseOptions;
  /** The stream framer parses as parseMessage with streamOptions would (lazily, default limits). */
  private readonly framedParseServes: boolean;
  private readonly fragments: IpReassembler;
  private readonly tcp: TcpTracker;
  private out: CaptureEvent[] = [];
  private readonly noteCounts = new Map<CaptureNoteCode, number>();
  private readonly onceKeys = new Set<string>();
  private frame: CaptureFrame | undefined;
  /** Texts of IPv4 addresses seen lately, by their 32 bits (see address()). */
  private readonly v4Names = new Map<number, string>();

  constructor(options: DecoderOptions = {}) {
    this.limits = { ...DEFAULT_CAPTURE_LIMITS, ...options.limits };
    const validate = options.validate ?? true;
    this.datagramOptions = { transport: 'datagram', validate, ...(options.parseLimits ? { limits: options.parseLimits } : {}) };
    this.streamOptions = { ...this.datagramOptions, transport: 'stream' };
    this.framedParseServes = !validate && options.parseLimits === undefined;
    this.fragments = new IpReassembler(this.limits, (reason, detail, firstFrame, version, src, dst) => {
      const from = version === 4 ? formatIPv4(src, 0) : formatIPv6(src, 0);
      const to = version === 4 ? formatIPv4(dst, 0) : formatIPv6(dst, 0);
      const code: CaptureNoteCode = reason === 'invalid' ? 'CAPTURE_IP_FRAGMENT_INVALID' : reason === 'limit' ? 'CAPTURE_LIMIT_REACHED' : 'CAPTURE_IP_FRAGMENT_INCOMPLETE';
      this.note(code, `IPv${version} datagram ${from} -> ${to} (first fragment in frame ${firstFrame}) dropped: ${detail}`, this.frame?.number, this.frame?.time);
    });
    this.tcp = new TcpTracker(this.limits, {
      message: (bytes, transport, parseAs, frames, time, src, dst, parsed) => this.message(bytes, transport, parseAs === 'stream', frames, time, src, dst, false, false, parsed),
      note: (code, message, frame, time, src, dst) => this.note(code, message, frame, time, src, dst, 'tcp'),
    });
  }

  /** What the decoder holds right now: open TCP connections, datagrams in reassembly, bytes buffered. */
  held(): { tcpConnections: number; fragmentedDatagrams: number; bytes: number } {
    return { tcpConnections: this.tcp.open, fragmentedDatagrams: this.fragments.pending, bytes: this.tcp.buffered + this.fragments.buffered };
  }

  /** Told by the file reader: an interface (pcapng IDB, or the pcap header) with this link type. */
  interfaceSeen(linkType: number, out: CaptureEvent[]): void {
    this.out = out;
    if (!this.stats.linkTypes.includes(linkType)) this.stats.linkTypes.push(linkType);
    if (!isSupportedLinkType(linkType) && this.once(`link${linkType}`)) {
      this.note('CAPTURE_LINK_TYPE_UNSUPPORTED', `link type ${linkType} is not decoded (Ethernet, Linux cooked SLL/SLL2, raw IP and loopback are); its frames were skipped`);
    }
  }

  /** Told by the file reader: a pcapng Decryption Secrets Block. */
  secretsSeen(out: CaptureEvent[]): void {
    this.out = out;
    if (this.once('dsb')) this.note('CAPTURE_DECRYPTION_SECRETS', 'the file carries decryption secrets (pcapng DSB); siptool does not decrypt TLS with them');
  }

  /** Decodes one frame; appends the messages and notes it completes to `out`. */
  push(frame: CaptureFrame, out: CaptureEvent[]): void {
    this.out = out;
    this.frame = frame;
    const st = this.stats;
    st.frames++;
    let truncated = frame.data.length < frame.originalLength;
    if (truncated) st.framesTruncated++;
    const off = isSupportedLinkType(frame.linkType) ? ipOffset(frame.linkType, frame.data) : -1;
    if (off < 0) {
      st.framesSkipped++;
      return;
    }
    const ip = parseIp(frame.data, off);
    if (typeof ip === 'string') return this.malformed(ip, frame);
    let pkt: IpPacket = ip;
    let frames = [frame.number];
    let fragmented = false;
    if (ip.fragment) {
      st.ipFragments++;
      const whole = this.fragments.add(ip, frame.number, frame.time, truncated);
      if (!whole) return this.checkMemory();
      st.ipDatagramsReassembled++;
      pkt = whole.packet;
      frames = whole.frames;
      truncated = whole.truncated;
      fragmented = true;
    } else {
      this.fragments.expire(frame.time);
    }
    if (pkt.protocol === IP_PROTO.UDP) this.udp(pkt, frames, frame, truncated, fragmented);
    else if (pkt.protocol === IP_PROTO.TCP) this.tcpSegment(pkt, frames, frame);
    this.checkMemory();
  }

  /** End of the capture: held TCP data after gaps, unfinished messages and fragments reported. */
  finish(out: CaptureEvent[]): void {
    this.out = out;
    this.tcp.finish();
    this.fragments.flush();
    this.syncStats();
  }

  private udp(pkt: IpPacket, frames: number[], frame: CaptureFrame, truncated: boolean, fragmented: boolean): void {
    const p = pkt.payload;
    if (p.length < 8) return this.malformed('UDP header cut short', frame);
    this.stats.udpDatagrams++;
    const ulen = p.readUInt16BE(4);
    const declared = ulen >= 8 ? ulen - 8 : pkt.declaredLength - 8;
    const data = p.subarray(8, 8 + Math.min(declared, p.length - 8));
    if (!isSipDatagram(data)) return;
    const cut = truncated || data.length < declared;
    const src = this.endpoint(pkt, 'src', p.readUInt16BE(0));
    const dst = this.endpoint(pkt, 'dst', p.readUInt16BE(2));
    if (cut && this.once('snap')) {
      this.note('CAPTURE_FRAME_TRUNCATED', `frame ${frame.number} was cut by the snap length (${frame.data.length} of ${frame.originalLength} bytes captured); SIP messages in such frames are incomplete (capture with -s 0)`, frame.number, frame.time, src, dst, 'udp');
    }
    this.message(Buffer.from(data), 'udp', false, frames, frame.time, src, dst, fragmented, cut);
  }

  private tcpSegment(pkt: IpPacket, frames: number[], frame: CaptureFrame): void {
    const h = parseTcpHeader(pkt.payload);
    if (typeof h === 'string') return this.malformed(h, frame);
    this.stats.tcpSegments++;
    // the connection's key: both ends (address and port), the one whose bytes sort first first
    const a = pkt.addr;
    const at = pkt.addrAt;
    let forward: boolean;
    let key: string;
    if (pkt.version === 4) {
      // as numbers: no string sliced per side (an IPv4 address and port in 3 UTF-16 units)
      const sa = ((a[at]! << 24) | (a[at + 1]! << 16) | (a[at + 2]! << 8) | a[at + 3]!) >>> 0;
      const da = ((a[at + 4]! << 24) | (a[at + 5]! << 16) | (a[at + 6]! << 8) | a[at + 7]!) >>> 0;
      forward = sa < da || (sa === da && h.srcPort <= h.dstPort);
      key = forward
        ? String.fromCharCode(sa >>> 16, sa & 0xffff, h.srcPort, da >>> 16, da & 0xffff, h.dstPort)
        : String.fromCharCode(da >>> 16, da & 0xffff, h.dstPort, sa >>> 16, sa & 0xffff, h.srcPort);
    } else {
      const keyA = a.toString('latin1', at, at + 16) + String.fromCharCode(h.srcPort >> 8, h.srcPort & 255);
      const keyB = a.toString('latin1', at + 16, at + 32) + String.fromCharCode(h.dstPort >> 8, h.dstPort & 255);
      forward = keyA <= keyB;
      key = forward ? keyA + keyB : keyB + keyA;
    }
    const data = pkt.payload.subarray(h.length);
    const declared = Math.max(0, pkt.declaredLength - h.length);
    this.tcp.segment(key, forward, (which) => this.endpoint(pkt, which, which === 'src' ? h.srcPort : h.dstPort), h, data, declared, frames, frame.time);
  }

  private endpoint(pkt: IpPacket, which: 'src' | 'dst', port: number): Endpoint {
    return { address: this.address(pkt, ipAddrAt(pkt, which)), port, family: pkt.version };
  }

  /** The text of the address at `at`; an IPv4 address seen before is not formatted again. */
  private address(pkt: IpPacket, at: number): string {
    const b = pkt.addr;
    if (pkt.version !== 4) return formatIPv6(b, at);
    const n = ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
    let text = this.v4Names.get(n);
    if (text === undefined) {
      if (this.v4Names.size >= 4096) this.v4Names.clear();
      text = formatIPv4(b, at);
      this.v4Names.set(n, text);
    }
    return text;
  }

  private message(bytes: Buffer, transport: CaptureTransport, stream: boolean, frames: number[], time: CaptureTime, src: Endpoint, dst: Endpoint, ipFragmented: boolean, truncated: boolean, parsed?: FramedMessage): void {
    // the stream framer's parse of a message that filled its bytes is this parse, when lazy with the default limits
    const { message, problems } = parsed !== undefined && stream && this.framedParseServes ? parsed : parseMessage(bytes, stream ? this.streamOptions : this.datagramOptions);
    if (transport === 'ws') this.stats.webSocketMessages++;
    this.out.push({ kind: 'message', index: this.stats.messages++, message, problems, bytes, time, src, dst, transport, frames, ipFragmented, truncated });
  }

  private malformed(reason: string, frame: CaptureFrame): void {
    this.stats.packetsMalformed++;
    if (this.once(`malformed:${reason}`)) this.note('CAPTURE_PACKET_MALFORMED', `frame ${frame.number}: ${reason}; the packet was skipped`, frame.number, frame.time);
  }

  private once(key: string): boolean {
    if (this.onceKeys.has(key)) return false;
    if (this.onceKeys.size < 1000) this.onceKeys.add(key);
    return true;
  }

  private note(code: CaptureNoteCode, message: string, frame?: number, time?: CaptureTime, src?: Endpoint, dst?: Endpoint, transport?: CaptureTransport): void {
    const n = (this.noteCounts.get(code) ?? 0) + 1;
    this.noteCounts.set(code, n);
    this.stats.notes++;
    if (n > MAX_NOTES_PER_CODE) return;
    const text = n === MAX_NOTES_PER_CODE ? `${message} (further notes of this kind are only counted)` : message;
    this.out.push({
      kind: 'note',
      code,
      severity: CAPTURE_NOTE_CODES[code].severity,
      message: text,
      ...(frame !== undefined ? { frame } : {}),
      ...(time !== undefined ? { time } : {}),
      ...(src ? { src } : {}),
      ...(dst ? { dst } : {}),
      ...(transport ? { transport } : {}),
    });
  }

  /** Keeps the bytes held across TCP streams and fragments under the limit. */
  private checkMemory(): void {
    this.syncStats();
    const f = this.frame;
    while (this.tcp.buffered + this.fragments.buffered > this.limits.maxBufferedBytes) {
      if (this.tcp.evictOldest(`more than ${this.limits.maxBufferedBytes} bytes were held for TCP streams and IP fragments`, f?.number ?? 0, f?.time ?? { seconds: 0, nanoseconds: 0 })) continue;
      if (!this.fragments.evictOldest()) break;
    }
  }

  private syncStats(): void {
    this.stats.tcpRetransmissions = this.tcp.counters.retransmissions;
    this.stats.tcpGaps = this.tcp.counters.gaps;
    this.stats.tcpConnections = this.tcp.connections;
  }
}

