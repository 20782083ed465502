import type { HostType } from '../core/uri/host.js';
import type { Finding } from './findings.js';
import type { Lookup } from './lookup.js';
import type { SipTarget } from './parse-target.js';
import type { StackView } from './stacks/stack-view.js';
import type { Transport } from './transports.js';
import type { AddressRecord, NaptrRecord, SrvRecord } from './types.js';

/**
 * Which branch of RFC 3263 §4.1-4.2 decided the targets: a numeric IP (no DNS), an explicit
 * port (A/AAAA only), an explicit transport (SRV for it), or the full NAPTR procedure (which
 * falls back to SRV per transport and then to A/AAAA).
 */
export type Procedure = 'ip' | 'a' | 'srv' | 'naptr';

export interface NaptrEntry {
  record: NaptrRecord;
  /** The transport the service field names, or null (not SIP, or unknown). */
  transport: Transport | null;
  /** Why a client skips this record, or null when it is usable. */
  skip: string | null;
  /** The SRV name a client queries next (the replacement), when usable. */
  srv: string | null;
}

export interface NaptrStep {
  name: string;
  lookup: Lookup<NaptrRecord>;
  /** Every NAPTR record, by order then preference (RFC 3403 §4.1). */
  entries: NaptrEntry[];
}

export interface SrvEntry {
  record: SrvRecord;
  /** Chance of being tried first among the records of its priority (RFC 2782). */
  probability: number;
  /** The target is "." (service not available). */
  unavailable: boolean;
}

export interface SrvStep {
  name: string;
  /** The transport the owner name is for (_sip._udp → udp), or null for other names. */
  transport: Transport | null;
  /** _sip._tls / _sips._tls: published by some providers, never queried by RFC clients. */
  nonStandard: boolean;
  /** Used by the RFC 3263 procedure (false: looked up only for diagnosis). */
  onPath: boolean;
  /** Reached through this NAPTR record (the first one, when several point here). */
  viaNaptr: NaptrRecord | null;
  lookup: Lookup<SrvRecord>;
  /** By priority, then weight (heaviest first): the most likely order. */
  entries: SrvEntry[];
}

export interface HostStep {
  name: string;
  /** The name is an IP literal (an SRV target written as an address): no lookup. */
  literal: boolean;
  a: Lookup<AddressRecord> | null;
  aaaa: Lookup<AddressRecord> | null;
  /** A records first, then AAAA, each as served. */
  addresses: AddressRecord[];
  onPath: boolean;
}

/** One record on the way from the input to a target. */
export interface ChainStep {
  name: string;
  type: 'NAPTR' | 'SRV' | 'CNAME' | 'A' | 'AAAA';
  ttl: number;
  /** The record data as text (dig presentation). */
  data: string;
  /** Time the query for it took (0 for a cache hit). */
  ms: number;
}

export interface ResolvedTarget {
  transport: Transport;
  /** The host name the address belongs to (SRV target or domain); the IP itself for IP targets. */
  host: string;
  address: string;
  family: 4 | 6;
  port: number;
  priority: number | null;
  weight: number | null;
  /** Chance of being tried first within its SRV priority; null without SRV. */
  probability: number | null;
  naptr: { order: number; preference: number; service: string } | null;
  srv: string | null;
  /** Smallest TTL along the chain (how long a client may keep this target). */
  ttl: number | null;
  chain: ChainStep[];
}

export interface ResolveStats {
  /** DNS queries sent (cache hits excluded). */
  queries: number;
  /** Lookups answered from the run's cache. */
  cacheHits: number;
  /** Dependent round trips: the longest chain of queries that had to wait for one another. */
  roundTrips: number;
  ms: number;
  ignoredAnswers: number;
}

export interface ResolveResult {
  target: SipTarget;
  procedure: Procedure;
  /** What the procedure aimed at: the explicit transport, or null (every transport). */
  transport: Transport | null;
  hostType: HostType;
  servers: string[];
  naptr: NaptrStep | null;
  srv: SrvStep[];
  hosts: HostStep[];
  /** The failover list: every target a client tries, in order (RFC 3263 §4.3, RFC 2782). */
  targets: ResolvedTarget[];
  findings: Finding[];
  /** How pjsip, Kamailio and sofia-sip would resolve the same target (when asked for). */
  stacks: StackView[] | null;
  /** Every lookup made, in the order they were started. */
  lookups: Lookup[];
  stats: ResolveStats;
}
