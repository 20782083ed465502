import dnsPacket from 'dns-packet';
import { escapeName, escapeText, normalizeName } from './dns-name.js';
import type { DnsRecord, QueryType } from './types.js';

/** A response packet, decoded and narrowed to what the resolver uses. */
export interface DecodedResponse {
  id: number;
  /** QR bit set. */
  isResponse: boolean;
  opcode: string;
  rcode: string;
  truncated: boolean;
  authoritative: boolean;
  recursionAvailable: boolean;
  questions: Array<{ name: string; type: string; class: string }>;
  /** Answer-section records of the types siptool knows (A, AAAA, CNAME, NAPTR, SRV), class IN. */
  records: DnsRecord[];
  /** Records left out because there were more than `maxRecords`. */
  dropped: number;
}

export type DecodeOutcome =
  | { ok: true; response: DecodedResponse }
  /** Undecodable: `id`/`truncated` come from the raw header when there are 12 bytes of it. */
  | { ok: false; id: number | null; truncated: boolean; isResponse: boolean; reason: string };

/** RFC 2181 §8: a TTL with the top bit set is treated as zero. */
function ttlOf(ttl: number | undefined): number {
  if (ttl === undefined || !Number.isFinite(ttl) || ttl < 0 || ttl > 0x7fffffff) return 0;
  return ttl;
}

function name(n: unknown): string {
  return normalizeName(escapeName(typeof n === 'string' ? n : ''));
}

/**
 * Decodes a DNS message without ever throwing. dns-packet refuses forward compression pointers
 * (so a pointer loop cannot hang it), names over 254 octets and reads past the end; any such
 * error makes the packet `ok: false` with the reason. At most `maxRecords` answer records are
 * kept; names and strings are escaped (\DDD) so they are safe to print.
 */
export function decodeResponse(buf: Buffer, maxRecords: number): DecodeOutcome {
  const head = buf.length >= 12 ? { id: buf.readUInt16BE(0), flags: buf.readUInt16BE(2) } : null;
  let packet: dnsPacket.DecodedPacket;
  try {
    packet = dnsPacket.decode(buf);
  } catch (err) {
    return {
      ok: false,
      id: head ? head.id : null,
      truncated: head ? (head.flags & dnsPacket.TRUNCATED_RESPONSE) !== 0 : false,
      isResponse: head ? (head.flags & 0x8000) !== 0 : false,
      reason: err instanceof Error ? err.message : 'undecodable packet',
    };
  }
  const raw = packet as dnsPacket.DecodedPacket & { opcode?: string; rcode?: string };
  const records: DnsRecord[] = [];
  let dropped = 0;
  for (const a of packet.answers ?? []) {
    const rec = toRecord(a);
    if (!rec) continue;
    if (records.length >= maxRecords) dropped++;
    else records.push(rec);
  }
  return {
    ok: true,
    response: {
      id: packet.id ?? 0,
      isResponse: packet.flag_qr,
      opcode: raw.opcode ?? 'QUERY',
      rcode: raw.rcode ?? 'NOERROR',
      truncated: packet.flag_tc,
      authoritative: packet.flag_aa,
      recursionAvailable: packet.flag_ra,
      questions: (packet.questions ?? []).map((q) => ({ name: name(q.name), type: String(q.type), class: String(q.class ?? 'IN') })),
      records,
      dropped,
    },
  };
}

function toRecord(a: dnsPacket.Answer): DnsRecord | null {
  if (a.type === 'OPT') return null;
  if ((a.class ?? 'IN') !== 'IN') return null;
  const base = { name: name(a.name), ttl: ttlOf(a.ttl) };
  switch (a.type) {
    case 'A':
    case 'AAAA':
      return typeof a.data === 'string' ? { ...base, type: a.type, data: a.data.toLowerCase() } : null;
    case 'CNAME':
      return typeof a.data === 'string' ? { ...base, type: 'CNAME', data: name(a.data) } : null;
    case 'SRV': {
      const d = a.data;
      return { ...base, type: 'SRV', data: { priority: d.priority ?? 0, weight: d.weight ?? 0, port: d.port, target: name(d.target) } };
    }
    case 'NAPTR': {
      const d = a.data;
      return {
        ...base,
        type: 'NAPTR',
        data: {
          order: d.order,
          preference: d.preference,
          flags: escapeText(String(d.flags ?? '')),
          services: escapeText(String(d.services ?? '')),
          regexp: escapeText(String(d.regexp ?? '')),
          replacement: name(d.replacement),
        },
      };
    }
    default:
      return null;
  }
}

/** How a decoded response relates to the question asked. */
export type MatchResult = 'match' | 'wrong-id' | 'wrong-question' | 'not-response';

/**
 * RFC 5452 §9.1: accept a response only when it is a response, carries our ID and echoes exactly
 * our question (name case-insensitively, type, class IN).
 */
export function matchResponse(r: DecodedResponse, id: number, qname: string, qtype: QueryType): MatchResult {
  if (!r.isResponse || r.opcode !== 'QUERY') return 'not-response';
  if (r.id !== id) return 'wrong-id';
  // Error answers may come without the question (RFC 6891 §7: FORMERR from servers without
  // EDNS); they carry no data, so accepting them cannot poison anything.
  if (r.questions.length === 0 && r.records.length === 0 && r.rcode !== 'NOERROR' && r.rcode !== 'NXDOMAIN') return 'match';
  const q = r.questions[0];
  if (r.questions.length !== 1 || !q || q.name !== normalizeName(qname) || q.type !== qtype || q.class !== 'IN') return 'wrong-question';
  return 'match';
}
