import { defaultRandom, type RandomSource } from '../core/ids.js';
import { InvalidArgumentError } from '../errors.js';
import type { Clock, DnsClient } from './dns-client.js';
import { defaultClock } from './dns-client.js';
import { queryNameProblem } from './dns-name.js';
import { DnsError } from './errors.js';
import type { ExchangeRequest, ExchangeResult } from './exchange.js';
import { encodeQuery } from './query-packet.js';
import { formatServer, type DnsServer } from './server-address.js';
import type { tcpExchange } from './tcp-exchange.js';
import { udpExchange } from './udp-exchange.js';
import { type DnsAnswer, type DnsStatus, type IgnoredAnswers, noIgnored, type QueryType } from './types.js';
import type { DecodedResponse } from './decode-response.js';

/** DNS over TCP, loaded when first used (a truncated answer, --tcp): node:net and its streams cost ~3 ms of a run's start. */
const tcpOnDemand: typeof tcpExchange = async (req) => (await import('./tcp-exchange.js')).tcpExchange(req);

export interface NetworkDnsClientOptions {
  servers: DnsServer[];
  /** Wait for one answer from one server, per try (default 2000 ms). */
  timeoutMs?: number;
  /** Rounds over the server list (default 2, like resolv.conf `attempts:2`). */
  tries?: number;
  /** Query over TCP only (dig +tcp). */
  tcpOnly?: boolean;
  /** Send EDNS0 (default true); a server that answers FORMERR is asked again without it. */
  edns?: boolean;
  /** Answer records kept per response (default 64); the rest are counted as dropped. */
  maxRecords?: number;
  /** Source of query IDs (tests inject a seeded one). */
  random?: RandomSource;
  clock?: Clock;
  /** Exchange functions (tests may replace them). */
  udp?: (req: ExchangeRequest) => Promise<ExchangeResult>;
  tcp?: (req: ExchangeRequest) => Promise<ExchangeResult>;
}

/** How much a failed outcome says: a definite error answer beats silence. */
const WEIGHT: Partial<Record<DnsStatus, number>> = { servfail: 5, refused: 5, notimp: 5, formerr: 5, rcode: 5, malformed: 3, network: 2, timeout: 1 };

function addIgnored(into: IgnoredAnswers, from: IgnoredAnswers): void {
  into.wrongServer += from.wrongServer;
  into.wrongId += from.wrongId;
  into.wrongQuestion += from.wrongQuestion;
  into.malformed += from.malformed;
}

function statusOf(r: DecodedResponse, type: QueryType): DnsStatus {
  switch (r.rcode) {
    case 'NOERROR':
      return r.records.some((x) => x.type === type || x.type === 'CNAME') ? 'noerror' : 'nodata';
    case 'NXDOMAIN':
      return 'nxdomain';
    case 'SERVFAIL':
      return 'servfail';
    case 'REFUSED':
      return 'refused';
    case 'FORMERR':
      return 'formerr';
    case 'NOTIMP':
      return 'notimp';
    default:
      return 'rcode';
  }
}

/**
 * The real DNS client: UDP with EDNS0, TCP when the answer is truncated (RFC 7766 §5), a fresh
 * random query ID and source port per try, the servers tried in order for `tries` rounds.
 * SERVFAIL, REFUSED and NOTIMP move on to the next server (as glibc's res_send.c does), and so
 * does a FORMERR that persists without EDNS; NOERROR and NXDOMAIN are final. Every wait is bounded by the per-try timeout.
 */
export class NetworkDnsClient implements DnsClient {
  readonly servers: readonly string[];
  private readonly opts: Required<Omit<NetworkDnsClientOptions, 'servers'>>;
  private readonly list: DnsServer[];
  /** Servers that answered FORMERR to EDNS: asked without it from then on. */
  private readonly noEdns = new Set<string>();

