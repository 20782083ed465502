import type { Clock, DnsClient } from './dns-client.js';
import { defaultClock } from './dns-client.js';
import { checkResult } from './checks/check-result.js';
import { sortFindings } from './findings.js';
import { parseTarget, type SipTarget } from './parse-target.js';
import type { ChainStep, HostStep, NaptrEntry, Procedure, ResolvedTarget, ResolveResult, SrvStep } from './resolve-result.js';
import { hostable, ResolveRun } from './resolve-run.js';
import { compareStacks } from './stacks/compare-stacks.js';
import { NONSTANDARD_TLS_SRV, srvName, TRANSPORT_INFO, TRANSPORTS, transportsFor, type Transport } from './transports.js';
import { ignoredTotal, type QueryType } from './types.js';

export interface ResolveOptions {
  dns: DnsClient;
  /** Resolve for this transport only (like a transport= parameter). */
  transport?: Transport | null;
  /** Address families to look up (default both). */
  ipv4?: boolean;
  ipv6?: boolean;
  /**
   * Also look up the names RFC 3263 would not need here (every transport's SRV, _sip._tls,
   * the domain's A/AAAA), in the same first round, for the findings and the stack comparison.
   * Default true.
   */
  probe?: boolean;
  /** Compute how pjsip, Kamailio and sofia-sip would resolve the target (default false). */
  stacks?: boolean;
  /** Stop after this many DNS queries (default 200). */
  maxQueries?: number;
  clock?: Clock;
  /** Progress delegate: called when a lookup starts. */
  onQuery?: (name: string, type: QueryType) => void;
}

/**
 * Resolves a SIP target the way RFC 3263 §4 says a client must, and reports what it found on
 * the way. Never throws for DNS trouble (that becomes findings); throws DnsError
 * DNS_ERR_BAD_TARGET only for a target that cannot be resolved at all.
 */
export async function resolveSip(input: string | SipTarget, options: ResolveOptions): Promise<ResolveResult> {
  const clock = options.clock ?? defaultClock;
  const started = clock();
  const target = typeof input === 'string' ? parseTarget(input, options.transport ?? null) : input;
  const run = new ResolveRun(options.dns, { ipv4: options.ipv4 ?? true, ipv6: options.ipv6 ?? true, maxQueries: options.maxQueries ?? 200, onQuery: options.onQuery });
  const secure = target.scheme === 'sips';
  const procedure: Procedure = target.hostType !== 'domain' ? 'ip' : target.port !== null ? 'a' : target.transport ? 'srv' : 'naptr';

  if (procedure !== 'ip' && (options.probe ?? true)) {
    // first round: everything that does not depend on another answer, in parallel
    void run.naptr(target.host, 1, secure);
    for (const t of TRANSPORTS) void run.srv(srvName(t, target.host), 1);
    for (const p of NONSTANDARD_TLS_SRV) void run.srv(`${p}.${target.host}`, 1);
    void run.host(target.host, 1);
  }

  const targets = dedupe(await followPath(run, target, procedure, secure));
  const { naptr, srv, hosts } = await run.settle();
  const sent = await Promise.all(run.client.sent.map((s) => s.answer));
  const result: ResolveResult = {
    target,
    procedure,
    transport: target.transport,
    hostType: target.hostType,
    servers: [...run.client.servers],
    naptr,
    srv,
    hosts,
    targets,
    findings: [],
    stacks: null,
    lookups: run.lookups,
    stats: {
      queries: sent.length,
      cacheHits: run.lookups.reduce((n, l) => n + l.answers.filter((a) => a.cached).length, 0),
      roundTrips: run.client.sent.reduce((m, s) => Math.max(m, s.depth), 0),
      ms: 0,
      ignoredAnswers: sent.reduce((n, a) => n + ignoredTotal(a.ignored), 0),
    },
  };
  result.findings = sortFindings(checkResult(result, sent));
  if (options.stacks) result.stacks = compareStacks(result);
  result.stats.ms = clock() - started;
  return result;
}

/** The RFC 3263 §4.1-4.2 procedure proper: returns the failover list. */
async function followPath(run: ResolveRun, target: SipTarget, procedure: Procedure, secure: boolean): Promise<ResolvedTarget[]> {
  const fallbackTransport: Transport = target.transport ?? (secure ? 'tls' : 'udp');
  switch (procedure) {
    case 'ip': {
      const family = target.hostType === 'ipv6' ? 6 : 4;
      const port = target.port ?? TRANSPORT_INFO[fallbackTransport].defaultPort;
      return [{ transport: fallbackTransport, host: target.host, address: target.host, family, port, priority: null, weight: null, probability: null, naptr: null, srv: null, ttl: null, chain: [] }];
    }
    case 'a':
      return fromHost(await run.host(target.host, 1), fallbackTransport, target.port!, []);
    case 'srv': {
      const t = target.transport!;
      const step = await run.srv(srvName(t, target.host), 1);
      step.onPath = true;
      const out = await fromSrv(run, step, t, [], 2);
      if (out.length > 0 || step.entries.some((e) => e.unavailable)) return out;
      return fromHost(await run.host(target.host, 2), t, TRANSPORT_INFO[t].defaultPort, []);
    }
    case 'naptr':
      return naptrPath(run, target, secure);
  }
}

