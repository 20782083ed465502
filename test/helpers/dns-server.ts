import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket as TcpSocket } from 'node:net';
import { join } from 'node:path';
import dnsPacket from 'dns-packet';
import { FIXTURES } from './fixtures.js';

/**
 * An in-process DNS server on 127.0.0.1 (UDP and TCP on one port) serving a zone from
 * fixtures/dns/*.json, with switches for hostile behaviour: silence, error codes, truncation,
 * forged IDs, answers to other questions or from other ports, undecodable packets, huge answers.
 */

export interface ZoneRecord {
  name: string;
  type: 'A' | 'AAAA' | 'CNAME' | 'NAPTR' | 'SRV' | 'TXT';
  ttl?: number;
  data: unknown;
}

export type Action =
  | 'silence'
  | 'servfail'
  | 'refused'
  | 'nxdomain'
  | 'formerr-if-edns'
  | 'truncate'
  | 'truncate-no-tcp'
  | 'wrong-id'
  | 'wrong-id-then-right'
  | 'wrong-question'
  | 'wrong-question-then-right'
  | 'other-source'
  | 'other-source-then-right'
  | 'compression-loop'
  | 'garbage'
  | 'cut'
  | 'unrelated'
  | 'no-question';

export interface Behaviour {
  /** Query name to match (case-insensitive); omitted: every name. */
  name?: string;
  /** Query type to match; omitted: every type. */
  type?: string;
  action: Action;
  /** Only over this transport (default: both). */
  over?: 'udp' | 'tcp';
}

export interface Zone {
  description?: string;
  records: ZoneRecord[];
  behaviours?: Behaviour[];
}

export function loadZone(name: string): Zone {
  return JSON.parse(readFileSync(join(FIXTURES, 'dns', `${name}.json`), 'utf8')) as Zone;
}

type Question = { name: string; type: string; class?: string };
type Packet = dnsPacket.DecodedPacket;

const lc = (s: string): string => s.toLowerCase().replace(/\.$/, '');

export class TestDnsServer {
  readonly address = '127.0.0.1';
  port = 0;
  /** Every query received: name, type and transport. */
  readonly log: Array<{ name: string; type: string; over: 'udp' | 'tcp'; edns: boolean }> = [];
  zone: Zone;
  /** When set, every answer is passed through it before it is sent (fuzzing). */
  mutate: ((packet: Buffer) => Buffer) | null = null;
  private udp!: Socket;
  private other!: Socket;
  private tcp!: Server;
  private readonly conns = new Set<TcpSocket>();

  private constructor(zone: Zone) {
    this.zone = zone;
  }

  static async start(zone: Zone): Promise<TestDnsServer> {
    const s = new TestDnsServer(zone);
    for (let i = 0; i < 20; i++) {
      try {
        await s.bind();
        return s;
      } catch {
        await s.closeSockets();
      }
    }
    throw new Error('could not bind a UDP and TCP port pair on 127.0.0.1');
  }

  get server(): { address: string; port: number; family: 4 } {
    return { address: this.address, port: this.port, family: 4 };
  }

  private async bind(): Promise<void> {
    this.udp = createSocket('udp4');
    this.other = createSocket('udp4');
    await new Promise<void>((res, rej) => {
      this.udp.once('error', rej);
      this.udp.bind(0, this.address, () => res());
    });
    await new Promise<void>((res) => this.other.bind(0, this.address, () => res()));
    this.port = this.udp.address().port;
    this.tcp = createServer((c) => this.onTcp(c));
    await new Promise<void>((res, rej) => {
      this.tcp.once('error', rej);
      this.tcp.listen(this.port, this.address, () => res());
    });
    this.udp.on('message', (msg, rinfo) => this.onUdp(msg, rinfo));
  }

