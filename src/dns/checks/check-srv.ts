import { isIPv4, isIPv6 } from '../../core/uri/host.js';
import { isHostName } from '../dns-name.js';
import { makeFinding, type Finding } from '../findings.js';
import type { ResolveResult, SrvStep } from '../resolve-result.js';
import { TRANSPORT_INFO } from '../transports.js';

function records(s: SrvStep | undefined): number {
  return s ? s.entries.filter((e) => !e.unavailable).length : 0;
}

function absent(s: SrvStep | undefined): boolean {
  return s !== undefined && (s.lookup.status === 'nxdomain' || s.lookup.status === 'nodata');
}

/** Findings about SRV records and their targets (RFC 2782, RFC 3263 §4.2). */
export function checkSrv(r: ResolveResult): Finding[] {
  const out: Finding[] = [];
  const host = (name: string) => r.hosts.find((h) => h.name === name);
  for (const s of r.srv) {
    if (s.entries.length === 0) continue;
    const sev = s.onPath ? undefined : 'warning';
    if (s.nonStandard) {
      const std = r.srv.find((x) => x.name === `_sips._tcp.${s.name.split('.').slice(2).join('.')}`);
      out.push(makeFinding('DNS_SRV_NONSTANDARD_TLS', `${s.name} has ${s.entries.length} SRV record(s); RFC clients ask _sips._tcp${records(std) === 0 ? ', which has none' : ''}`, s.name));
    }
    const dots = s.entries.filter((e) => e.unavailable).length;
    if (dots > 0 && dots < s.entries.length) out.push(makeFinding('DNS_SRV_DOT_MIXED', `${s.name} has a "." target next to ${s.entries.length - dots} real target(s)`, s.name));
    if (dots === s.entries.length) out.push(makeFinding('DNS_SRV_UNAVAILABLE', `${s.name} SRV "." : the domain says ${s.transport ? TRANSPORT_INFO[s.transport].label : 'this service'} is not available`, s.name));

    const prios = new Map<number, number[]>();
    for (const e of s.entries) prios.set(e.record.data.priority, [...(prios.get(e.record.data.priority) ?? []), e.record.data.weight]);
    for (const [p, ws] of prios) {
      if (ws.some((w) => w === 0) && ws.some((w) => w > 0)) out.push(makeFinding('DNS_SRV_WEIGHT_ZERO_MIX', `${s.name} priority ${p}: weight-0 target(s) next to weighted ones`, s.name));
    }

    const canon = new Map<string, string[]>();
    for (const e of s.entries) {
      if (e.unavailable) continue;
      const d = e.record.data;
      const where = `${s.name} SRV ${d.priority} ${d.weight} ${d.port} ${d.target}`;
      if (d.port === 0) out.push(makeFinding('DNS_SRV_PORT_ZERO', `${where}: port 0`, s.name, sev));
      if (s.transport) {
        const secure = TRANSPORT_INFO[s.transport].secure;
        if (secure && d.port === 5060) out.push(makeFinding('DNS_SRV_PORT_MISMATCH', `${where}: port 5060 for ${TRANSPORT_INFO[s.transport].label}`, s.name));
        if (!secure && d.port === 5061 && s.transport !== 'ws') out.push(makeFinding('DNS_SRV_PORT_MISMATCH', `${where}: port 5061 (the TLS port) for ${TRANSPORT_INFO[s.transport].label}`, s.name));
      }
      if (isIPv4(d.target) || isIPv6(d.target)) {
        out.push(makeFinding('DNS_SRV_TARGET_IP', `${where}: the target is an IP address`, s.name));
        continue;
      }
      if (!isHostName(d.target)) {
        out.push(makeFinding('DNS_INVALID_NAME', `${where}: "${d.target}" is not a host name`, s.name, sev));
        continue;
      }
      const h = host(d.target);
      if (!h) continue;
      const cnames = [...(h.a?.cnames ?? []), ...(h.aaaa?.cnames ?? [])];
      if (cnames.length > 0) out.push(makeFinding('DNS_SRV_TARGET_CNAME', `${where}: ${d.target} is a CNAME for ${cnames[cnames.length - 1]!.data}`, d.target));
      const looked = [h.a, h.aaaa].filter((l) => l !== null);
      const definite = looked.length > 0 && looked.every((l) => l.status === 'nxdomain' || l.status === 'nodata');
      if (h.addresses.length === 0 && definite) {
        const why = looked.some((l) => l.status === 'nxdomain') ? 'the name does not exist (NXDOMAIN)' : 'no A or AAAA record';
        out.push(makeFinding('DNS_SRV_TARGET_NO_ADDRESS', `${where}: ${d.target} has ${why}`, d.target, sev));
      }
      const c = h.a?.canonicalName ?? h.aaaa?.canonicalName ?? d.target;
      canon.set(c, [...(canon.get(c) ?? []), d.target]);
    }
    for (const [c, names] of canon) {
      const distinct = [...new Set(names)];
      if (distinct.length > 1) out.push(makeFinding('DNS_SRV_SAME_HOST', `${s.name}: ${distinct.join(' and ')} are all ${c}`, s.name));
    }
  }

  // which standard names a client finds (only when they were all looked up)
  const domain = r.target.host;
  const std = (p: string) => r.srv.find((s) => s.name === `${p}.${domain}`);
  const sipsTcp = std('_sips._tcp');
  const sipTcp = std('_sip._tcp');
  const sipUdp = std('_sip._udp');
  if (records(sipsTcp) > 0 && absent(sipTcp) && absent(sipUdp)) {
    out.push(makeFinding('DNS_SRV_SIPS_ONLY', `${domain} publishes only _sips._tcp; _sip._tcp and _sip._udp have no records`, domain));
  }
  if (records(sipTcp) > 0 && absent(sipUdp)) {
    out.push(makeFinding('DNS_SRV_NO_UDP', `${domain} publishes _sip._tcp but no _sip._udp`, domain));
  }
  return out;
}
