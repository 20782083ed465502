import { isIPv4, isIPv6 } from '../../core/uri/host.js';
import type { ResolveResult } from '../resolve-result.js';
import { srvDeterministicOrder } from '../srv-order.js';
import { srvName, TRANSPORT_INFO, transportForService, type Transport } from '../transports.js';
import type { NaptrRecord } from '../types.js';
import { sameFirst } from './pjsip.js';
import type { StackTarget, StackView } from './stack-view.js';
import { describeAnswer, type ZoneView } from './zone-view.js';

/** cfg_core.c defaults: dns_udp_pref 30, dns_tcp_pref 20, dns_tls_pref 10 (SCTP assumed off). */
const PREF: Partial<Record<Transport, number>> = { udp: 30, tcp: 20, tls: 10 };
/** The transports a Kamailio with UDP, TCP and TLS listeners (tls module loaded) supports. */
const SUPPORTED: Transport[] = ['udp', 'tcp', 'tls'];

const SOURCES = [
  'src/core/cfg_core.c: dns_try_naptr=0, dns_naptr_ignore_rfc=1, dns_udp_pref=30, dns_tcp_pref=20, dns_tls_pref=10, use_dns_cache=1, use_dns_failover=0, dns_srv_lb=0',
  'src/core/dns_cache.c dns_srv_sip_resolve(): no transport → SRV per protocol in preference order (create_srv_pref_list), first that resolves wins; else A/AAAA with UDP 5060',
  'src/core/dns_cache.c dns_srv_resolve_nxt(): without dns_srv_lb, SRV records in priority order, heavier weight first; dns_ip_resolve(): A first, AAAA only when there is no A',
  'src/core/resolve.c naptr_get_sip_proto(), naptr_choose(): NAPTR only with flags "s", an empty regexp and SIP+D2U/D2T/D2S or SIPS+D2T; ranked by local protocol preference before order',
];

/**
 * Kamailio 5.x/6.x core resolver with default settings (and, with `naptr`, dns_try_naptr=1),
 * modelled on resolve.c and dns_cache.c. With use_dns_failover off, only the first address
 * found is used.
 */