  private async closeSockets(): Promise<void> {
    for (const c of this.conns) c.destroy();
    await Promise.all([
      new Promise<void>((r) => (this.udp ? this.udp.close(() => r()) : r())).catch(() => {}),
      new Promise<void>((r) => (this.other ? this.other.close(() => r()) : r())).catch(() => {}),
      new Promise<void>((r) => (this.tcp?.listening ? this.tcp.close(() => r()) : r())),
    ]);
  }

  async stop(): Promise<void> {
    try {
      await this.closeSockets();
    } catch {
      // already closed
    }
  }

  private behaviour(q: Question, over: 'udp' | 'tcp'): Action | null {
    for (const b of this.zone.behaviours ?? []) {
      if (b.name && lc(b.name) !== lc(q.name)) continue;
      if (b.type && b.type !== q.type) continue;
      if (b.over && b.over !== over) continue;
      return b.action;
    }
    return null;
  }

  private onUdp(msg: Buffer, rinfo: RemoteInfo): void {
    let query: Packet;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return;
    }
    const q = query.questions?.[0] as Question | undefined;
    if (!q) return;
    const edns = (query.additionals ?? []).some((a) => a.type === 'OPT');
    this.log.push({ name: lc(q.name), type: q.type, over: 'udp', edns });
    const size = edns ? 1232 : 512;
    const send = (buf: Buffer, from: Socket = this.udp): void => from.send(this.mutate ? this.mutate(buf) : buf, rinfo.port, rinfo.address);
    const action = this.behaviour(q, 'udp');
    const id = query.id ?? 0;
    switch (action) {
      case 'silence':
        return;
      case 'truncate':
      case 'truncate-no-tcp':
        return send(this.encode({ ...this.answer(q, id), answers: [], flags: dnsPacket.TRUNCATED_RESPONSE | dnsPacket.AUTHORITATIVE_ANSWER }));
      case 'wrong-id':
        return send(this.encode(this.answer(q, (id + 1) & 0xffff)));
      case 'wrong-id-then-right':
        send(this.encode(this.answer(q, (id + 1) & 0xffff)));
        return send(this.reply(q, id, size));
      case 'wrong-question':
        return send(this.encode(this.answer({ ...q, name: 'elsewhere.invalid' }, id)));
      case 'wrong-question-then-right':
        send(this.encode(this.answer({ ...q, name: 'elsewhere.invalid' }, id)));
        return send(this.reply(q, id, size));
      case 'other-source':
        return send(this.reply(q, id, size), this.other);
      case 'other-source-then-right':
        send(this.reply(q, id, size), this.other);
        return send(this.reply(q, id, size));
      default:
        return send(this.special(action, q, id, edns) ?? this.reply(q, id, size));
    }
  }

  private onTcp(c: TcpSocket): void {
    this.conns.add(c);
    c.on('close', () => this.conns.delete(c));
    c.on('error', () => {});
    let buf = Buffer.alloc(0);
    c.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const msg = buf.subarray(2, 2 + buf.readUInt16BE(0));
        buf = buf.subarray(2 + msg.length);
        let query: Packet;
        try {
          query = dnsPacket.decode(msg);
        } catch {
          c.destroy();
          return;
        }
        const q = query.questions?.[0] as Question | undefined;
        if (!q) return;
        const edns = (query.additionals ?? []).some((a) => a.type === 'OPT');
        this.log.push({ name: lc(q.name), type: q.type, over: 'tcp', edns });
        const action = this.behaviour(q, 'tcp') ?? this.behaviour(q, 'udp');
        const id = query.id ?? 0;
        if (action === 'silence') return;
        if (action === 'truncate-no-tcp') {
          c.destroy();
          return;
        }
        const plain = action === 'truncate' || action?.startsWith('wrong') || action?.startsWith('other') ? null : action;
        const answer = this.special(plain, q, id, edns) ?? this.reply(q, id, 65535);
        const out = this.mutate ? this.mutate(answer).subarray(0, 65535) : answer;
        const len = Buffer.alloc(2);
        len.writeUInt16BE(out.length);
        c.write(Buffer.concat([len, out]));
      }
    });
  }

  /** Packets for the hostile actions that are the same over UDP and TCP. */
  private special(action: Action | null, q: Question, id: number, edns: boolean): Buffer | null {
    switch (action) {
      case 'servfail':
        return this.encode({ ...this.answer(q, id), answers: [], flags: 2 });
      case 'refused':
        return this.encode({ ...this.answer(q, id), answers: [], flags: 5 });
      case 'nxdomain':
        return this.encode({ ...this.answer(q, id), answers: [], flags: 3 | dnsPacket.AUTHORITATIVE_ANSWER });
      case 'formerr-if-edns':
        return edns ? this.encode({ type: 'response', id, flags: 1, questions: [q as dnsPacket.Question], answers: [] }) : null;
      case 'no-question':
        return this.encode({ type: 'response', id, flags: 2, questions: [], answers: [] });
      case 'compression-loop': {
        // header + question, then one answer whose owner name is a pointer to itself
        const head = this.encode({ type: 'response', id, flags: 0, questions: [q as dnsPacket.Question], answers: [] });
        head.writeUInt16BE(1, 6);
        const ptr = Buffer.alloc(12);
        ptr.writeUInt16BE(0xc000 | head.length, 0);
        ptr.writeUInt16BE(1, 2);
        ptr.writeUInt16BE(1, 4);
        return Buffer.concat([head, ptr]);
      }
      case 'garbage': {
        const b = Buffer.alloc(64);
        for (let i = 0; i < b.length; i++) b[i] = (i * 97 + 13) & 0xff;
        b.writeUInt16BE(id, 0);
        b.writeUInt16BE(0x8000 | 0x0f00, 2);
        return b;
      }
      case 'cut': {
        const full = this.reply(q, id, 65535);
        return full.subarray(0, Math.max(20, full.length - 7));
      }
      case 'unrelated': {
        const p = this.answer(q, id);
        p.answers = [...(p.answers ?? []), { type: 'A', name: 'bank.example', ttl: 300, data: '203.0.113.66' }];
        return this.encode(p);
      }
      default:
        return null;
    }
  }

  private encode(p: dnsPacket.Packet): Buffer {
    return dnsPacket.encode({ ...p, type: 'response' });
  }

  /** A normal answer, with TC and no records when it does not fit `size`. */
  private reply(q: Question, id: number, size: number): Buffer {
    const p = this.answer(q, id);
    const full = this.encode(p);
    if (full.length <= size) return full;
    return this.encode({ ...p, answers: [], flags: (p.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE });
  }

  /** The authoritative answer from the zone: CNAMEs followed, NODATA vs NXDOMAIN. */
  private answer(q: Question, id: number): dnsPacket.Packet {
    const answers: dnsPacket.Answer[] = [];
    let name = lc(q.name);
    const seen = new Set<string>();
    for (let hop = 0; hop < 12; hop++) {
      const here = this.zone.records.filter((r) => lc(r.name) === name);
      const cname = here.find((r) => r.type === 'CNAME');
      if (cname && q.type !== 'CNAME') {
        answers.push(this.rr(cname));
        if (seen.has(name)) break;
        seen.add(name);
        name = lc(String(cname.data));
        continue;
      }
      answers.push(...here.filter((r) => r.type === q.type).map((r) => this.rr(r)));
      break;
    }
    const exists = this.zone.records.some((r) => lc(r.name) === name) || this.zone.records.some((r) => lc(r.name).endsWith('.' + name));
    const rcode = answers.length > 0 || exists ? 0 : 3;
    return { type: 'response', id, flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_AVAILABLE | rcode, questions: [q as dnsPacket.Question], answers };
  }

  private rr(r: ZoneRecord): dnsPacket.Answer {
    return { type: r.type, name: r.name, ttl: r.ttl ?? 300, class: 'IN', data: r.data } as dnsPacket.Answer;
  }
}
