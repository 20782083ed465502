import type { DnsClient, QueryContext } from './dns-client.js';
import type { DnsAnswer, QueryType } from './types.js';

/** A query that went to the network, with the dependent round trip it was first asked in. */
export interface SentQuery {
  name: string;
  type: QueryType;
  depth: number;
  answer: Promise<DnsAnswer>;
}

/**
 * A cache for one run: the same name and type is asked once, even when two lookups ask at the
 * same moment (the second waits for the first's answer). Repeats come back with `cached: true`.
 * The cache is bounded; past `maxEntries` new questions still go out but are not kept.
 */
export class CachingDnsClient implements DnsClient {
  readonly inner: DnsClient;
  /** Every query sent, in order. */
  readonly sent: SentQuery[] = [];
  private readonly cache = new Map<string, Promise<DnsAnswer>>();
  private readonly maxEntries: number;

  constructor(inner: DnsClient, maxEntries = 1024) {
    this.inner = inner;
    this.maxEntries = maxEntries;
  }

  get servers(): readonly string[] {
    return this.inner.servers;
  }

  async query(name: string, type: QueryType, context: QueryContext = { depth: 1 }): Promise<DnsAnswer> {
    const key = `${type} ${name.toLowerCase()}`;
    const hit = this.cache.get(key);
    if (hit) return { ...(await hit), cached: true };
    const answer = this.inner.query(name, type, context);
    this.sent.push({ name, type, depth: context.depth, answer });
    if (this.cache.size < this.maxEntries) this.cache.set(key, answer);
    return answer;
  }
}
