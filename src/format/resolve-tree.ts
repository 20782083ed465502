import type { HostStep, NaptrEntry, ResolveResult, SrvStep } from '../dns/resolve-result.js';
import type { Lookup } from '../dns/lookup.js';
import { TRANSPORT_INFO } from '../dns/transports.js';
import type { Palette } from './palette.js';
import { node, renderForest, type TreeNode } from './text-tree.js';

export function fmtMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

export function pct(p: number): string {
  const v = p * 100;
  if (v === 100 || v === 0) return `${v}%`;
  return v < 1 ? `${v.toFixed(2)}%` : `${v.toFixed(1)}%`;
}

/** "NOERROR 2 records · 1.2 ms", "NXDOMAIN · 0.8 ms", "TIMEOUT (no answer)". */
export function lookupStatus(l: Lookup, c: Palette): string {
  const first = l.answers[0];
  const when = first?.cached ? 'cached' : fmtMs(l.ms);
  const extra: string[] = [];
  if (l.answers.some((a) => a.truncated)) extra.push(l.answers.some((a) => a.tcpFailed) ? 'truncated, TCP failed' : 'truncated → TCP');
  if (l.answers.some((a) => a.attempts > 1 && !a.truncated)) extra.push(`${Math.max(...l.answers.map((a) => a.attempts))} tries`);
  const tail = c.dim(` · ${[when, ...extra].join(' · ')}`);
  switch (l.status) {
    case 'noerror':
      return `${c.ok('NOERROR')} ${l.records.length} record${l.records.length === 1 ? '' : 's'}${tail}`;
    case 'nodata':
      return `${c.dim('NOERROR, no records')}${tail}`;
    case 'nxdomain':
      return `${c.dim('NXDOMAIN')}${tail}`;
    default:
      return `${c.error(l.status.toUpperCase())}${l.detail ? c.dim(` (${l.detail})`) : ''}${tail}`;
  }
}

interface Ctx {
  r: ResolveResult;
  c: Palette;
  shown: Set<string>;
}

function hostNodes(h: HostStep | undefined, name: string, x: Ctx): TreeNode[] {
  const { c } = x;
  if (!h) return [node(c.dim(`${name}: not looked up (not a valid host name)`))];
  if (h.literal) return [node(`${c.accent(h.name)} ${c.dim('(an IP address: no lookup)')}`)];
  if (x.shown.has(`host ${h.name}`)) return [node(c.dim(`${h.name} A/AAAA: shown above`))];
  x.shown.add(`host ${h.name}`);
  const out: TreeNode[] = [];
  const aliases = new Set<string>();
  for (const l of [h.a, h.aaaa]) {
    if (!l) continue;
    for (const cn of l.cnames) {
      if (aliases.has(cn.name)) continue;
      aliases.add(cn.name);
      out.push(node(`${c.name(cn.name + '.')} CNAME ${cn.data}.  ${c.dim(`ttl ${cn.ttl}`)}`));
    }
    if (l.records.length === 0) out.push(node(`${c.name(l.canonicalName + '.')} ${l.type}  ${lookupStatus(l, c)}`));
    else
      for (const rec of l.records) out.push(node(`${c.name(rec.name + '.')} ${rec.type} ${c.accent(rec.data)}  ${c.dim(`ttl ${rec.ttl} · ${l.answers[0]?.cached ? 'cached' : fmtMs(l.ms)}`)}`));
  }
  return out;
}

function srvNode(s: SrvStep | undefined, name: string, x: Ctx): TreeNode {
  const { c, r } = x;
  if (!s) return node(c.dim(`${name} SRV: not looked up`));
  const head = `${c.name(s.name + '.')} SRV  ${lookupStatus(s.lookup, c)}`;
  if (x.shown.has(`srv ${s.name}`)) return node(`${c.name(s.name + '.')} SRV  ${c.dim('shown above')}`);
  x.shown.add(`srv ${s.name}`);
  const cn = s.lookup.cnames.map((a) => node(`${c.name(a.name + '.')} CNAME ${a.data}.  ${c.dim(`ttl ${a.ttl}`)}`));
  const kids = s.entries.map((e) => {
    const d = e.record.data;
    const rec = `${d.priority} ${d.weight} ${d.port} ${d.target === '.' ? '.' : d.target + '.'}`;
    if (e.unavailable) return node(`${rec}  ${c.dim(`ttl ${e.record.ttl} · "." = service not available`)}`);
    return node(`${rec}  ${c.dim(`ttl ${e.record.ttl} · first:`)} ${c.bold(pct(e.probability))}`, hostNodes(r.hosts.find((h) => h.name === d.target), d.target, x));
  });
  return node(head, [...cn, ...kids]);
}

