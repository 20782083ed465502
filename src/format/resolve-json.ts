import type { Json } from '../core/to-json.js';
import type { Lookup } from '../dns/lookup.js';
import type { HostStep, ResolveResult, SrvStep } from '../dns/resolve-result.js';
import type { DnsRecord } from '../dns/types.js';

/** The version of the JSON `siptool resolve --json` prints (docs/json/resolve.md). */
export const RESOLVE_SCHEMA = 'siptool.resolve/1';

const round = (ms: number): number => Math.round(ms * 100) / 100;

function recordJson(r: DnsRecord): Json {
  return { name: r.name, type: r.type, ttl: r.ttl, data: r.data as unknown as Json };
}

function lookupJson(l: Lookup | null): Json {
  if (!l) return null;
  return {
    name: l.name,
    type: l.type,
    status: l.status,
    canonicalName: l.canonicalName,
    cnames: l.cnames.map((c) => ({ name: c.name, target: c.data, ttl: c.ttl })),
    records: l.records.map(recordJson),
    ms: round(l.ms),
    roundTrip: l.depth,
    detail: l.detail,
    queries: l.answers.map((a) => ({
      name: a.name,
      type: a.type,
      status: a.status,
      rcode: a.rcode,
      server: a.server,
      protocol: a.protocol,
      truncated: a.truncated,
      tcpFailed: a.tcpFailed,
      authoritative: a.authoritative,
      recursionAvailable: a.recursionAvailable,
      attempts: a.attempts,
      cached: a.cached,
      ms: round(a.ms),
      records: a.records.length,
      dropped: a.dropped,
      ignored: { ...a.ignored },
      detail: a.detail,
    })),
  };
}

function srvJson(s: SrvStep): Json {
  return {
    name: s.name,
    transport: s.transport,
    nonStandard: s.nonStandard,
    onPath: s.onPath,
    lookup: lookupJson(s.lookup as Lookup),
    records: s.entries.map((e) => ({ ...e.record.data, ttl: e.record.ttl, probability: e.probability, unavailable: e.unavailable })),
  };
}

function hostJson(h: HostStep): Json {
  return {
    name: h.name,
    literal: h.literal,
    onPath: h.onPath,
    addresses: h.addresses.map((a) => ({ address: a.data, family: a.type === 'A' ? 4 : 6, ttl: a.ttl })),
    a: lookupJson(h.a as Lookup | null),
    aaaa: lookupJson(h.aaaa as Lookup | null),
  };
}

/**
 * The JSON document of a resolution (schema siptool.resolve/1). `targets` and `findings` are
 * the stable core; `naptr`, `srv` and `hosts` are the tree; `stacks` only when asked for.
 */
export function resolveResultToJson(r: ResolveResult, opts: { stacks: boolean }): Json {
  const n = (s: string): number => r.findings.filter((f) => f.severity === s).length;
  const t = r.target;
  return {
    schema: RESOLVE_SCHEMA,
    input: t.input,
    target: { uri: t.uri, scheme: t.scheme, host: t.host, hostType: t.hostType, uriHost: t.uriHost, maddr: t.maddr, port: t.port, transport: t.transport },
    procedure: r.procedure,
    transport: r.transport,
    servers: r.servers,
    targets: r.targets.map((x) => ({
      transport: x.transport,
      host: x.host,
      address: x.address,
      family: x.family,
      port: x.port,
      priority: x.priority,
      weight: x.weight,
      probability: x.probability,
      naptr: x.naptr,
      srv: x.srv,
      ttl: x.ttl,
      chain: x.chain.map((s) => ({ ...s, ms: round(s.ms) })),
    })),
    findings: r.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, ref: f.ref, fix: f.fix, name: f.name })),
    naptr: r.naptr
      ? {
          name: r.naptr.name,
          lookup: lookupJson(r.naptr.lookup as Lookup),
          records: r.naptr.entries.map((e) => ({ ...e.record.data, ttl: e.record.ttl, transport: e.transport, usable: e.skip === null, skip: e.skip })),
        }
      : null,
    srv: r.srv.map(srvJson),
    hosts: r.hosts.map(hostJson),
    ...(opts.stacks && r.stacks ? { stacks: r.stacks as unknown as Json } : {}),
    summary: {
      targets: r.targets.length,
      errors: n('error'),
      warnings: n('warning'),
      infos: n('info'),
      queries: r.stats.queries,
      cacheHits: r.stats.cacheHits,
      roundTrips: r.stats.roundTrips,
      ms: round(r.stats.ms),
      ignoredAnswers: r.stats.ignoredAnswers,
    },
  };
}