  constructor(options: NetworkDnsClientOptions) {
    if (options.servers.length === 0) throw new DnsError('DNS_ERR_NO_SERVERS', 'no DNS server to ask');
    const timeoutMs = options.timeoutMs ?? 2000;
    const tries = options.tries ?? 2;
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 60000) throw new DnsError('DNS_ERR_BAD_OPTION', `timeout ${timeoutMs} ms is outside 1..60000`);
    if (!Number.isInteger(tries) || tries < 1 || tries > 10) throw new DnsError('DNS_ERR_BAD_OPTION', `tries ${tries} is outside 1..10`);
    this.list = options.servers.slice(0, 8);
    this.servers = this.list.map(formatServer);
    this.opts = {
      timeoutMs,
      tries,
      tcpOnly: options.tcpOnly ?? false,
      edns: options.edns ?? true,
      maxRecords: options.maxRecords ?? 64,
      random: options.random ?? defaultRandom,
      clock: options.clock ?? defaultClock,
      udp: options.udp ?? udpExchange,
      tcp: options.tcp ?? tcpOnDemand,
    };
  }

  async query(name: string, type: QueryType): Promise<DnsAnswer> {
    const problem = queryNameProblem(name);
    if (problem) throw new InvalidArgumentError(`cannot query "${name}": ${problem}`);
    const { clock } = this.opts;
    const start = clock();
    const ignored = noIgnored();
    let attempts = 0;
    let best: DnsAnswer | null = null;
    const keep = (a: DnsAnswer): void => {
      if (!best || (WEIGHT[a.status] ?? 0) >= (WEIGHT[best.status] ?? 0)) best = a;
    };
    for (let round = 0; round < this.opts.tries; round++) {
      for (const server of this.list) {
        const key = formatServer(server);
        let edns = this.opts.edns && !this.noEdns.has(key);
        for (let ednsRetry = 0; ednsRetry < 2; ednsRetry++) {
          const id = this.opts.random(2).readUInt16BE(0);
          const req: ExchangeRequest = { server, packet: encodeQuery({ id, name, type, edns }), id, name, type, timeoutMs: this.opts.timeoutMs, maxRecords: this.opts.maxRecords };
          attempts++;
          let res = await (this.opts.tcpOnly ? this.opts.tcp(req) : this.opts.udp(req));
          addIgnored(ignored, res.ignored);
          let truncated = false;
          let tcpFailed = false;
          let protocol: 'udp' | 'tcp' = this.opts.tcpOnly ? 'tcp' : 'udp';
          if (!this.opts.tcpOnly && (res.kind === 'truncated-undecodable' || (res.kind === 'answer' && res.response.truncated))) {
            truncated = true;
            attempts++;
            const viaTcp = await this.opts.tcp(req);
            addIgnored(ignored, viaTcp.ignored);
            if (viaTcp.kind === 'answer') {
              res = viaTcp;
              protocol = 'tcp';
            } else {
              tcpFailed = true;
              if (res.kind === 'truncated-undecodable') res = { kind: 'timeout', malformed: `truncated and undecodable over UDP (${res.reason}); TCP: ${describe(viaTcp)}`, ignored: res.ignored };
            }
          }
          const answer = this.toAnswer(name, type, res, { key, start, attempts, ignored, truncated, tcpFailed, protocol });
          if (answer.status === 'formerr' && edns) {
            // RFC 6891 §7: a server without EDNS answers FORMERR; ask it again without the OPT record
            this.noEdns.add(key);
            edns = false;
            keep(answer);
            continue;
          }
          if (answer.status === 'noerror' || answer.status === 'nodata' || answer.status === 'nxdomain') return answer;
          keep(answer);
          break;
        }
      }
    }
    return { ...best!, attempts, ignored, ms: clock() - start };
  }

  private toAnswer(
    name: string,
    type: QueryType,
    res: ExchangeResult,
    c: { key: string; start: number; attempts: number; ignored: IgnoredAnswers; truncated: boolean; tcpFailed: boolean; protocol: 'udp' | 'tcp' },
  ): DnsAnswer {
    const base = { name, type, server: c.key, attempts: c.attempts, ignored: { ...c.ignored }, ms: this.opts.clock() - c.start, cached: false, truncated: c.truncated, tcpFailed: c.tcpFailed };
    if (res.kind === 'answer') {
      const r = res.response;
      return { ...base, status: statusOf(r, type), rcode: r.rcode, records: r.records, dropped: r.dropped, protocol: c.protocol, authoritative: r.authoritative, recursionAvailable: r.recursionAvailable, detail: null };
    }
    const status: DnsStatus = res.kind === 'network' ? 'network' : res.kind === 'timeout' && res.malformed ? 'malformed' : 'timeout';
    return { ...base, status, rcode: null, records: [], dropped: 0, protocol: null, authoritative: false, recursionAvailable: false, detail: describe(res) };
  }
}

function describe(res: ExchangeResult): string {
  switch (res.kind) {
    case 'answer':
      return `answer ${res.response.rcode}`;
    case 'truncated-undecodable':
      return `truncated and undecodable: ${res.reason}`;
    case 'timeout':
      return res.malformed ? `no usable answer; rejected: ${res.malformed}` : 'no answer';
    case 'network':
      return `socket error ${res.error}`;
  }
}