function naptrEntryNode(e: NaptrEntry, x: Ctx): TreeNode {
  const { c, r } = x;
  const d = e.record.data;
  const rec = `${d.order} ${d.preference} "${d.flags}" "${d.services}" "${d.regexp}" ${d.replacement === '.' ? '.' : d.replacement + '.'}`;
  const label = e.transport ? TRANSPORT_INFO[e.transport].label : '';
  if (e.skip !== null) return node(`${c.dim(rec)}  ${c.dim(`ttl ${e.record.ttl}`)} ${c.warning(`skipped: ${e.skip}`)}`);
  return node(`${rec}  ${c.dim(`ttl ${e.record.ttl}`)} ${c.bold(label)}`, [srvNode(r.srv.find((s) => s.name === e.srv), e.srv!, x)]);
}

/**
 * The dig-like tree of a resolution: NAPTR → SRV → CNAME → A/AAAA as RFC 3263 walked it, with
 * TTLs, timings and each SRV record's chance of being tried first; then the names siptool looked
 * up only for diagnosis.
 */
export function formatResolveTree(r: ResolveResult, c: Palette): string[] {
  const x: Ctx = { r, c, shown: new Set() };
  const roots: TreeNode[] = [];
  const domain = r.hosts.find((h) => h.name === r.target.host);
  switch (r.procedure) {
    case 'ip':
      roots.push(node(`${c.accent(r.target.host)} ${c.dim('is an IP address: no DNS lookup (RFC 3263 §4.2)')}`));
      break;
    case 'a':
      roots.push(node(`${c.name(r.target.host + '.')} A/AAAA ${c.dim(`(port ${r.target.port} given: no NAPTR or SRV, RFC 3263 §4.2)`)}`, hostNodes(domain, r.target.host, x)));
      break;
    case 'srv':
    case 'naptr': {
      if (r.procedure === 'naptr' && r.naptr) roots.push(node(`${c.name(r.naptr.name + '.')} NAPTR  ${lookupStatus(r.naptr.lookup, c)}`, r.naptr.entries.map((e) => naptrEntryNode(e, x))));
      const viaNaptr = r.procedure === 'naptr' && (r.naptr?.entries.some((e) => e.skip === null) ?? false);
      if (r.procedure === 'naptr' && !viaNaptr) roots.push(node(c.dim('no usable NAPTR record: an SRV query for each transport (RFC 3263 §4.1)')));
      if (!viaNaptr) {
        const path = r.srv.filter((s) => s.onPath);
        const none = path.filter((s) => s.entries.length === 0 && (s.lookup.status === 'nxdomain' || s.lookup.status === 'nodata'));
        for (const s of path.filter((s) => !none.includes(s))) roots.push(srvNode(s, s.name, x));
        for (const s of none) x.shown.add(`srv ${s.name}`);
        if (none.length > 0) roots.push(node(noSrvLine(none.map((s) => s.name), c)));
      }
      const fallback = domain?.onPath && !r.targets.some((t) => t.srv !== null);
      if (fallback) roots.push(node(`${c.name(r.target.host + '.')} A/AAAA ${c.dim('(no SRV records: the domain itself, RFC 3263 §4.2)')}`, hostNodes(domain, r.target.host, x)));
      break;
    }
  }
  const lines = renderForest(roots, '  ');
  // everything else siptool asked, to explain the findings and the stack comparison
  const extra = r.srv.filter((s) => !x.shown.has(`srv ${s.name}`));
  const withData = extra.filter((s) => s.entries.length > 0 || (s.lookup.status !== 'nxdomain' && s.lookup.status !== 'nodata'));
  const empty = extra.filter((s) => !withData.includes(s));
  const domainExtra = domain && !x.shown.has(`host ${domain.name}`) ? domain : undefined;
  if (withData.length + empty.length > 0 || domainExtra) {
    lines.push('', c.bold('also checked') + c.dim(' (not on the RFC 3263 path; for the findings and --stacks)'));
    lines.push(...renderForest(withData.map((s) => srvNode(s, s.name, x)), '  '));
    if (domainExtra) {
      const parts = [domainExtra.a, domainExtra.aaaa].filter((l) => l !== null).map((l) => `${l.type} ${l.records.length > 0 ? l.records.map((a) => c.accent(a.data)).join(', ') : lookupStatus(l, c)}`);
      lines.push(`  ${c.name(domainExtra.name + '.')} ${parts.join('; ')}`);
    }
    if (empty.length > 0) lines.push(`  ${noSrvLine(empty.map((s) => s.name), c)}`);
  }
  return lines;
}

/** "no SRV records under example.com: _sip._tcp, _sips._tcp" (full names when the domains differ). */
function noSrvLine(names: string[], c: Palette): string {
  const domains = new Set(names.map((n) => n.split('.').slice(2).join('.')));
  if (domains.size === 1) return `${c.dim(`no SRV records under ${[...domains][0]}:`)} ${names.map((n) => n.split('.').slice(0, 2).join('.')).join(', ')}`;
  return `${c.dim('no SRV records:')} ${names.map((n) => `${n}.`).join(', ')}`;
}
