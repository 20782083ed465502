import type { ResolvedTarget, ResolveResult } from '../../dns/resolve-result.js';
import { SiptoolError } from '../../errors.js';
import type { DigestCredentials } from '../../probe/credentials.js';
import { probeFindings } from '../../probe/probe-findings.js';
import { PROBE_SCHEMA, type PingSample, type ProbeAttempt, type ProbeReport } from '../../probe/probe-report.js';
import { literalTarget } from '../../probe/probe-target.js';
import { monotonicMs } from '../../transport/clock.js';
import { Canceller } from '../../transport/cancel.js';
import type { TlsClientOptions } from '../../transport/tls-report.js';
import type { OpenTransportOptions, SipTransport } from '../../transport/types.js';
import { InputError } from '../cli-errors.js';
import { osRandom } from '../os-random.js';
import { EXIT } from '../exit-codes.js';
import type { ProbeCliOptions } from '../probe-command.js';
import { colorLevel, paletteFor, startSpinner, type Spinner } from '../ui.js';
import { runAttempt, type AttemptContext } from './probe-attempt.js';
import { checkCodecs, readProbeConfig, type ProbeConfig } from './probe-options.js';
import { openPcapFile, WireLog } from './probe-wire.js';
import { stdout, stderr } from '../stdio.js';

export interface ProbeRunOptions {
  targets: string[];
  options: ProbeCliOptions;
  color: boolean | undefined;
  debug: boolean;
  version: string;
}

/** At most this many targets of the failover list are tried (a hostile zone cannot make it more). */
const MAX_ATTEMPTS = 16;

/** Transports are loaded when used: a UDP probe never loads TLS or the WebSocket library. */
async function openTransport(o: OpenTransportOptions): Promise<SipTransport> {
  switch (o.protocol) {
    case 'udp':
      return (await import('../../transport/udp.js')).UdpTransport.open(o);
    case 'tcp':
      return (await import('../../transport/tcp.js')).openTcp(o);
    case 'tls':
      return (await import('../../transport/tls.js')).openTls(o);
    default:
      return (await import('../../transport/ws.js')).WsTransport.open(o);
  }
}

/**
 * `siptool probe`: resolves the target (RFC 3263), probes the targets in order until one
 * answers (or all of them with --all), and reports. Returns the exit code: 0 answered as
 * expected, 1 failed probe, 2 usage error (--nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).
 */
