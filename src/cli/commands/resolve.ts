import type { Severity } from '../../core/problems.js';
import type { DnsServer } from '../../dns/server-address.js';
import { NetworkDnsClient } from '../../dns/network-dns-client.js';
import { parseTarget } from '../../dns/parse-target.js';
import { readResolvConf } from '../../dns/resolv-conf.js';
import { resolveSip } from '../../dns/resolve-sip.js';
import { findServer, parseServerAddress } from '../../dns/server-address.js';
import type { Transport } from '../../dns/transports.js';
import { resolveResultToJson } from '../../format/resolve-json.js';
import { formatResolveReport } from '../../format/resolve-report.js';
import { UsageError } from '../cli-errors.js';
import { integer } from '../option-values.js';
import { EXIT } from '../exit-codes.js';
import { colorLevel, paletteFor, startSpinner } from '../ui.js';
import { stdout } from '../stdio.js';

export interface ResolveCommandOptions {
  /** Positional arguments: one target, plus dig-style "@server" entries. */
  args: string[];
  transport: Transport | undefined;
  dnsServers: string[];
  json: boolean;
  stacks: boolean;
  /** Per-try timeout in ms, as typed. */
  timeout: string | undefined;
  tries: string | undefined;
  tcp: boolean;
  ipv4: boolean;
  ipv6: boolean;
  minSeverity: Severity;
  color: boolean | undefined;
  debug: boolean;
}

/** `siptool resolve`: the RFC 3263 tree, failover list and findings for one domain or SIP URI. */
export async function run(opts: ResolveCommandOptions): Promise<number> {
  const servers: DnsServer[] = [];
  const targets: string[] = [];
  const named: string[] = [];
  for (const a of opts.args) {
    if (a.startsWith('@')) named.push(a.slice(1));
    else targets.push(a);
  }
  named.push(...opts.dnsServers);
  // addresses first, so that a typo is reported before any name is looked up
  for (const s of named) {
    try {
      parseServerAddress(s);
    } catch (err) {
      if (!/[a-z]/i.test(s) || s.includes('[') || (s.match(/:/g) ?? []).length > 1) throw err;
    }
  }
  if (targets.length === 0) throw new UsageError('no target given: siptool resolve <domain | sip-uri>');
  if (targets.length > 1) throw new UsageError(`one target at a time, got ${targets.length}: ${targets.slice(0, 3).join(' ')}${targets.length > 3 ? ' ...' : ''}`, 'DNS_ERR_BAD_TARGET');
  if (opts.ipv4 && opts.ipv6) throw new UsageError('-4 and -6 exclude each other; give neither to look up both', 'SIPTOOL_ERR_BAD_OPTION');
  const timeout = integer(opts.timeout, '--timeout', 1, 60000);
  const tries = integer(opts.tries, '--tries', 1, 10);
  const target = parseTarget(targets[0]!, opts.transport ?? null);
  for (const s of named) servers.push(...(await findServer(s)));
  if (servers.length > 8) throw new UsageError(`at most 8 DNS servers, got ${servers.length}`, 'DNS_ERR_BAD_SERVER');

  const conf = servers.length === 0 ? readResolvConf() : null;
  if (conf) servers.push(...(conf.servers.length > 0 ? conf.servers : [{ address: '127.0.0.1', port: 53, family: 4 as const }]));
  const dns = new NetworkDnsClient({
    servers,
    timeoutMs: timeout ?? conf?.timeoutMs ?? 2000,
    tries: tries ?? conf?.attempts ?? 2,
    tcpOnly: opts.tcp,
  });

  const spinner = await startSpinner(`resolving ${target.uri}`, { enabled: !opts.json });
  let result;
  try {
    result = await resolveSip(target, {
      dns,
      ipv4: !opts.ipv6,
      ipv6: !opts.ipv4,
      stacks: opts.stacks,
      onQuery: (name, type) => spinner.text(`resolving ${target.uri}: ${type} ${name}`),
    });
  } finally {
    spinner.stop();
  }

  if (opts.json) {
    stdout.write(JSON.stringify(resolveResultToJson(result, { stacks: opts.stacks }), null, 2) + '\n');
  } else {
    const c = await paletteFor(colorLevel({ flag: opts.color, env: process.env, isTTY: stdout.isTTY }));
    stdout.write(formatResolveReport(result, c, { stacks: opts.stacks, minSeverity: opts.minSeverity }) + '\n');
  }
  const ok = result.targets.length > 0 && !result.findings.some((f) => f.severity === 'error');
  return ok ? EXIT.OK : EXIT.FINDINGS;
}
