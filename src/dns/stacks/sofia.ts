import { isIPv4, isIPv6 } from '../../core/uri/host.js';
import type { ResolveResult } from '../resolve-result.js';
import { sortNaptr } from '../classify-naptr.js';
import { srvDeterministicOrder } from '../srv-order.js';
import { TRANSPORT_INFO, type Transport } from '../transports.js';
import type { NaptrRecord } from '../types.js';
import { sameFirst } from './pjsip.js';
import type { StackTarget, StackView } from './stack-view.js';
import { describeAnswer, type ZoneView } from './zone-view.js';

/** nta.c sipdns_tports: name, SRV prefix, NAPTR service (the udp/tcp/tls rows of a typical FreeSWITCH profile). */
const TPORTS: Array<{ transport: Transport; prefix: string; service: string }> = [
  { transport: 'udp', prefix: '_sip._udp', service: 'SIP+D2U' },
  { transport: 'tcp', prefix: '_sip._tcp', service: 'SIP+D2T' },
  { transport: 'tls', prefix: '_sips._tcp', service: 'SIPS+D2T' },
];

const SOURCES = [
  'libsofia-sip-ua/nta/nta.c outgoing_resolve(): an explicit port skips NAPTR and SRV; an explicit transport skips NAPTR',
  'nta.c outgoing_naptr_tport(): one transport is chosen from the NAPTR set (a later transport wins only with order <= and a strictly lower preference)',
  'nta.c outgoing_answer_naptr(): any SIP/SIPS NAPTR disables the SRV and A/AAAA fallback ("Use NAPTR results, don\'t try extra SRV/A/AAAA records"); only records of the chosen transport and the first order are used; the regexp field is not read',
  'nta.c outgoing_make_srv_query(), outgoing_query_results(): without NAPTR, SRV for each transport in turn, each target AAAA then A, then the domain itself; failure is a local "503 DNS Error" (SIPDNS_503_ERROR)',
];

/**
 * sofia-sip's nta resolver (as in FreeSWITCH) with NAPTR and SRV on and UDP, TCP and TLS
 * transports, modelled on nta.c. AAAA is asked before A (sa_res_order nta_res_ip6_ip4, the
 * zero default).
 */
