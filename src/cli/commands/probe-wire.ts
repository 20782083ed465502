import { closeSync, openSync, writeSync } from 'node:fs';
import type { PcapSink } from '../../capture/pcap-sink.js';
import type { PcapWriter, PcapWriterOptions } from '../../capture/pcap-writer.js';
import type { WireRecord } from '../../format/probe-ladder.js';
import type { SocketEndpoint, WireEvent } from '../../transport/types.js';
import { UsageError } from '../cli-errors.js';

/** Wire events kept for the ladder; a response storm beyond this is counted, not kept. */
const MAX_KEPT = 2000;

/** A pcap sink on a file descriptor opened (exclusively unless --force) before any traffic. */
export class FdSink implements PcapSink {
  private fd: number | null;

  constructor(fd: number) {
    this.fd = fd;
  }

  write(chunk: Buffer): void {
    if (this.fd === null) return;
    let off = 0;
    while (off < chunk.length) off += writeSync(this.fd, chunk, off, chunk.length - off);
  }

  end(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** Opens --pcap FILE: never replaces an existing file unless --force. Throws UsageError (exit 2). */
export function openPcapFile(path: string, force: boolean): number {
  try {
    return openSync(path, force ? 'w' : 'wx', 0o644);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EEXIST') throw new UsageError(`--pcap ${path} already exists; siptool does not overwrite files (choose another name, or add --force)`, 'SIPTOOL_ERR_PCAP_EXISTS');
    throw new UsageError(`--pcap ${path}: cannot create the file (${err.code ?? err.message})`, 'SIPTOOL_ERR_PCAP_EXISTS');
  }
}

const CLEAR_NOTE: Record<string, string> = {
  tls: 'TLS traffic is written as the clear SIP it carried, over TCP (siptool saw it before encryption)',
  ws: 'WebSocket traffic is written as the SIP messages of its frames, over TCP (no HTTP upgrade, no framing)',
  wss: 'secure WebSocket traffic is written as the SIP messages of its frames, over TCP (no TLS, no HTTP upgrade, no framing)',
};

/**
 * Every message sent and received, for --pcap (written as it happens, so a capture survives a
 * crash) and --ladder (kept in memory, bounded). The capture format is chosen at the first
 * message: pcapng (with a capture comment) when the file ends in .pcapng or the first
 * transport is TLS/WS/WSS, else classic pcap, which every tool opens.
 */
export class WireLog {
  readonly records: WireRecord[] = [];
  dropped = 0;
  writeErrors = 0;
  private writer: PcapWriter | null = null;
  private readonly make: ((o: PcapWriterOptions) => PcapWriter) | null;
  private readonly file: string | undefined;
  private readonly header: string;
  format: 'pcap' | 'pcapng' = 'pcap';
  /** --debug: every message is written to this function as it goes (stderr). */
  trace: ((text: string) => void) | null = null;
  private readonly clearTransports = new Set<string>();
  /** When each message object was first seen on the wire (the first transmission of a request). */
  private readonly firstSeen = new WeakMap<object, number>();
  /** Captured after the current turn: writing the file must not delay the datagram being sent. */
  private pending: WireEvent[] = [];

  /** `pcap.make` builds the writer on the opened file (the capture module is loaded only for --pcap). */
  constructor(pcap: { file: string; make: (o: PcapWriterOptions) => PcapWriter } | null, header: string) {
    this.make = pcap?.make ?? null;
    this.file = pcap?.file;
    this.header = header;
  }

  /** The onWire hook for one attempt. */
  hook(attempt: number): (e: WireEvent) => void {
    return (e) => {
      if (e.message && !this.firstSeen.has(e.message)) this.firstSeen.set(e.message, e.timestamp);
      if (this.trace) this.traceEvent(attempt, e);
      if (this.records.length < MAX_KEPT) this.records.push({ attempt, direction: e.direction, protocol: e.protocol, local: e.local, remote: e.remote, timestamp: e.timestamp, bytes: e.bytes.length, message: e.message });
      else this.dropped++;
      if (!this.make) return;
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push(e);
    };
  }

  private traceEvent(attempt: number, e: WireEvent): void {
    const where = (x: SocketEndpoint): string => (x.family === 'IPv6' ? `[${x.address}]:${x.port}` : `${x.address}:${x.port}`);
    const head = `--- #${attempt} ${e.direction === 'out' ? 'sent to' : 'received from'} ${e.protocol} ${where(e.remote)} (${e.bytes.length} bytes) at ${new Date(e.timestamp).toISOString().slice(11, 23)}${e.message ? '' : ' (not SIP)'} ---`;
    const body = e.bytes.subarray(0, 8192).toString('latin1').replace(/\r\n/g, '\n').replace(/[^\n\t\x20-\x7e\xa0-\xff]/g, '.');
    this.trace!(`${head}\n${body}${e.bytes.length > 8192 ? `\n... (${e.bytes.length - 8192} more bytes)` : ''}\n`);
  }

  private flush(): void {
    const events = this.pending;
    this.pending = [];
    for (const e of events) this.capture(e);
  }

  private open(protocol: string): PcapWriter | null {
    if (!this.make) return null;
    if (!this.writer) {
      const ng = /\.pcapng$/i.test(this.file ?? '') || protocol in CLEAR_NOTE;
      this.format = ng ? 'pcapng' : 'pcap';
      const comment = [this.header, ...(protocol in CLEAR_NOTE ? [CLEAR_NOTE[protocol]!] : [])].join('\n');
      this.writer = this.make({ format: this.format, comment: ng ? comment : undefined });
    }
    return this.writer;
  }

  private capture(e: WireEvent): void {
    const w = this.open(e.protocol);
    if (!w) return;
    const [src, dst] = e.direction === 'out' ? [e.local, e.remote] : [e.remote, e.local];
    const spec = { src: ep(src), dst: ep(dst), payload: e.bytes, time: e.timestamp };
    try {
      if (e.protocol === 'udp') w.udp(spec);
      else {
        if (e.protocol in CLEAR_NOTE) this.clearTransports.add(e.protocol);
        w.tcp(this.format === 'pcapng' && e.protocol !== 'tcp' ? { ...spec, comment: `${e.protocol.toUpperCase()}: clear SIP` } : spec);
      }
    } catch {
      this.writeErrors++;
    }
  }

  /**
   * The round trip as the wire saw it: from the first transmission of `request` (bytes handed
   * to the socket) to the arrival of `response`; null when either was not seen.
   */
  rtt(request: object, response: object): number | null {
    const out = this.firstSeen.get(request);
    const back = this.firstSeen.get(response);
    return out === undefined || back === undefined || back < out ? null : back - out;
  }

  /** The wire RTT of the last INVITE of an attempt: its first transmission to its first response. */
  inviteRtt(attempt: number): number | null {
    const mine = this.records.filter((r) => r.attempt === attempt && r.message);
    const lastInvite = [...mine].reverse().find((r) => r.direction === 'out' && r.message!.kind === 'request' && r.message!.method === 'INVITE');
    if (!lastInvite) return null;
    const first = mine.find((r) => r.message === lastInvite.message)!;
    const seq = first.message!.cseq?.seq;
    const back = mine.find((r) => r.direction === 'in' && r.timestamp >= first.timestamp && r.message!.kind === 'response' && r.message!.cseq?.method === 'INVITE' && r.message!.cseq.seq === seq);
    return back ? back.timestamp - first.timestamp : null;
  }

  /** A stream transport closed: FIN/ACK in the capture so the next connection starts afresh. */
  closed(protocol: string, local: SocketEndpoint, remote: SocketEndpoint): void {
    this.flush();
    if (!this.writer || protocol === 'udp') return;
    try {
      this.writer.tcpClose({ src: ep(local), dst: ep(remote), time: Date.now() });
    } catch {
      this.writeErrors++;
    }
  }

  /** Ends the capture (a valid empty one when nothing was sent); returns what the report says of it. */
  finish(): { file: string; format: 'pcap' | 'pcapng'; frames: number; note: string | null } | null {
    if (!this.make || !this.file) return null;
    this.flush();
    const w = this.open('udp')!;
    w.end();
    const notes = [...this.clearTransports].map((p) => CLEAR_NOTE[p]!);
    if (this.writeErrors > 0) notes.push(`${this.writeErrors} message(s) could not be written`);
    return { file: this.file, format: this.format, frames: w.frames, note: notes.length > 0 ? notes.join('; ') + (this.format === 'pcapng' ? ' (see the capture comment)' : '') : null };
  }
}

function ep(e: SocketEndpoint): { address: string; port: number } {
  return { address: e.address.replace(/%.*$/, ''), port: e.port };
}
