import type { DnsClient } from './dns-client.js';
import { normalizeName, queryNameProblem } from './dns-name.js';
import type { CnameRecord, DnsAnswer, DnsRecord, DnsStatus, QueryType } from './types.js';

/** Longest alias chain followed (RFC 1034 §3.6.2 allows chains; real ones are 1-2 long). */
export const MAX_CNAME_CHAIN = 8;

export type LookupStatus = DnsStatus | 'cname-loop' | 'cname-chain-too-long' | 'invalid-name' | 'query-limit';

/** One logical lookup: a name and type, with any CNAME chain followed to its end. */
export interface Lookup<T extends DnsRecord = DnsRecord> {
  name: string;
  type: QueryType;
  status: LookupStatus;
  /** Records of the asked type, owned by `canonicalName`. */
  records: T[];
  /** The alias chain from `name` to `canonicalName`, in order. */
  cnames: CnameRecord[];
  canonicalName: string;
  /** Every query this lookup made (the first, then one per chased alias). */
  answers: DnsAnswer[];
  /** Answer records that belong neither to the chain nor to the question (ignored). */
  unrelated: number;
  /** Wall time of the queries, one after another (ms). */
  ms: number;
  /** The dependent round trip the first query belongs to (1 = first). */
  depth: number;
  detail: string | null;
}

export interface LookupOptions {
  depth: number;
  /** Called before each query; false stops the lookup (the run's query budget is spent). */
  allow?: () => boolean;
}

/**
 * Looks a name up and follows CNAMEs: first inside each answer (recursive servers include the
 * chain), then, when a server without recursion stops at an alias, by asking for the alias
 * target. Loops and chains
 * longer than MAX_CNAME_CHAIN end the lookup with their own status instead of more queries.
 */
export async function lookup<T extends DnsRecord>(client: DnsClient, name: string, type: QueryType, opts: LookupOptions): Promise<Lookup<T>> {
  const start = normalizeName(name);
  const out: Lookup<T> = { name: start, type, status: 'noerror', records: [], cnames: [], canonicalName: start, answers: [], unrelated: 0, ms: 0, depth: opts.depth, detail: null };
  const seen = new Set([start]);
  let current = start;
  for (let step = 0; step <= MAX_CNAME_CHAIN; step++) {
    const problem = queryNameProblem(current);
    if (problem) {
      out.status = 'invalid-name';
      out.detail = `"${current}" cannot be queried: ${problem}`;
      break;
    }
    if (opts.allow && !opts.allow()) {
      out.status = 'query-limit';
      out.detail = 'the query budget of this run is spent';
      break;
    }
    const a = await client.query(current, type, { depth: opts.depth + step });
    out.answers.push(a);
    out.ms += a.ms;
    let grew = false;
    const onChain = new Set<DnsRecord>();
    for (let hop = 0; hop <= MAX_CNAME_CHAIN; hop++) {
      const alias = a.records.find((r): r is CnameRecord => r.type === 'CNAME' && r.name === current);
      if (!alias) break;
      onChain.add(alias);
      out.cnames.push(alias);
      grew = true;
      if (seen.has(alias.data)) {
        out.status = 'cname-loop';
        out.detail = `${out.cnames.map((c) => c.name).join(' → ')} → ${alias.data} loops`;
        out.canonicalName = alias.data;
        out.unrelated += a.records.length - onChain.size;
        return out;
      }
      if (out.cnames.length > MAX_CNAME_CHAIN) {
        out.status = 'cname-chain-too-long';
        out.detail = `more than ${MAX_CNAME_CHAIN} aliases from ${start}`;
        out.canonicalName = alias.data;
        return out;
      }
      seen.add(alias.data);
      current = alias.data;
    }
    out.canonicalName = current;
    const recs = a.records.filter((r): r is T => r.type === type && r.name === current);
    for (const r of recs) onChain.add(r);
    out.unrelated += a.records.length - onChain.size;
    out.records = recs;
    if (recs.length > 0) {
      out.status = 'noerror';
      return out;
    }
    if (a.status !== 'noerror' && a.status !== 'nodata') {
      out.status = a.status;
      out.detail = a.detail;
      return out;
    }
    if (!grew || a.recursionAvailable) {
      // a recursive server follows the chain itself (RFC 1034 §4.3.2): no data at its end is NODATA
      out.status = 'nodata';
      return out;
    }
    // a non-recursive server stopped at an alias without its data: ask for the alias target
  }
  if (out.status === 'noerror' && out.records.length === 0) {
    out.status = 'cname-chain-too-long';
    out.detail = `more than ${MAX_CNAME_CHAIN} aliases from ${start}`;
  }
  return out;
}

/** True when a lookup ended with data or a definite "no data" (not a failure to get an answer). */
export function isDefinite(l: Lookup): boolean {
  return l.status === 'noerror' || l.status === 'nodata' || l.status === 'nxdomain';
}
