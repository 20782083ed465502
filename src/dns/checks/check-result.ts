import { nonPublicReason } from '../address-class.js';
import { makeFinding, type Finding } from '../findings.js';
import type { ResolveResult } from '../resolve-result.js';
import { TRANSPORT_INFO } from '../transports.js';
import type { DnsAnswer, DnsRecord } from '../types.js';
import { checkNaptr } from './check-naptr.js';
import { checkQueries } from './check-queries.js';
import { checkSrv } from './check-srv.js';
import { listNames, pathIndex } from './path-index.js';

/** Records with a TTL under this are reported as very low. */
export const LOW_TTL = 60;

/** Every finding for a finished resolution (unsorted; see sortFindings). */
export function checkResult(r: ResolveResult, sent: readonly DnsAnswer[]): Finding[] {
  const path = pathIndex(r);
  return [...checkTarget(r), ...checkOutcome(r), ...checkQueries(r, sent, path), ...checkNaptr(r), ...checkSrv(r), ...checkAddresses(r), ...checkTtl(r)];
}

function checkTarget(r: ResolveResult): Finding[] {
  const out: Finding[] = [];
  const t = r.target;
  if (t.unknownTransport) out.push(makeFinding('DNS_UNKNOWN_TRANSPORT_PARAM', `transport=${t.unknownTransport} in ${t.uri}`, t.host));
  if (t.scheme === 'sips' && t.transport && !TRANSPORT_INFO[t.transport].secure) out.push(makeFinding('DNS_SIPS_INSECURE_TRANSPORT', `${t.uri} asks for ${TRANSPORT_INFO[t.transport].label}`, t.host));
  if (t.maddr) out.push(makeFinding('DNS_MADDR_USED', `maddr=${t.maddr} is resolved instead of ${t.uriHost}`, t.maddr));
  if (r.procedure === 'ip') out.push(makeFinding('DNS_NUMERIC_TARGET', `${t.host} is an IP address: sent to port ${r.targets[0]?.port ?? '?'} over ${r.targets[0] ? TRANSPORT_INFO[r.targets[0].transport].label : '?'}, nothing looked up`, t.host));
  if (r.procedure === 'a') {
    const naptr = r.naptr?.entries.some((e) => e.skip === null) ?? false;
    const srv = r.srv.filter((s) => !s.nonStandard && s.entries.some((e) => !e.unavailable));
    if (naptr || srv.length > 0) {
      out.push(makeFinding('DNS_PORT_BYPASSES_SRV', `port ${t.port} in ${t.uri}: ${naptr ? 'the NAPTR records and ' : ''}${srv.length} SRV set(s) (${listNames(srv.map((s) => s.name))}) are not used`, t.host));
    }
  }
  return out;
}

function checkOutcome(r: ResolveResult): Finding[] {
  const out: Finding[] = [];
  const domain = r.hosts.find((h) => h.name === r.target.host);
  const lookups = [domain?.a, domain?.aaaa, r.naptr?.lookup].filter((l) => l != null);
  const nx = lookups.length > 0 && lookups.every((l) => l.status === 'nxdomain') && r.srv.every((s) => s.lookup.status === 'nxdomain' || s.nonStandard);
  if (nx && r.procedure !== 'ip') out.push(makeFinding('DNS_DOMAIN_NXDOMAIN', `${r.target.host} does not exist (NXDOMAIN)`, r.target.host));
  if (r.targets.length === 0) {
    const offPath = r.srv.filter((s) => s.onPath && s.entries.length > 0 && s.entries.every((e) => e.unavailable));
    const why = nx ? 'the domain does not exist' : offPath.length > 0 ? `every SRV set on the way says "." (not available): ${listNames(offPath.map((s) => s.name))}` : 'no name on the way has an address';
    out.push(makeFinding('DNS_NO_TARGETS', `${r.target.uri} resolves to no target: ${why}`, r.target.host));
  }
  if (r.procedure === 'srv' && r.transport) {
    const step = r.srv.find((s) => s.onPath);
    if (step && (step.lookup.status === 'nxdomain' || step.lookup.status === 'nodata') && r.targets.length > 0) {
      const offered = (r.naptr?.entries ?? []).filter((e) => e.skip === null).map((e) => TRANSPORT_INFO[e.transport!].label);
      out.push(makeFinding('DNS_TRANSPORT_NOT_ADVERTISED', `no ${step.name} SRV records${offered.length > 0 ? ` and the NAPTR records offer only ${[...new Set(offered)].join(', ')}` : ''}: ${TRANSPORT_INFO[r.transport].label} to port ${TRANSPORT_INFO[r.transport].defaultPort} of the A/AAAA records is a guess`, r.target.host));
    }
  }
  if (r.procedure === 'naptr' && r.targets.length > 0 && !r.targets.some((t) => t.srv !== null)) {
    const naptrUsable = r.naptr?.entries.some((e) => e.skip === null) ?? false;
    if (!naptrUsable) out.push(makeFinding('DNS_A_ONLY', `${r.target.host} has no NAPTR or SRV records; clients use ${r.targets[0]!.address} over ${TRANSPORT_INFO[r.targets[0]!.transport].label} port ${r.targets[0]!.port}`, r.target.host));
  }
  return out;
}

function checkAddresses(r: ResolveResult): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const t of r.targets) {
    const why = nonPublicReason(t.address);
    if (!why || seen.has(t.address)) continue;
    seen.add(t.address);
    out.push(makeFinding('DNS_ADDRESS_NOT_PUBLIC', `${t.host === t.address ? t.address : `${t.host} → ${t.address}`} is ${why}`, t.host));
  }
  const ipv4Asked = r.hosts.some((h) => h.a !== null);
  if (r.procedure !== 'ip' && ipv4Asked && r.targets.length > 0 && r.targets.every((t) => t.family === 6)) {
    out.push(makeFinding('DNS_NO_IPV4', `every target of ${r.target.host} is IPv6 (${listNames(r.targets.map((t) => t.address))})`, r.target.host));
  }
  return out;
}

function checkTtl(r: ResolveResult): Finding[] {
  const zero = new Set<string>();
  const low = new Set<string>();
  let lowest = Infinity;
  const seen = new Set<DnsRecord>();
  for (const l of r.lookups) {
    for (const rec of [...l.cnames, ...l.records]) {
      if (seen.has(rec)) continue;
      seen.add(rec);
      const label = `${rec.name} ${rec.type}`;
      if (rec.ttl === 0) zero.add(label);
      else if (rec.ttl < LOW_TTL) {
        low.add(label);
        lowest = Math.min(lowest, rec.ttl);
      }
    }
  }
  const out: Finding[] = [];
  if (zero.size > 0) out.push(makeFinding('DNS_TTL_ZERO', `TTL 0 on ${listNames([...zero], 4)}`, [...zero][0]!.split(' ')[0]!));
  if (low.size > 0) out.push(makeFinding('DNS_TTL_LOW', `TTL under ${LOW_TTL} s (lowest ${lowest} s) on ${listNames([...low], 4)}`, [...low][0]!.split(' ')[0]!));
  return out;
}