export async function run(o: ProbeRunOptions): Promise<number> {
  let setup: Awaited<ReturnType<typeof prepare>>;
  try {
    setup = await prepare(o);
  } catch (e) {
    if (o.options.nagios && e instanceof SiptoolError) {
      stdout.write(`SIP UNKNOWN - ${e.message.replace(/\s+/g, ' ')}\n`);
      return 3;
    }
    throw e;
  }
  const { config, credentials, tls, wire, closeKeylog } = setup;
  // --debug: every SIP message on stderr as it goes (sipsak -vvv style); never a password, only digest hashes
  if (o.debug) wire.trace = (text) => stderr.write(text);
  const ac = new Canceller();
  let interrupts = 0;
  const onSignal = (): void => {
    if (++interrupts > 1) process.exit(130);
    ac.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const quiet = config.json || config.nagios;
  const spinner: Spinner = config.count !== null ? { text: () => {}, stop: () => {} } : await startSpinner(`probing ${config.target.input}`, { enabled: !quiet && !o.debug });
  const c = await paletteFor(colorLevel({ flag: o.color, env: process.env, isTTY: stdout.isTTY }));
  const format = await import('../../format/probe-text.js');
  const started = monotonicMs();
  let report: ProbeReport;
  let resolved: ResolveResult | null = null;
  try {
    const { resolve, targets } = await resolveTargets(config, spinner);
    resolved = resolve;
    const attempts: ProbeAttempt[] = [];
    const pingHeaders = new Set<number>();
    const list = targets.slice(0, MAX_ATTEMPTS);
    const random = osRandom();
    for (const [i, t] of list.entries()) {
      if (ac.signal.aborted) break;
      const ctx: AttemptContext = {
        config,
        credentials,
        tls,
        signal: ac.signal,
        wire,
        userAgent: `siptool/${o.version}`,
        random,
        canFailover: !config.all && i < list.length - 1,
        progress: (text) => spinner.text(`${text}${list.length > 1 ? ` (target ${i + 1}/${list.length})` : ''}`),
        open: openTransport,
        onPing: quiet
          ? undefined
          : (sample: PingSample, a: ProbeAttempt) => {
              if (!pingHeaders.has(a.index)) {
                pingHeaders.add(a.index);
                stdout.write(format.formatPingHeader(config.requestUri, a, config.intervalMs, c) + '\n');
              }
              stdout.write(format.formatPingLine(sample, a, config.timeoutMs, c) + '\n');
            },
      };
      const a = await runAttempt(ctx, t, i + 1);
      attempts.push(a);
      if (!config.all && !a.failover) break;
    }
    report = buildReport(config, resolve, attempts, monotonicMs() - started, ac.signal.aborted);
  } finally {
    spinner.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    closeKeylog();
  }
  report.pcap = wire.finish();
  if (config.report) {
    const { writeProbeHtml } = await import('./probe-report-html.js');
    const title = `siptool probe ${config.method} ${config.requestUri} (${config.target.input})`;
    await writeProbeHtml({ file: config.report, force: config.force, records: wire.records, report, resolve: resolved, version: o.version, title }, (line) => stderr.write(`siptool: ${line}\n`));
  }
  if (config.json) {
    const { probeReportToJson } = await import('../../format/probe-json.js');
    stdout.write(JSON.stringify(probeReportToJson(report), null, 2) + '\n');
  } else if (config.nagios) {
    const { formatNagios } = await import('../../format/probe-nagios.js');
    const n = formatNagios(report, { warningMs: config.warningMs, criticalMs: config.criticalMs });
    stdout.write(n.text + '\n');
    return n.code;
  } else {
    stdout.write(format.formatProbeReport(report, c, { pingsPrinted: anyPings(report) }) + '\n');
    if (config.ladder) {
      const { formatProbeLadder } = await import('../../format/probe-ladder.js');
      stdout.write('\n' + formatProbeLadder(wire.records, wire.dropped));
    }
  }
  return report.ok ? EXIT.OK : EXIT.FINDINGS;
}

function anyPings(r: ProbeReport): boolean {
  return r.attempts.some((a) => a.pings !== null);
}

/** Everything before the first packet: options, password, TLS files, key log, capture file. */
async function prepare(o: ProbeRunOptions): Promise<{ config: ProbeConfig; credentials: DigestCredentials | undefined; tls: TlsClientOptions; wire: WireLog; closeKeylog: () => void }> {
  const config = readProbeConfig(o.targets, o.options);
  await checkCodecs(config.codecs);
  let credentials: DigestCredentials | undefined;
  if (config.user !== undefined) {
    const { readPassword } = await import('./probe-password.js');
    const { DigestCredentials } = await import('../../probe/credentials.js');
    credentials = new DigestCredentials(config.user, await readPassword(config.user));
  }
  const tls: TlsClientOptions = { insecure: config.insecure };
  let closeKeylog = (): void => {};
  if (config.ca || config.cert || config.key || config.keylog) {
    const files = await import('../../transport/tls-files.js');
    try {
      Object.assign(tls, files.readTlsFiles({ caFile: config.ca, certFile: config.cert, keyFile: config.key }));
      if (config.keylog) {
        const k = files.keylogFileSink(config.keylog);
        tls.keylog = k.sink;
        closeKeylog = k.close;
      }
    } catch (e) {
      throw new InputError(`cannot read a TLS file: ${(e as Error).message}`, 'SIPTOOL_ERR_INPUT', { cause: e });
    }
  }
  let pcap: ConstructorParameters<typeof WireLog>[0] = null;
  if (config.pcap) {
    const fd = openPcapFile(config.pcap, config.force);
    const { PcapWriter } = await import('../../capture/pcap-writer.js');
    const { FdSink } = await import('./probe-wire.js');
    pcap = { file: config.pcap, make: (opts) => new PcapWriter(new FdSink(fd), opts) };
  }
  const header = `siptool ${o.version} probe ${config.method} ${config.requestUri} (${config.target.input}) at ${new Date().toISOString()}`;
  return { config, credentials, tls, wire: new WireLog(pcap, header), closeKeylog };
}

/** RFC 3263: the failover list (no DNS for an IP literal). */
async function resolveTargets(config: ProbeConfig, spinner: Spinner): Promise<{ resolve: ResolveResult | null; targets: ResolvedTarget[] }> {
  const sip = config.target.sip;
  if (sip.hostType !== 'domain') return { resolve: null, targets: [literalTarget(sip)] };
  const [{ NetworkDnsClient }, { readResolvConf }, { resolveSip }, { findServer }] = await Promise.all([
    import('../../dns/network-dns-client.js'),
    import('../../dns/resolv-conf.js'),
    import('../../dns/resolve-sip.js'),
    import('../../dns/server-address.js'),
  ]);
  const servers = (await Promise.all(config.dnsServers.map((s) => findServer(s)))).flat();
  const conf = servers.length === 0 ? readResolvConf() : null;
  if (conf) servers.push(...(conf.servers.length > 0 ? conf.servers : [{ address: '127.0.0.1', port: 53, family: 4 as const }]));
  // a DNS answer never waits longer than a SIP request may (--timeout)
  const dns = new NetworkDnsClient({ servers, timeoutMs: Math.min(conf?.timeoutMs ?? 2000, config.timeoutMs), tries: conf?.attempts ?? 2 });
  spinner.text(`resolving ${sip.uri}`);
  const resolve = await resolveSip(sip, { dns, probe: false, onQuery: (name, type) => spinner.text(`resolving ${sip.uri}: ${type} ${name}`) });
  return { resolve, targets: resolve.targets };
}

function buildReport(config: ProbeConfig, resolve: ResolveResult | null, attempts: ProbeAttempt[], ms: number, interrupted: boolean): ProbeReport {
  const answered = [...attempts].reverse().find((a) => a.status !== null) ?? null;
  const verdictOn = answered ?? attempts[attempts.length - 1] ?? null;
  const ok = !interrupted || config.count !== null ? (config.all ? attempts.length > 0 && attempts.every((a) => a.expected) : Boolean(verdictOn?.expected)) : false;
  const findings = probeFindings(attempts, verdictOn?.index ?? null, config.expect.text);
  const t = config.target;
  return {
    schema: PROBE_SCHEMA,
    ok,
    input: t.input,
    method: config.method,
    requestUri: config.requestUri,
    expect: config.expect.text,
    target: { form: t.form, scheme: t.sip.scheme, host: t.sip.host, port: t.sip.port, transport: t.sip.transport, user: t.user, domain: t.domain },
    resolve: resolve
      ? {
          procedure: resolve.procedure,
          servers: resolve.servers,
          targets: resolve.targets.map((x) => ({ transport: x.transport, host: x.host, address: x.address, port: x.port, priority: x.priority, weight: x.weight })),
          findings: resolve.findings.filter((f) => f.severity !== 'info').map((f) => ({ code: f.code, severity: f.severity, message: f.message })),
          ms: Math.round(resolve.stats.ms * 100) / 100,
        }
      : null,
    all: config.all,
    attempts,
    answeredBy: answered?.index ?? null,
    summary: summaryLine(config, attempts, verdictOn, ok, interrupted),
    findings,
    pcap: null,
    durationMs: Math.round(ms * 100) / 100,
  };
}

function where(a: ProbeAttempt): string {
  return `${a.transport} ${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}`;
}

function summaryLine(config: ProbeConfig, attempts: ProbeAttempt[], a: ProbeAttempt | null, ok: boolean, interrupted: boolean): string {
  if (!a) return `no target to probe: ${config.target.input} resolved to nothing`;
  if (config.all) {
    const good = attempts.filter((x) => x.expected).length;
    return `${good} of ${attempts.length} target(s) answered as expected (${config.expect.text})`;
  }
  const stop = interrupted ? ' (interrupted)' : '';
  if (a.pings) {
    const p = a.pings;
    return `${p.answered}/${p.sent} answered by ${where(a)}, ${p.lossPercent}% loss${p.avgMs !== null ? `, avg ${p.avgMs} ms` : ''}${stop}`;
  }
  if (a.status === null) return `no answer from ${attempts.length > 1 ? `${attempts.length} targets, last ` : ''}${where(a)}: ${a.error?.code ?? 'no response'}${stop}`;
  const rtt = a.rttMs !== null ? ` in ${a.rttMs} ms` : '';
  const callNote = a.call ? ` · call ${a.call.outcome}${a.call.teardown.by !== 'none' ? `, torn down by ${a.call.teardown.by}${a.call.teardown.status ? ` (${a.call.teardown.status})` : ''}` : ''}` : '';
  return `${a.status} ${a.reason ?? ''} from ${where(a)}${rtt}${callNote}${ok ? '' : ` · expected ${config.expect.text}`}${stop}`;
}
