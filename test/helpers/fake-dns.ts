import type { DnsClient, QueryContext } from '../../src/dns/dns-client.js';
import { noIgnored, type DnsAnswer, type DnsRecord, type DnsStatus, type QueryType } from '../../src/dns/types.js';
import type { Zone } from './dns-server.js';

/**
 * A DnsClient that answers from a zone in memory, without sockets: the seam the resolver is
 * built around (STYLE.md habit 8). It records every query with its round-trip depth.
 */
export class FakeDnsClient implements DnsClient {
  readonly servers = ['fake:53'];
  readonly asked: Array<{ name: string; type: QueryType; depth: number }> = [];
  private readonly zone: Zone;
  private readonly status: Map<string, DnsStatus>;

  constructor(zone: Zone, status: Record<string, DnsStatus> = {}) {
    this.zone = zone;
    this.status = new Map(Object.entries(status));
  }

  async query(name: string, type: QueryType, context: QueryContext = { depth: 1 }): Promise<DnsAnswer> {
    await Promise.resolve();
    this.asked.push({ name, type, depth: context.depth });
    const base = { name, type, server: 'fake:53', protocol: 'udp' as const, truncated: false, tcpFailed: false, authoritative: true, recursionAvailable: false, attempts: 1, ignored: noIgnored(), ms: 1, cached: false, detail: null, dropped: 0 };
    const forced = this.status.get(`${type} ${name}`);
    if (forced) return { ...base, status: forced, rcode: null, records: [] };
    const records: DnsRecord[] = [];
    let current = name.toLowerCase();
    for (let hop = 0; hop < 10; hop++) {
      const here = this.zone.records.filter((r) => r.name.toLowerCase() === current);
      const cname = here.find((r) => r.type === 'CNAME');
      if (cname) {
        records.push({ name: current, type: 'CNAME', ttl: cname.ttl ?? 300, data: String(cname.data).toLowerCase() });
        current = String(cname.data).toLowerCase();
        continue;
      }
      for (const r of here.filter((x) => x.type === type)) records.push({ name: current, type, ttl: r.ttl ?? 300, data: r.data } as DnsRecord);
      break;
    }
    const exists = this.zone.records.some((r) => r.name.toLowerCase() === current || r.name.toLowerCase().endsWith('.' + current));
    const status: DnsStatus = records.length > 0 ? 'noerror' : exists ? 'nodata' : 'nxdomain';
    return { ...base, status, rcode: status === 'nxdomain' ? 'NXDOMAIN' : 'NOERROR', records };
  }
}
