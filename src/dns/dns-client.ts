import type { DnsAnswer, QueryType } from './types.js';

/** Per-query context: how many dependent round trips deep this query is (1 = first). */
export interface QueryContext {
  depth: number;
}

/**
 * The one seam between the resolver and the network. `query` never rejects for DNS or network
 * trouble: a timeout, SERVFAIL or hostile answer is a DnsAnswer with that status. Tests swap in
 * an implementation that talks to an in-process server, or none at all.
 */
export interface DnsClient {
  query(name: string, type: QueryType, context?: QueryContext): Promise<DnsAnswer>;
  /** The servers asked, "host:port", for display. */
  readonly servers: readonly string[];
}

/** Milliseconds from an arbitrary origin; must not go backwards. Tests inject a fake one. */
export type Clock = () => number;

export const defaultClock: Clock = () => performance.now();
