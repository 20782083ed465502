import type { CaptureLimits } from './capture-limits.js';
import type { CaptureTime } from './capture-time.js';
import { ipAddrLength, skipIPv6Extensions, type IpPacket } from './ip-packet.js';

/** A datagram put back together from its fragments. */
export interface Reassembled {
  packet: IpPacket;
  /** Frames of the fragments, in capture order. */
  frames: number[];
  /** A fragment was cut by the snap length. */
  truncated: boolean;
}

interface Pending {
  first: CaptureTime;
  firstFrame: number;
  pieces: Array<{ offset: number; data: Buffer; declared: number }>;
  /** Datagram length once the last fragment (more = false) is in; -1 before. */
  total: number;
  bytes: number;
  frames: number[];
  truncated: boolean;
  version: 4 | 6;
  /** Own copy of the source then destination address. */
  addr: Buffer;
  /** The upper-layer protocol (IPv4: header field; IPv6: next header of the offset-0 fragment). */
  protocol: number;
}

/** Reports a datagram given up: why, and where its first fragment was. */
export type FragmentLoss = (reason: 'incomplete' | 'invalid' | 'limit', detail: string, firstFrame: number, version: 4 | 6, src: Buffer, dst: Buffer) => void;

const MAX_DATAGRAM = 65535;

/**
 * IPv4 and IPv6 fragment reassembly (RFC 791, RFC 8200 §4.5), bounded: datagrams pending at
 * once, fragments per datagram, 65,535 bytes per datagram, and a timeout in capture time after
 * the first fragment. Overlapping data is taken in arrival order.
 */
export class IpReassembler {
  private readonly pendingMap = new Map<string, Pending>();
  private readonly limits: CaptureLimits;
  private readonly lost: FragmentLoss;
  /** Bytes held in pending fragments. */
  buffered = 0;

  constructor(limits: CaptureLimits, lost: FragmentLoss) {
    this.limits = limits;
    this.lost = lost;
  }

  /** Datagrams being reassembled now. */
  get pending(): number {
    return this.pendingMap.size;
  }

  /** Adds a fragment; returns the datagram when this fragment completes it. */
  add(pkt: IpPacket, frame: number, time: CaptureTime, truncated: boolean): Reassembled | undefined {
    const f = pkt.fragment!;
    this.expire(time);
    const addrEnd = pkt.addrAt + 2 * ipAddrLength(pkt);
    const key = `${pkt.version}${pkt.addr.toString('latin1', pkt.addrAt, addrEnd)}${pkt.version === 4 ? pkt.protocol : ''}/${f.id}`;
    let p = this.pendingMap.get(key);
    if (!p) {
      if (this.pendingMap.size >= this.limits.maxFragmentedDatagrams) this.drop(this.pendingMap.keys().next().value!, 'limit', `more than ${this.limits.maxFragmentedDatagrams} IP datagrams were being reassembled at once`);
      p = { first: time, firstFrame: frame, pieces: [], total: -1, bytes: 0, frames: [], truncated: false, version: pkt.version, addr: Buffer.from(pkt.addr.subarray(pkt.addrAt, addrEnd)), protocol: -1 };
      this.pendingMap.set(key, p);
    }
    if (f.offset + pkt.declaredLength > MAX_DATAGRAM) return this.drop(key, 'invalid', `a fragment ends at byte ${f.offset + pkt.declaredLength}, past 65,535`);
    if (!f.more) {
      const total = f.offset + pkt.declaredLength;
      if (p.total >= 0 && p.total !== total) return this.drop(key, 'invalid', `two last fragments disagree on the length (${p.total} and ${total})`);
      p.total = total;
    }
    if (pkt.version === 4 || f.offset === 0) p.protocol = pkt.protocol;
    if (p.pieces.length >= this.limits.maxFragmentsPerDatagram) return this.drop(key, 'limit', `more than ${this.limits.maxFragmentsPerDatagram} fragments in one datagram`);
    p.pieces.push({ offset: f.offset, data: Buffer.from(pkt.payload), declared: pkt.declaredLength });
    p.bytes += pkt.payload.length;
    this.buffered += pkt.payload.length;
    p.frames.push(frame);
    if (truncated || pkt.payload.length < pkt.declaredLength) p.truncated = true;
    return this.complete(key, p);
  }

  private complete(key: string, p: Pending): Reassembled | undefined {
    if (p.total < 0 || p.protocol < 0) return undefined;
    const sorted = [...p.pieces].sort((a, b) => a.offset - b.offset);
    // complete when the declared lengths cover the datagram; the bytes are the captured ones,
    // up to the first hole a snap length left
    let covered = 0;
    let captured = 0;
    for (const piece of sorted) {
      if (piece.offset > covered) return undefined;
      covered = Math.max(covered, piece.offset + piece.declared);
      if (piece.offset <= captured) captured = Math.max(captured, piece.offset + piece.data.length);
    }
    if (covered < p.total) return undefined;
    const length = Math.min(captured, p.total);
    const out = Buffer.alloc(length);
    for (const piece of p.pieces) if (piece.offset < length) piece.data.copy(out, piece.offset, 0, Math.min(piece.data.length, length - piece.offset));
    this.pendingMap.delete(key);
    this.buffered -= p.bytes;
    const packet: IpPacket = { version: p.version, addr: p.addr, addrAt: 0, protocol: p.protocol, payload: out, declaredLength: p.total, fragment: undefined };
    if (p.version === 6 && skipIPv6Extensions(packet) !== undefined) return undefined;
    return { packet, frames: p.frames, truncated: p.truncated || length < p.total };
  }

  private drop(key: string, reason: 'incomplete' | 'invalid' | 'limit', detail: string): undefined {
    const p = this.pendingMap.get(key);
    if (!p) return undefined;
    this.pendingMap.delete(key);
    this.buffered -= p.bytes;
    const len = p.version === 4 ? 4 : 16;
    this.lost(reason, detail, p.firstFrame, p.version, p.addr.subarray(0, len), p.addr.subarray(len));
    return undefined;
  }

  /** Gives up datagrams whose first fragment is older than the timeout (capture time). */
  expire(now: CaptureTime): void {
    const limit = this.limits.fragmentTimeoutSeconds;
    for (const [key, p] of this.pendingMap) {
      if (now.seconds - p.first.seconds <= limit) break; // insertion order is age order
      this.drop(key, 'incomplete', `no complete datagram ${limit} s after its first fragment`);
    }
  }

  /** Drops every pending datagram (end of capture), reporting each. */
  flush(): void {
    for (const key of [...this.pendingMap.keys()]) this.drop(key, 'incomplete', 'the capture ended before the datagram was complete');
  }

  /** Drops the oldest pending datagram, to free memory; false if none. */
  evictOldest(): boolean {
    const key = this.pendingMap.keys().next().value;
    if (key === undefined) return false;
    this.drop(key, 'limit', 'the memory limit for buffered data was reached');
    return true;
  }
}
