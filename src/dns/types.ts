/**
 * DNS data as the resolver sees it: the few record types RFC 3263 needs, narrowed from
 * dns-packet's loose answers (only src/dns/decode-response.ts touches those), plus the outcome
 * of one query. Names are lower case without the trailing dot; "." is the root.
 */

/** The record types siptool queries. */
export type QueryType = 'NAPTR' | 'SRV' | 'A' | 'AAAA';

export interface NaptrData {
  order: number;
  preference: number;
  flags: string;
  services: string;
  regexp: string;
  /** Lower case, no trailing dot; "." when the record has no replacement. */
  replacement: string;
}

export interface SrvData {
  priority: number;
  weight: number;
  port: number;
  /** Lower case, no trailing dot; "." means "service decidedly not available" (RFC 2782). */
  target: string;
}

interface RecordBase {
  /** Owner name, lower case, no trailing dot. */
  name: string;
  ttl: number;
}

export type DnsRecord =
  | (RecordBase & { type: 'NAPTR'; data: NaptrData })
  | (RecordBase & { type: 'SRV'; data: SrvData })
  | (RecordBase & { type: 'A' | 'AAAA'; data: string })
  | (RecordBase & { type: 'CNAME'; data: string });

export type NaptrRecord = Extract<DnsRecord, { type: 'NAPTR' }>;
export type SrvRecord = Extract<DnsRecord, { type: 'SRV' }>;
export type AddressRecord = Extract<DnsRecord, { type: 'A' | 'AAAA' }>;
export type CnameRecord = Extract<DnsRecord, { type: 'CNAME' }>;

/**
 * How a query ended. `noerror` has answer records; `nodata` is NOERROR without any (the name
 * exists, the type does not); `nxdomain` is "no such name". `timeout` means no acceptable answer
 * arrived from any server; `malformed` that only undecodable or inconsistent packets did;
 * `network` that the socket failed (ICMP unreachable, connection refused).
 */
export type DnsStatus =
  | 'noerror'
  | 'nodata'
  | 'nxdomain'
  | 'servfail'
  | 'refused'
  | 'formerr'
  | 'notimp'
  | 'rcode'
  | 'timeout'
  | 'malformed'
  | 'network';

/** Answers that arrived but were not accepted, by reason (RFC 5452 §9.1 matching rules). */
export interface IgnoredAnswers {
  /** From another address or port than the server asked. */
  wrongServer: number;
  /** With another query ID. */
  wrongId: number;
  /** Echoing another question (name, type or class). */
  wrongQuestion: number;
  /** That could not be decoded at all, or were not responses. */
  malformed: number;
}

/** The outcome of one query (one name, one type), after retries and TCP fallback. */
export interface DnsAnswer {
  name: string;
  type: QueryType;
  status: DnsStatus;
  /** The RCODE as received (NOERROR, NXDOMAIN, ...), or null when nothing usable arrived. */
  rcode: string | null;
  /** Answer-section records kept (CNAMEs and records of any type), at most the client's cap. */
  records: DnsRecord[];
  /** Answer-section records dropped because the answer held more than the cap. */
  dropped: number;
  /** The server that gave this answer (or was asked last), "host:port". */
  server: string | null;
  /** Transport of the accepted answer. */
  protocol: 'udp' | 'tcp' | null;
  /** The UDP answer had the TC bit. */
  truncated: boolean;
  /** TC was set and the TCP retry failed: `records` are what the truncated answer held. */
  tcpFailed: boolean;
  authoritative: boolean;
  /** The server offers recursion (RA): it follows CNAME chains itself (RFC 1034 §4.3.2). */
  recursionAvailable: boolean;
  /** Packets sent for this query (UDP tries, TCP retry). */
  attempts: number;
  ignored: IgnoredAnswers;
  /** Wall time from the first packet sent to the accepted answer (ms). */
  ms: number;
  /** Served from the run's cache: no packet was sent for this lookup. */
  cached: boolean;
  /** A short description of what went wrong, for timeouts, malformed answers, socket errors. */
  detail: string | null;
}

export function noIgnored(): IgnoredAnswers {
  return { wrongServer: 0, wrongId: 0, wrongQuestion: 0, malformed: 0 };
}

export function ignoredTotal(i: IgnoredAnswers): number {
  return i.wrongServer + i.wrongId + i.wrongQuestion + i.malformed;
}
