import type { Severity } from '../core/problems.js';
import type { ResolveResult } from '../dns/resolve-result.js';
import type { StackView } from '../dns/stacks/stack-view.js';
import { TRANSPORT_INFO } from '../dns/transports.js';
import type { Palette } from './palette.js';
import { fmtMs, formatResolveTree, pct } from './resolve-tree.js';

export interface ResolveReportOptions {
  /** Show the pjsip/Kamailio/sofia-sip comparison (result.stacks must be set). */
  stacks: boolean;
  minSeverity: Severity;
}

const PROCEDURE: Record<ResolveResult['procedure'], string> = {
  ip: 'an IP address: used as it is (RFC 3263 §4.1-4.2)',
  a: 'a port is given: A/AAAA of the host, no NAPTR or SRV (RFC 3263 §4.2)',
  srv: 'a transport is given: SRV for it, then A/AAAA (RFC 3263 §4.1-4.2)',
  naptr: 'no port, no transport: NAPTR, then SRV, then A/AAAA (RFC 3263 §4.1-4.2)',
};

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function table(rows: string[][], widths: number[]): string[] {
  return rows.map((row) => '  ' + row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(Math.max(1, widths[i]! - visible(cell).length + 2)))).join(''));
}

/** Length without ANSI colour sequences. */
function visible(s: string): string {
  return s.replace(/\u001b\[[0-9;]*m/g, '');
}

function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

function failover(r: ResolveResult, c: Palette): string[] {
  const out = ['', c.bold('failover order') + c.dim(r.transport ? ` (${TRANSPORT_INFO[r.transport].label} only)` : ' (a client supporting every transport tries these in turn; RFC 3263 §4.3)')];
  if (r.targets.length === 0) return [...out, `  ${c.error('none')}: nothing to send a request to`];
  const head = ['#', 'transport', 'address', 'port', 'host', 'via', 'first', 'ttl'].map((h) => c.dim(h));
  const rows = r.targets.map((t, i) => {
    const via = t.naptr ? `NAPTR ${t.naptr.order}/${t.naptr.preference} · SRV ${t.priority}/${t.weight}` : t.srv ? `SRV ${t.priority}/${t.weight}` : r.procedure === 'ip' ? 'IP' : 'A/AAAA';
    return [String(i + 1).padStart(String(r.targets.length).length), c.bold(TRANSPORT_INFO[t.transport].label), c.accent(t.address), String(t.port), t.host, via, t.probability === null ? '-' : pct(t.probability), t.ttl === null ? '-' : String(t.ttl)];
  });
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((row) => visible(row[i]!).length)));
  out.push(...table(all, widths));
  if (r.targets.some((t) => t.probability !== null && t.probability < 1)) out.push(c.dim('  first: the chance that a client tries this SRV record first among those of its priority (RFC 2782 weights);\n  the list shows the most likely order, each new request draws again'));
  return out;
}

function findings(r: ResolveResult, c: Palette, min: Severity): string[] {
  const shown = r.findings.filter((f) => RANK[f.severity] <= RANK[min]);
  const out = ['', c.bold('findings')];
  if (shown.length === 0) return [...out, `  ${c.ok('none')}${r.findings.length > 0 ? c.dim(` (${r.findings.length} below --min-severity ${min})`) : ''}`];
  for (const f of shown) {
    const sev = f.severity === 'error' ? c.error('error  ') : f.severity === 'warning' ? c.warning('warning') : c.info('note   ');
    out.push(`  ${sev}  ${f.message}  ${c.dim(f.code)}`);
    out.push(`           ${c.dim(`${f.ref} · fix: ${f.fix}`)}`);
  }
  return out;
}

function stackLines(s: StackView, r: ResolveResult, c: Palette): string[] {
  const first = s.targets[0];
  const verdict =
    s.outcome === 'unknown' ? c.warning('cannot tell') : !first ? c.error('finds nothing') : `${c.bold(TRANSPORT_INFO[first.transport].label)} ${c.accent(hostPort(first.address, first.port))}${s.targets.length > 1 ? c.dim(` then ${s.targets.length - 1} more`) : ''}`;
  const rfc = r.targets[0];
  const agree = s.agreesWithRfc ? c.ok('same first target as RFC 3263') : rfc ? c.warning(`RFC 3263 first: ${TRANSPORT_INFO[rfc.transport].label} ${hostPort(rfc.address, rfc.port)}`) : c.warning('RFC 3263 finds nothing');
  const out = [`  ${c.bold(s.name.padEnd(28))} ${verdict}  ${agree}`, `      ${c.dim(s.settings)}`];
  for (const step of s.steps) out.push(`      ${c.dim('→')} ${step}`);
  for (const n of s.notes) out.push(`      ${c.warning('!')} ${n}`);
  return out;
}

/** The human report of `siptool resolve`: header, tree, failover list, findings, stacks, summary. */
export function formatResolveReport(r: ResolveResult, c: Palette, opts: ResolveReportOptions): string {
  const t = r.target;
  const out: string[] = [];
  out.push(c.bold(`${t.uri}`) + c.dim(`  ·  ${PROCEDURE[r.procedure]}`));
  if (r.procedure !== 'ip') out.push(c.dim(`DNS ${r.servers.length === 1 ? 'server' : 'servers'} ${r.servers.join(', ')}`));
  out.push('');
  out.push(...formatResolveTree(r, c));
  out.push(...failover(r, c));
  out.push(...findings(r, c, opts.minSeverity));
  if (opts.stacks && r.stacks) {
    out.push('', c.bold('how common SIP stacks would resolve this') + c.dim(' (same DNS data, their default settings)'));
    for (const s of r.stacks) out.push(...stackLines(s, r, c));
    out.push(c.dim('  code: pjsip sip_resolve.c, srv_resolver.c · Kamailio cfg_core.c, dns_cache.c, resolve.c · sofia-sip nta.c (details: --json, docs/resolve.md)'));
  }
  const n = (s: Severity): number => r.findings.filter((f) => f.severity === s).length;
  const errors = n('error');
  out.push('');
  out.push(
    `${r.targets.length} target${r.targets.length === 1 ? '' : 's'} · ${r.stats.queries} quer${r.stats.queries === 1 ? 'y' : 'ies'} in ${r.stats.roundTrips} dependent round trip${r.stats.roundTrips === 1 ? '' : 's'} · ${fmtMs(r.stats.ms)} · ` +
      `${errors > 0 ? c.error(`${errors} error(s)`) : c.ok('no errors')}, ${n('warning')} warning(s), ${n('info')} note(s)`,
  );
  return out.join('\n');
}
