import { isIPv4, isIPv6 } from '../core/uri/host.js';
import { CachingDnsClient } from './caching-dns-client.js';
import { classifyNaptr } from './classify-naptr.js';
import { isHostName } from './dns-name.js';
import type { DnsClient } from './dns-client.js';
import { lookup, type Lookup } from './lookup.js';
import type { HostStep, NaptrStep, SrvStep } from './resolve-result.js';
import { srvDeterministicOrder, srvSelectionProbabilities } from './srv-order.js';
import { NONSTANDARD_TLS_SRV, transportForSrvName, type Transport } from './transports.js';
import type { AddressRecord, NaptrRecord, QueryType, SrvRecord } from './types.js';

/** An SRV target siptool looks up: a host name or an IP literal (anything else is only reported). */
export function hostable(target: string): boolean {
  return isIPv4(target) || isIPv6(target) || isHostName(target);
}

export interface RunOptions {
  ipv4: boolean;
  ipv6: boolean;
  maxQueries: number;
  onQuery?: ((name: string, type: QueryType) => void) | undefined;
}

/**
 * The state of one resolution: memoised NAPTR, SRV and host steps, so that the RFC 3263 path
 * and the diagnostic lookups share queries. Each step starts the next level as soon as its own
 * answer is in (an SRV answer starts the A/AAAA lookups of its targets at once), so a level's
 * queries run in parallel and the number of dependent round trips stays at the depth of the
 * tree: NAPTR → SRV → A/AAAA.
 */
export class ResolveRun {
  readonly client: CachingDnsClient;
  readonly lookups: Lookup[] = [];
  private readonly opts: RunOptions;
  private readonly srvSteps = new Map<string, Promise<SrvStep>>();
  private readonly hostSteps = new Map<string, Promise<HostStep>>();
  private naptrStep: Promise<NaptrStep> | null = null;
  /** SRV names as first asked, in order (for display). */
  readonly srvOrder: string[] = [];
  readonly hostOrder: string[] = [];

  constructor(dns: DnsClient, opts: RunOptions) {
    this.client = dns instanceof CachingDnsClient ? dns : new CachingDnsClient(dns);
    this.opts = opts;
  }

  private allow = (): boolean => this.client.sent.length < this.opts.maxQueries;

  private async look<T extends NaptrRecord | SrvRecord | AddressRecord>(name: string, type: QueryType, depth: number): Promise<Lookup<T>> {
    this.opts.onQuery?.(name, type);
    const l = await lookup<T>(this.client, name, type, { depth, allow: this.allow });
    this.lookups.push(l as Lookup);
    return l;
  }

  naptr(domain: string, depth: number, secure: boolean): Promise<NaptrStep> {
    this.naptrStep ??= this.look<NaptrRecord>(domain, 'NAPTR', depth).then((l) => ({ name: domain, lookup: l, entries: classifyNaptr(l.records, secure) }));
    return this.naptrStep;
  }

  /** An SRV set; the A/AAAA lookups of its targets start as soon as it is in. */
  srv(name: string, depth: number): Promise<SrvStep> {
    const key = name.toLowerCase();
    let step = this.srvSteps.get(key);
    if (!step) {
      this.srvOrder.push(key);
      step = this.look<SrvRecord>(key, 'SRV', depth).then((l) => {
        const ordered = srvDeterministicOrder(l.records);
        const served = srvSelectionProbabilities(l.records);
        const entries = ordered.map((record) => ({ record, probability: served[l.records.indexOf(record)] ?? 0, unavailable: record.data.target === '.' }));
        for (const e of entries) if (!e.unavailable && hostable(e.record.data.target)) void this.host(e.record.data.target, depth + l.answers.length);
        const transport: Transport | null = transportForSrvName(key);
        const nonStandard = NONSTANDARD_TLS_SRV.some((p) => key.startsWith(p + '.'));
        return { name: key, transport, nonStandard, onPath: false, viaNaptr: null, lookup: l, entries };
      });
      this.srvSteps.set(key, step);
    }
    return step;
  }

  /** A and AAAA of a host, in parallel; an IP literal (an SRV target written as an address) needs none. */
  host(name: string, depth: number): Promise<HostStep> {
    const key = name.toLowerCase();
    let step = this.hostSteps.get(key);
    if (!step) {
      this.hostOrder.push(key);
      if (isIPv4(key) || isIPv6(key)) {
        const rec: AddressRecord = { name: key, ttl: 0, type: isIPv4(key) ? 'A' : 'AAAA', data: key };
        step = Promise.resolve({ name: key, literal: true, a: null, aaaa: null, addresses: [rec], onPath: false });
      } else {
        step = Promise.all([
          this.opts.ipv4 ? this.look<AddressRecord>(key, 'A', depth) : Promise.resolve(null),
          this.opts.ipv6 ? this.look<AddressRecord>(key, 'AAAA', depth) : Promise.resolve(null),
        ]).then(([a, aaaa]) => ({ name: key, literal: false, a, aaaa, addresses: [...(a?.records ?? []), ...(aaaa?.records ?? [])], onPath: false }));
      }
      this.hostSteps.set(key, step);
    }
    return step;
  }

  /** Waits until every started step (including those started by steps) has finished. */
  async settle(): Promise<{ naptr: NaptrStep | null; srv: SrvStep[]; hosts: HostStep[] }> {
    for (let i = 0; i < 64; i++) {
      const n = this.srvSteps.size + this.hostSteps.size;
      await Promise.all([this.naptrStep, ...this.srvSteps.values(), ...this.hostSteps.values()]);
      if (this.srvSteps.size + this.hostSteps.size === n) break;
    }
    const srv = await Promise.all(this.srvOrder.map((k) => this.srvSteps.get(k)!));
    const hosts = await Promise.all(this.hostOrder.map((k) => this.hostSteps.get(k)!));
    return { naptr: this.naptrStep ? await this.naptrStep : null, srv, hosts };
  }
}