async function naptrPath(run: ResolveRun, target: SipTarget, secure: boolean): Promise<ResolvedTarget[]> {
  const naptr = await run.naptr(target.host, 1, secure);
  const usable = naptr.entries.filter((e) => e.skip === null);
  const out: ResolvedTarget[] = [];
  let anySrv = false;
  if (usable.length > 0) {
    // RFC 3263 §4.1: the NAPTR records give the transports, in order then preference
    // all SRV sets of the level at once, then walked in NAPTR order
    const steps = usable.map((e) => run.srv(e.srv!, 2));
    for (const [i, e] of usable.entries()) {
      const step = await steps[i]!;
      step.onPath = true;
      step.viaNaptr ??= e.record;
      if (step.entries.length > 0) anySrv = true;
      out.push(...(await fromSrv(run, step, e.transport!, [naptrChain(e, naptr.lookup.ms)], 3)));
    }
    if (anySrv) return out;
    // RFC 3263 §4.2: no SRV records at all: A/AAAA of the domain with the NAPTR's transport
    return fromHost(await run.host(target.host, 2), usable[0]!.transport!, TRANSPORT_INFO[usable[0]!.transport!].defaultPort, []);
  }
  // RFC 3263 §4.1: no (usable) NAPTR: an SRV query per supported transport
  const steps = await Promise.all(transportsFor(secure).map(async (t) => ({ t, step: await run.srv(srvName(t, target.host), 1) })));
  for (const { t, step } of steps) {
    step.onPath = true;
    if (step.entries.length > 0) anySrv = true;
    out.push(...(await fromSrv(run, step, t, [], 2)));
  }
  if (anySrv) return out;
  // no SRV either: A/AAAA, UDP for SIP and TLS for SIPS (RFC 3263 §4.1, last paragraph)
  const t: Transport = secure ? 'tls' : 'udp';
  return fromHost(await run.host(target.host, 2), t, TRANSPORT_INFO[t].defaultPort, []);
}

function naptrChain(e: NaptrEntry, ms: number): ChainStep {
  const d = e.record.data;
  return { name: e.record.name, type: 'NAPTR', ttl: e.record.ttl, data: `${d.order} ${d.preference} "${d.flags}" "${d.services}" "${d.regexp}" ${dotted(d.replacement)}`, ms };
}

async function fromSrv(run: ResolveRun, step: SrvStep, transport: Transport, chain: ChainStep[], depth: number): Promise<ResolvedTarget[]> {
  const out: ResolvedTarget[] = [];
  const naptr = chain[0]?.type === 'NAPTR' && step.viaNaptr ? { order: step.viaNaptr.data.order, preference: step.viaNaptr.data.preference, service: step.viaNaptr.data.services } : null;
  for (const e of step.entries) {
    const d = e.record.data;
    if (e.unavailable || !hostable(d.target)) continue;
    const host = await run.host(d.target, depth);
    const srvStep: ChainStep = { name: step.name, type: 'SRV', ttl: e.record.ttl, data: `${d.priority} ${d.weight} ${d.port} ${dotted(d.target)}`, ms: step.lookup.ms };
    for (const t of fromHost(host, transport, d.port, [...chain, srvStep])) {
      out.push({ ...t, priority: d.priority, weight: d.weight, probability: e.probability, naptr, srv: step.name });
    }
  }
  return out;
}

function fromHost(host: HostStep, transport: Transport, port: number, chain: ChainStep[]): ResolvedTarget[] {
  host.onPath = true;
  const aliases = (l: HostStep['a']): ChainStep[] => (l ? l.cnames.map((c) => ({ name: c.name, type: 'CNAME' as const, ttl: c.ttl, data: dotted(c.data), ms: l.ms })) : []);
  return host.addresses.map((rec) => {
    const l = rec.type === 'A' ? host.a : host.aaaa;
    const steps: ChainStep[] = [...chain, ...aliases(l), ...(host.literal ? [] : [{ name: rec.name, type: rec.type, ttl: rec.ttl, data: rec.data, ms: l?.ms ?? 0 }])];
    const ttl = steps.length > 0 ? Math.min(...steps.map((s) => s.ttl)) : null;
    return { transport, host: host.name, address: rec.data, family: rec.type === 'A' ? 4 : 6, port, priority: null, weight: null, probability: null, naptr: null, srv: null, ttl, chain: steps };
  });
}

/** A client does not try the same transport, address and port twice; the first place counts. */
function dedupe(targets: ResolvedTarget[]): ResolvedTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const k = `${t.transport}|${t.address}|${t.port}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A name in presentation form: "host.example." and the root as ".". */
function dotted(name: string): string {
  return name === '.' ? '.' : `${name}.`;
}
