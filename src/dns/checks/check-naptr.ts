import { isSipService } from '../classify-naptr.js';
import { makeFinding, type Finding } from '../findings.js';
import type { ResolveResult } from '../resolve-result.js';
import { TRANSPORT_INFO, transportForSrvName, type Transport } from '../transports.js';

function rec(e: { record: { name: string; data: { order: number; preference: number; services: string } } }): string {
  const d = e.record.data;
  return `${e.record.name} NAPTR ${d.order} ${d.preference} ${d.services}`;
}

/** Findings about the NAPTR records (RFC 3263 §4.1). */
export function checkNaptr(r: ResolveResult): Finding[] {
  const out: Finding[] = [];
  const n = r.naptr;
  if (!n || n.entries.length === 0) return out;
  const onPath = r.procedure === 'naptr';
  for (const e of n.entries) {
    const d = e.record.data;
    if (!isSipService(d.services)) continue;
    if (/^sips\+d2u$/i.test(d.services)) out.push(makeFinding('DNS_NAPTR_SIPS_UDP', `${rec(e)} offers SIPS over UDP`, e.record.name));
    else if (!e.transport) out.push(makeFinding('DNS_NAPTR_UNKNOWN_SERVICE', `${rec(e)}: "${d.services}" is not a registered SIP service`, e.record.name));
    else if (d.regexp !== '') out.push(makeFinding('DNS_NAPTR_REGEXP', `${rec(e)} has the regexp "${d.regexp}" instead of a replacement; clients skip it`, e.record.name));
    else if (d.flags.toLowerCase() !== 's') out.push(makeFinding('DNS_NAPTR_FLAGS', `${rec(e)} has flags "${d.flags}"; SIP records use "s" (the next lookup is SRV)`, e.record.name));
    else if (e.skip?.startsWith('the replacement') || e.skip === 'no replacement') out.push(makeFinding('DNS_INVALID_NAME', `${rec(e)}: ${e.skip}`, e.record.name, onPath ? undefined : 'warning'));
    if (e.skip !== null || !e.srv) continue;
    const named = transportForSrvName(e.srv);
    if (named && e.transport && named !== e.transport) {
      out.push(makeFinding('DNS_NAPTR_REPLACEMENT_MISMATCH', `${rec(e)} (${TRANSPORT_INFO[e.transport].label}) points at ${e.srv}, the SRV name for ${TRANSPORT_INFO[named].label}`, e.record.name));
    }
    const step = r.srv.find((s) => s.name === e.srv);
    if (step && (step.lookup.status === 'nxdomain' || step.lookup.status === 'nodata')) {
      out.push(makeFinding('DNS_NAPTR_DANGLING', `${rec(e)} points at ${e.srv}, which has no SRV records (${step.lookup.status === 'nxdomain' ? 'NXDOMAIN' : 'NODATA'})`, e.srv, onPath ? undefined : 'warning'));
    }
  }

  const sip = n.entries.filter((e) => isSipService(e.record.data.services));
  const usable = n.entries.filter((e) => e.skip === null);
  if (sip.length > 0 && usable.length === 0) {
    const secureOnly = r.target.scheme === 'sips' && sip.some((e) => e.transport && !TRANSPORT_INFO[e.transport].secure);
    out.push(makeFinding('DNS_NAPTR_NONE_USABLE', `${sip.length} SIP NAPTR record(s) for ${n.name}, none usable${secureOnly ? ' for a sips: URI' : ''}; RFC 3263 clients fall back to SRV per transport, sofia-sip stops with a 503`, n.name));
  }
  if (usable.length === 0) return out;

  const services = new Set(n.entries.filter((e) => e.skip === null || e.skip.startsWith('a sips:')).map((e) => e.transport));
  const missing = (['tcp', 'udp', 'tls'] as Transport[]).filter((t) => !services.has(t)).map((t) => TRANSPORT_INFO[t].service);
  if (missing.length > 0) out.push(makeFinding('DNS_NAPTR_INCOMPLETE', `no usable ${missing.join(', ')} NAPTR record for ${n.name}`, n.name));

  const sipsOrders = usable.filter((e) => e.transport && TRANSPORT_INFO[e.transport].secure).map((e) => e.record.data.order);
  const sipOrders = usable.filter((e) => e.transport && !TRANSPORT_INFO[e.transport].secure).map((e) => e.record.data.order);
  if (sipsOrders.length > 0 && sipOrders.length > 0 && Math.min(...sipsOrders) > Math.min(...sipOrders)) {
    out.push(makeFinding('DNS_NAPTR_SIPS_NOT_PREFERRED', `the SIPS records of ${n.name} have order ${Math.min(...sipsOrders)}, after SIP records with order ${Math.min(...sipOrders)}`, n.name));
  }

  const listed = new Set(usable.map((e) => e.transport));
  for (const s of r.srv) {
    if (!s.transport || s.nonStandard || listed.has(s.transport) || s.viaNaptr) continue;
    if (!s.name.endsWith(`.${n.name}`) || s.entries.filter((e) => !e.unavailable).length === 0) continue;
    out.push(makeFinding('DNS_SRV_NOT_IN_NAPTR', `${s.name} has SRV records but no NAPTR record of ${n.name} offers ${TRANSPORT_INFO[s.transport].label}`, s.name));
  }

  // pjsip #3305: the SRV sets live under other names, and the domain itself has nothing
  const own = r.srv.filter((s) => s.transport && !s.nonStandard && s.name.endsWith(`.${n.name}`) && s.name.split('.').length === n.name.split('.').length + 2);
  const ownUsable = own.some((s) => s.entries.some((e) => !e.unavailable));
  const domain = r.hosts.find((h) => h.name === n.name);
  if (own.length > 0 && !ownUsable && domain && domain.addresses.length === 0 && r.targets.length > 0 && r.procedure === 'naptr') {
    out.push(makeFinding('DNS_NAPTR_REQUIRED', `${n.name} has no SRV records of its own (${own.map((s) => s.name.split('.').slice(0, 2).join('.')).join(', ')}) and no A/AAAA record: only the NAPTR records lead anywhere`, n.name));
  }
  return out;
}