export function kamailioView(r: ResolveResult, view: ZoneView, naptr: boolean): StackView {
  const t = r.target;
  const steps: string[] = [];
  const notes: string[] = [];
  const base = {
    id: naptr ? ('kamailio-naptr' as const) : ('kamailio' as const),
    name: naptr ? 'Kamailio (dns_try_naptr=1)' : 'Kamailio',
    settings: naptr ? 'defaults plus dns_try_naptr=1 (dns_naptr_ignore_rfc=1 by default); UDP, TCP and TLS listeners' : 'defaults: dns_try_naptr=0, use_dns_failover=0; UDP, TCP and TLS listeners',
    sources: SOURCES,
  };
  const finish = (targets: StackTarget[], unknown = false): StackView => {
    const first = targets.slice(0, 1);
    if (targets.length > 0) notes.push('use_dns_failover=0: only this first address is used; no failover to other SRV targets or addresses');
    return { ...base, steps, targets: first, outcome: first.length > 0 ? 'ok' : unknown ? 'unknown' : 'no-target', agreesWithRfc: sameFirst(first[0], r.targets[0]), notes };
  };
  const proto: Transport | null = t.transport ?? (t.scheme === 'sips' ? 'tls' : null);
  if (proto && !SUPPORTED.includes(proto)) {
    notes.push(`${TRANSPORT_INFO[proto].label} destinations are not resolved through the core SRV procedure in this model`);
    return { ...base, steps, targets: [], outcome: 'unknown', agreesWithRfc: false, notes };
  }
  const firstAddress = (host: string, port: number, transport: Transport): StackTarget | null => {
    if (isIPv4(host) || isIPv6(host)) return { transport, host, address: host, port };
    const a = view.a(host);
    const aaaa = view.aaaa(host);
    steps.push(`${host} A: ${describeAnswer(a)}${a.records.length === 0 ? `; AAAA: ${describeAnswer(aaaa)}` : ''}`);
    const rec = a.records[0] ?? aaaa.records[0];
    return rec ? { transport, host, address: rec.data, port } : null;
  };
  if (t.hostType !== 'domain') {
    const tr = proto ?? 'udp';
    steps.push(`${t.host} is an IP address: no DNS`);
    return finish([{ transport: tr, host: t.host, address: t.host, port: t.port ?? TRANSPORT_INFO[tr].defaultPort }]);
  }
  if (t.port !== null) {
    steps.push(`port ${t.port} given: A, then AAAA`);
    const tg = firstAddress(t.host, t.port, proto ?? 'udp');
    return finish(tg ? [tg] : []);
  }
  let unknown = false;
  const srvFirst = (name: string, transport: Transport): StackTarget | null => {
    const srv = view.srv(name);
    steps.push(`${name} SRV: ${describeAnswer(srv)}`);
    if (srv.status === 'not-looked-up') unknown = true;
    for (const e of srvDeterministicOrder(srv.records)) {
      if (e.data.target === '.') continue;
      const tg = firstAddress(e.data.target, e.data.port, transport);
      if (tg) return tg;
    }
    return null;
  };
  if (naptr && !proto) {
    const n = view.naptr(t.host);
    steps.push(`${t.host} NAPTR: ${describeAnswer(n)}`);
    const ranked = rankNaptr(n.records);
    const dropped = n.records.length - ranked.length;
    if (dropped > 0) notes.push(`${dropped} NAPTR record(s) dropped (regexp, flags other than "s", or a service Kamailio does not take)`);
    if (ranked.length > 1 && ranked.some((x, i) => i > 0 && x.record.data.order < ranked[i - 1]!.record.data.order)) {
      notes.push('dns_naptr_ignore_rfc=1: NAPTR records are ranked by local protocol preference (UDP 30 > TCP 20 > TLS 10) before their order');
    }
    for (const { record, transport } of ranked) {
      const tg = srvFirst(record.data.replacement, transport);
      if (tg) return finish([tg], unknown);
    }
    if (ranked.length > 0) steps.push('no NAPTR record led to an address: falling back to SRV');
  } else if (!naptr) {
    const n = view.naptr(t.host);
    if (n.records.length > 0) notes.push('dns_try_naptr=0: the NAPTR records are never read');
  }
  const order = proto ? [proto] : SUPPORTED;
  for (const tr of order) {
    const tg = srvFirst(srvName(tr, t.host), tr);
    if (tg) return finish([tg], unknown);
  }
  const tr = proto ?? 'udp';
  steps.push(`no SRV record led to an address: A/AAAA of ${t.host}, ${TRANSPORT_INFO[tr].label} port ${TRANSPORT_INFO[tr].defaultPort}`);
  const tg = firstAddress(t.host, TRANSPORT_INFO[tr].defaultPort, tr);
  return finish(tg ? [tg] : [], unknown);
}

/** naptr_get_sip_proto + naptr_choose: usable records, best local preference first, then order, then preference. */
function rankNaptr(records: readonly NaptrRecord[]): Array<{ record: NaptrRecord; transport: Transport }> {
  const out: Array<{ record: NaptrRecord; transport: Transport; i: number }> = [];
  records.forEach((record, i) => {
    const d = record.data;
    if (d.flags.length !== 1 || d.flags.toLowerCase() !== 's' || d.regexp !== '') return;
    const transport = transportForService(d.services);
    if (!transport || !['udp', 'tcp', 'tls', 'sctp'].includes(transport) || !SUPPORTED.includes(transport)) return;
    out.push({ record, transport, i });
  });
  return out
    .sort((a, b) => (PREF[b.transport] ?? 0) - (PREF[a.transport] ?? 0) || a.record.data.order - b.record.data.order || a.record.data.preference - b.record.data.preference || a.i - b.i)
    .map(({ record, transport }) => ({ record, transport }));
}
