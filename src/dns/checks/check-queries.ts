import type { Severity } from '../../core/problems.js';
import { makeFinding, type Finding, type FindingCode } from '../findings.js';
import type { ResolveResult } from '../resolve-result.js';
import { ignoredTotal, type DnsAnswer, type DnsStatus } from '../types.js';
import { listNames, ms, type PathIndex } from './path-index.js';

/** An answer slower than this (or one that needed a retry) is reported as slow. */
export const SLOW_MS = 1000;

const FAILURE: Partial<Record<DnsStatus, { code: FindingCode; what: string }>> = {
  servfail: { code: 'DNS_SERVFAIL', what: 'SERVFAIL' },
  refused: { code: 'DNS_REFUSED', what: 'REFUSED' },
  timeout: { code: 'DNS_TIMEOUT', what: 'no answer' },
  network: { code: 'DNS_NETWORK_ERROR', what: 'a socket error' },
  malformed: { code: 'DNS_MALFORMED_ANSWER', what: 'only undecodable answers' },
  formerr: { code: 'DNS_RCODE_ERROR', what: 'FORMERR' },
  notimp: { code: 'DNS_RCODE_ERROR', what: 'NOTIMP' },
  rcode: { code: 'DNS_RCODE_ERROR', what: 'an error RCODE' },
};

function q(a: DnsAnswer): string {
  return `${a.name} ${a.type}`;
}

/** Findings about how the DNS server answered: failures, truncation, forged answers, slowness. */
export function checkQueries(r: ResolveResult, sent: readonly DnsAnswer[], path: PathIndex): Finding[] {
  const out: Finding[] = [];
  const sev = (a: DnsAnswer, onPath: Severity): Severity => (path.questionOnPath(a.type, a.name) ? onPath : 'warning');

  // failures, grouped by kind so a dead server gives one finding, not twelve
  const groups = new Map<FindingCode, DnsAnswer[]>();
  for (const a of sent) {
    const f = FAILURE[a.status];
    if (!f) continue;
    groups.set(f.code, [...(groups.get(f.code) ?? []), a]);
  }
  for (const [code, list] of groups) {
    const onPath = list.filter((a) => path.questionOnPath(a.type, a.name));
    const what = [...new Set(list.map((a) => FAILURE[a.status]!.what))].join(' or ');
    const servers = [...new Set(list.map((a) => a.server).filter((s): s is string => s !== null))];
    const detail = list.find((a) => a.detail)?.detail;
    const scope = onPath.length > 0 ? '' : ' (names checked for diagnosis only)';
    out.push(
      makeFinding(
        code,
        `${what} for ${list.length === 1 ? q(list[0]!) : `${list.length} queries: ${listNames(list.map(q))}`} from ${servers.join(', ') || 'the server'}${detail ? ` (${detail})` : ''}${scope}`,
        list[0]!.name,
        onPath.length > 0 ? undefined : 'warning',
      ),
    );
  }

  const truncated = sent.filter((a) => a.truncated && !a.tcpFailed);
  if (truncated.length > 0) out.push(makeFinding('DNS_TRUNCATED', `the UDP answer for ${listNames(truncated.map(q))} was truncated; the full answer came over TCP`, truncated[0]!.name, sev(truncated[0]!, 'warning')));
  for (const a of sent.filter((x) => x.tcpFailed)) {
    out.push(makeFinding('DNS_TRUNCATED_TCP_FAILED', `the UDP answer for ${q(a)} was truncated and TCP failed (${a.detail ?? 'no answer'}); ${a.records.length} record(s) kept`, a.name, sev(a, 'error')));
  }

  const forged = sent.filter((a) => ignoredTotal(a.ignored) > 0);
  if (forged.length > 0) {
    const t = forged.reduce((acc, a) => ({ wrongServer: acc.wrongServer + a.ignored.wrongServer, wrongId: acc.wrongId + a.ignored.wrongId, wrongQuestion: acc.wrongQuestion + a.ignored.wrongQuestion, malformed: acc.malformed + a.ignored.malformed }), { wrongServer: 0, wrongId: 0, wrongQuestion: 0, malformed: 0 });
    const parts = [t.wrongId && `${t.wrongId} with a wrong ID`, t.wrongQuestion && `${t.wrongQuestion} for another question`, t.wrongServer && `${t.wrongServer} from another address`, t.malformed && `${t.malformed} undecodable`].filter(Boolean);
    out.push(makeFinding('DNS_IGNORED_ANSWERS', `${parts.join(', ')} ignored while asking ${listNames(forged.map(q))}`, forged[0]!.name));
  }

  const slow = sent.filter((a) => !a.cached && (a.ms > SLOW_MS || (a.attempts > 1 && !a.truncated && a.status !== 'timeout')));
  if (slow.length > 0) {
    const worst = slow.reduce((a, b) => (b.ms > a.ms ? b : a));
    out.push(makeFinding('DNS_SLOW_SERVER', `${slow.length} answer(s) took over ${ms(SLOW_MS)} or needed a retry; slowest ${q(worst)}: ${ms(worst.ms)} in ${worst.attempts} tr${worst.attempts === 1 ? 'y' : 'ies'} from ${worst.server ?? 'the server'}`, worst.name));
  }

  for (const a of sent.filter((x) => x.dropped > 0)) {
    out.push(makeFinding('DNS_TOO_MANY_RECORDS', `${q(a)}: ${a.records.length + a.dropped} records in the answer; only the first ${a.records.length} were considered`, a.name));
  }

  // lookup-level outcomes
  const seen = new Set<string>();
  for (const l of r.lookups) {
    const key = `${l.type} ${l.name} ${l.status}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const s: Severity | undefined = path.onPath(l) ? undefined : 'warning';
    if (l.status === 'cname-loop') out.push(makeFinding('DNS_CNAME_LOOP', `looking up ${l.name} ${l.type}: ${l.detail}`, l.name, s));
    else if (l.status === 'cname-chain-too-long') out.push(makeFinding('DNS_CNAME_CHAIN_TOO_LONG', `looking up ${l.name} ${l.type}: ${l.detail}`, l.name, s));
    else if (l.status === 'invalid-name') out.push(makeFinding('DNS_INVALID_NAME', `${l.detail}`, l.name, s));
    else if (l.status === 'query-limit') out.push(makeFinding('DNS_QUERY_LIMIT', `${l.name} ${l.type} was not looked up: ${l.detail}`, l.name));
    if (l.unrelated > 0) out.push(makeFinding('DNS_UNRELATED_RECORDS', `the answer for ${l.name} ${l.type} held ${l.unrelated} record(s) for other names`, l.name));
  }
  return out;
}