export function sofiaView(r: ResolveResult, view: ZoneView): StackView {
  const t = r.target;
  const steps: string[] = [];
  const notes: string[] = [];
  const base = { id: 'sofia-sip' as const, name: 'sofia-sip', settings: 'nta defaults: NAPTR and SRV on; UDP, TCP and TLS transports; AAAA before A', sources: SOURCES };
  const tports = t.scheme === 'sips' ? TPORTS.filter((x) => x.transport === 'tls') : TPORTS;
  let unknown = false;
  const finish = (targets: StackTarget[]): StackView => {
    if (targets.length === 0) notes.push('sofia-sip answers the request itself with "503 DNS Error"');
    return { ...base, steps, targets, outcome: targets.length > 0 ? 'ok' : unknown ? 'unknown' : 'no-target', agreesWithRfc: sameFirst(targets[0], r.targets[0]), notes };
  };
  const hostTargets = (host: string, port: number, transport: Transport): StackTarget[] => {
    if (isIPv4(host) || isIPv6(host)) return [{ transport, host, address: host, port }];
    const aaaa = view.aaaa(host);
    const a = view.a(host);
    if (a.status === 'not-looked-up' && aaaa.status === 'not-looked-up') unknown = true;
    steps.push(`${host} AAAA: ${describeAnswer(aaaa)}; A: ${describeAnswer(a)}`);
    return [...aaaa.records, ...a.records].map((rec) => ({ transport, host, address: rec.data, port }));
  };
  const srvTargets = (name: string, transport: Transport): StackTarget[] => {
    const srv = view.srv(name);
    if (srv.status === 'not-looked-up') unknown = true;
    steps.push(`${name} SRV: ${describeAnswer(srv)}`);
    return srvDeterministicOrder(srv.records).flatMap((e) => (e.data.target === '.' ? [] : hostTargets(e.data.target, e.data.port, transport)));
  };
  const explicit = t.transport ? tports.find((x) => x.transport === t.transport) ?? null : null;
  if (t.transport && !explicit) {
    notes.push(`transport ${TRANSPORT_INFO[t.transport].label} is not one of the modelled agent transports (udp, tcp, tls)`);
    return finish([]);
  }
  const first = explicit ?? tports[0]!;
  if (t.hostType !== 'domain') {
    steps.push(`${t.host} is an IP address: no DNS`);
    return finish([{ transport: first.transport, host: t.host, address: t.host, port: t.port ?? TRANSPORT_INFO[first.transport].defaultPort }]);
  }
  if (t.port !== null) {
    steps.push(`port ${t.port} given: AAAA/A only`);
    return finish(hostTargets(t.host, t.port, first.transport));
  }
  if (!explicit) {
    const n = view.naptr(t.host);
    steps.push(`${t.host} NAPTR: ${describeAnswer(n)}`);
    if (n.status === 'not-looked-up') unknown = true;
    const sorted = sortNaptr(n.records);
    const sip = sorted.filter((x) => /^sips?\+/i.test(x.data.services));
    if (sip.length > 0) {
      const chosen = chooseTport(sorted, tports);
      steps.push(`NAPTR transport chosen: ${TRANSPORT_INFO[chosen.transport].label} (from ${tports.map((x) => x.transport).join(', ')})`);
      notes.push('a SIP NAPTR exists: sofia-sip uses only NAPTR results, no SRV or A/AAAA fallback');
      const matching = sorted.filter((x) => x.data.services.toUpperCase() === chosen.service);
      const order = matching[0]?.data.order;
      const used = matching.filter((x) => x.data.order === order).sort((a, b) => a.data.preference - b.data.preference);
      const best = sortNaptr(sip)[0]!;
      if (best.data.services.toUpperCase() !== chosen.service) notes.push(`the lowest-order NAPTR is ${best.data.services}, but sofia-sip picked ${chosen.service}`);
      if (used.length === 0) notes.push(`no NAPTR record offers ${chosen.service}: nothing to try`);
      const out: StackTarget[] = [];
      for (const x of used) {
        if (x.data.regexp !== '') notes.push(`${x.data.services} has a regexp, which sofia-sip does not read: it follows the replacement "${x.data.replacement}"`);
        const flag = x.data.flags.toLowerCase();
        if (flag === 's') out.push(...srvTargets(x.data.replacement, chosen.transport));
        else if (flag === 'a') out.push(...hostTargets(x.data.replacement, TRANSPORT_INFO[chosen.transport].defaultPort, chosen.transport));
        else notes.push(`flags "${x.data.flags}" on ${x.data.services}: skipped`);
      }
      return finish(out);
    }
  }
  const out: StackTarget[] = [];
  for (const tp of explicit ? [explicit] : tports) out.push(...srvTargets(`${tp.prefix}.${t.host}`, tp.transport));
  if (!explicit || out.length === 0) {
    steps.push(`then the domain itself (${TRANSPORT_INFO[first.transport].label} port ${TRANSPORT_INFO[first.transport].defaultPort})`);
    out.push(...hostTargets(t.host, TRANSPORT_INFO[first.transport].defaultPort, first.transport));
  }
  return finish(out);
}

/** outgoing_naptr_tport(): start with the first transport; a later one replaces it only if its order <= and preference < . */
function chooseTport(sorted: readonly NaptrRecord[], tports: typeof TPORTS): (typeof TPORTS)[number] {
  const first = (service: string): NaptrRecord | undefined => sorted.find((x) => x.data.services.toUpperCase() === service);
  let best = tports[0]!;
  let order = first(best.service)?.data.order ?? 65536;
  let pref = first(best.service)?.data.preference ?? 65536;
  for (const tp of tports.slice(1)) {
    const rec = first(tp.service);
    const o = rec?.data.order ?? 65536;
    const p = rec?.data.preference ?? 65536;
    if (o <= order && p < pref) {
      best = tp;
      order = o;
      pref = p;
    }
  }
  return best;
}
