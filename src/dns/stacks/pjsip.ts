import { isIPv4, isIPv6 } from '../../core/uri/host.js';
import type { ResolveResult } from '../resolve-result.js';
import { srvDeterministicOrder } from '../srv-order.js';
import { srvName, TRANSPORT_INFO, type Transport } from '../transports.js';
import type { StackTarget, StackView } from './stack-view.js';
import { describeAnswer, type ZoneView } from './zone-view.js';

/**
 * pjsip keeps at most 8 entries: PJSIP_MAX_RESOLVED_ADDRESSES (pjsip/include/pjsip/sip_resolve.h)
 * and PJ_DNS_SRV_MAX_ADDR (pjlib-util/include/pjlib-util/config.h) are both 8 by default.
 */
const PJSIP_MAX = 8;

const SOURCES = [
  'pjsip/src/pjsip/sip_resolve.c pjsip_resolve(): no NAPTR (PJ_TODO(SUPPORT_DNS_NAPTR)); UDP when no transport is given, TLS for sips',
  'pjlib-util/src/pjlib-util/srv_resolver.c build_server_entries(): priority order, RFC 2782 weight draw, empty (".") targets dropped, IP-literal targets accepted',
  'srv_resolver.c dns_callback(): truncated SRV answers discarded (PJ_DNS_RESOLVER_DISCARD_TRUNCATED_ANSWER); no SRV → A/AAAA of the domain (PJ_DNS_SRV_FALLBACK_A|_AAAA)',
];

/**
 * pjsip (pjproject 2.x) with its defaults, modelled on sip_resolve.c and srv_resolver.c: never
 * NAPTR; one SRV query for the transport it picks (UDP unless told otherwise); A and AAAA of
 * each SRV target; the domain's A/AAAA when the SRV query gives nothing usable.
 */
export function pjsipView(r: ResolveResult, view: ZoneView): StackView {
  const t = r.target;
  const notes: string[] = [];
  const steps: string[] = [];
  const transport: Transport = t.transport ?? (t.scheme === 'sips' ? 'tls' : 'udp');
  const base = { id: 'pjsip' as const, name: 'pjsip', settings: 'pjproject 2.x defaults: no NAPTR, UDP unless the URI says otherwise, A and AAAA', sources: SOURCES };
  if (!t.transport) notes.push(`no transport in the URI: pjsip assumes ${TRANSPORT_INFO[transport].label} and never asks NAPTR`);
  if (transport === 'ws' || transport === 'wss' || transport === 'sctp' || transport === 'tls-sctp') {
    return { ...base, steps, targets: [], outcome: 'no-target', agreesWithRfc: false, notes: [`pjsip has no ${TRANSPORT_INFO[transport].label} client transport (pjsip #3239, #4454)`] };
  }
  if (t.hostType !== 'domain') {
    const port = t.port ?? TRANSPORT_INFO[transport].defaultPort;
    const targets = [{ transport, host: t.host, address: t.host, port }];
    return { ...base, steps: [`${t.host} is an IP address: no DNS`], targets, outcome: 'ok', agreesWithRfc: sameFirst(targets[0], r.targets[0]), notes };
  }
  const addresses = (host: string, port: number): StackTarget[] => {
    const a = view.a(host);
    const aaaa = view.aaaa(host);
    steps.push(`${host} A: ${describeAnswer(a)}; AAAA: ${describeAnswer(aaaa)}`);
    return [...a.records, ...aaaa.records].map((rec) => ({ transport, host, address: rec.data, port }));
  };
  let targets: StackTarget[] = [];
  let unknown = false;
  if (t.port !== null) {
    steps.push(`port ${t.port} given: A/AAAA only`);
    targets = addresses(t.host, t.port);
  } else {
    const name = srvName(transport, t.host);
    const srv = view.srv(name);
    steps.push(`${name} SRV: ${describeAnswer(srv)}`);
    unknown = srv.status === 'not-looked-up';
    let entries = srv.truncated ? [] : srvDeterministicOrder(srv.records).filter((e) => e.data.target !== '.');
    if (srv.truncated) notes.push('the SRV answer was truncated over UDP: pjsip discards it and falls back to the A record');
    if (srv.records.some((e) => e.data.target === '.')) notes.push('pjsip drops "." SRV targets and, with none left, falls back to the A record of the domain');
    if (entries.length > PJSIP_MAX) {
      notes.push(`only the first ${PJSIP_MAX} SRV entries are kept`);
      entries = entries.slice(0, PJSIP_MAX);
    }
    if (entries.length === 0) {
      steps.push(`no usable SRV record: A/AAAA of ${t.host}, port ${TRANSPORT_INFO[transport].defaultPort}`);
      targets = addresses(t.host, TRANSPORT_INFO[transport].defaultPort);
    } else {
      for (const e of entries) {
        const d = e.data;
        if (isIPv4(d.target) || isIPv6(d.target)) targets.push({ transport, host: d.target, address: d.target, port: d.port });
        else targets.push(...addresses(d.target, d.port));
      }
    }
  }
  targets = targets.slice(0, PJSIP_MAX);
  const first = targets[0];
  const rfc = r.targets[0];
  return {
    ...base,
    steps,
    targets,
    outcome: targets.length > 0 ? 'ok' : unknown ? 'unknown' : 'no-target',
    agreesWithRfc: sameFirst(first, rfc),
    notes: targets.length === 0 ? [...notes, 'pjsip reports the DNS failure as a local 502 (pjsip #870)'] : notes,
  };
}

export function sameFirst(a: StackTarget | undefined, b: StackTarget | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.transport === b.transport && a.address === b.address && a.port === b.port;
}
