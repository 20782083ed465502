import { existsSync, openSync, readFileSync, writeSync, closeSync } from 'node:fs';
import { PcapWriter, type PcapSink } from '../../capture/index.js';
import type { Transport } from '../../explain/flow-message.js';
import { SERVER_PROTOCOLS, startListener, type InboundFlow, type ServerProtocol, type SipListener } from '../../server/listener.js';
import { ListenerUas } from '../../server/uas.js';
import { REJECT_STATUSES, type MessageEvent, type RejectStatus } from '../../server/uas-types.js';
import type { WireEvent } from '../../transport/index.js';
import { InputError, UsageError } from '../cli-errors.js';
import { integer } from '../option-values.js';
import { EXIT } from '../exit-codes.js';
import { colorLevel, paletteFor } from '../ui.js';
import { loadConfig } from './explain.js';
import { LiveExplain } from './listen-explain.js';
import { ListenOutput } from './listen-output.js';
import { stdout, stderr } from '../stdio.js';

export interface ListenCommandOptions {
  /** Comma-separated transports (udp,tcp,tls). */
  transport: string;
  bind: string;
  port: string;
  tlsPort: string;
  cert?: string;
  key?: string;
  answer?: string;
  reject?: string;
  ring?: string;
  retryAfter?: string;
  maxDialogs: string;
  maxMessageSize: string;
  /** Requests a second from one address (default 200). */
  maxRate?: string;
  advertise?: string;
  config?: string;
  json: boolean;
  pcap?: string;
  force: boolean;
  once: boolean;
  duration?: string;
  t1?: string;
  color: boolean | undefined;
  /** Stops the listener like Ctrl-C (tests, embedding). */
  signal?: AbortSignal;
}

function seconds(text: string | undefined, flag: string, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(text) || Number(text) > max) throw new UsageError(`${flag} must be a number of seconds from 0 to ${max}, not "${text}"`, 'SIPTOOL_ERR_BAD_OPTION');
  return Number(text);
}

function isLoopback(a: string): boolean {
  return /^127\./.test(a) || a === '::1' || a === 'localhost';
}

/** A pcap sink that never overwrites an existing file unless asked (--force). */
class NewFileSink implements PcapSink {
  private fd: number | undefined;
  constructor(path: string, force: boolean) {
    try {
      this.fd = openSync(path, force ? 'w' : 'wx');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new UsageError(`--pcap ${path}: the file exists; choose another name or add --force to overwrite it`, 'SIPTOOL_ERR_OUTPUT_EXISTS');
      throw new InputError(`--pcap ${path}: cannot create the file: ${(e as Error).message}`, 'SIPTOOL_ERR_OUTPUT');
    }
  }
  write(chunk: Buffer): void {
    if (this.fd !== undefined) writeSync(this.fd, chunk);
  }
  end(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

const MAX_PCAP_FRAMES = 200_000;

/**
 * `siptool listen`: a small UAS on UDP/TCP/TLS that answers calls as configured, prints every
 * request and what it sent back, and runs the explain rules live on each message and on each
 * finished call. Resolves with the exit code when stopped (Ctrl-C, --duration, --once).
 */
export async function run(opts: ListenCommandOptions): Promise<number> {
  const protocols = [...new Set(opts.transport.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))];
  for (const p of protocols) if (!(SERVER_PROTOCOLS as readonly string[]).includes(p)) throw new UsageError(`--transport: unknown transport "${p}" (use ${SERVER_PROTOCOLS.join(', ')}, comma-separated)`, 'SIPTOOL_ERR_BAD_OPTION');
  if (protocols.length === 0) throw new UsageError('--transport: name at least one transport', 'SIPTOOL_ERR_BAD_OPTION');
  const port = integer(opts.port, '--port', 0, 65535)!;
  const tlsPort = integer(opts.tlsPort, '--tls-port', 0, 65535)!;
  if (opts.answer !== undefined && opts.reject !== undefined) throw new UsageError('--answer and --reject exclude each other', 'SIPTOOL_ERR_BAD_OPTION');
  if (opts.answer !== undefined && opts.answer !== '200') throw new UsageError(`--answer takes 200 (use --reject ${REJECT_STATUSES.join('|')} to refuse calls), not "${opts.answer}"`, 'SIPTOOL_ERR_BAD_OPTION');
  const reject = opts.reject === undefined ? undefined : Number(opts.reject);
  if (reject !== undefined && !(REJECT_STATUSES as readonly number[]).includes(reject)) throw new UsageError(`--reject takes ${REJECT_STATUSES.join(', ')}, not "${opts.reject}"`, 'SIPTOOL_ERR_BAD_OPTION');
  const ringMs = (seconds(opts.ring, '--ring', 300) ?? 0) * 1000;
  const retryAfter = integer(opts.retryAfter, '--retry-after', 0, 86400);
  const maxDialogs = integer(opts.maxDialogs, '--max-dialogs', 1, 10000)!;
  const maxMessageBytes = integer(opts.maxMessageSize, '--max-message-size', 1024, 1024 * 1024)!;
  const maxRate = integer(opts.maxRate, '--max-rate', 1, 100_000);
  const t1 = integer(opts.t1, '--t1', 10, 10_000);
  const durationMs = opts.duration === undefined ? undefined : seconds(opts.duration, '--duration', 86400 * 7)! * 1000;
  let tls: { cert: Buffer; key: Buffer } | undefined;
  if (protocols.includes('tls')) {
    if (!opts.cert || !opts.key) throw new UsageError('a TLS listener needs a certificate: give --cert FILE and --key FILE (PEM), or leave tls out of --transport', 'SIPTOOL_ERR_LISTEN_TLS_CERT');
    try {
      tls = { cert: readFileSync(opts.cert), key: readFileSync(opts.key) };
    } catch (e) {
      throw new InputError(`cannot read the TLS certificate or key: ${(e as Error).message}`, 'SIPTOOL_ERR_LISTEN_TLS_CERT');
    }
  } else if (opts.cert || opts.key) throw new UsageError('--cert and --key are for a TLS listener: add tls to --transport', 'SIPTOOL_ERR_BAD_OPTION');
  if (opts.pcap && existsSync(opts.pcap) && !opts.force) throw new UsageError(`--pcap ${opts.pcap}: the file exists; choose another name or add --force to overwrite it`, 'SIPTOOL_ERR_OUTPUT_EXISTS');
  const config = await loadConfig(opts.config);

  const palette = await paletteFor(opts.json ? 0 : colorLevel({ flag: opts.color, env: process.env, isTTY: stdout.isTTY }));
  const out = new ListenOutput({ json: opts.json, palette, write: (s) => stdout.write(s), warn: (s) => stderr.write(s) });
  const explain = new LiveExplain(config);
  const counters = { malformed: 0, connectionsRefused: 0, notesSuppressed: 0, pcapFrames: 0 };

  let pcap: PcapWriter | undefined;
  if (opts.pcap) {
    const withTls = protocols.includes('tls');
    pcap = new PcapWriter(new NewFileSink(opts.pcap, opts.force), withTls ? { format: 'pcapng', comment: 'siptool listen: TLS connections are written as the clear SIP they carried, over TCP' } : {});
  }
  const onWire = (e: WireEvent): void => {
    if (!pcap || counters.pcapFrames >= MAX_PCAP_FRAMES) return;
    counters.pcapFrames++;
    const src = e.direction === 'in' ? e.remote : e.local;
    const dst = e.direction === 'in' ? e.local : e.remote;
    const spec = { src, dst, payload: e.bytes, time: e.timestamp };
    try {
      if (e.protocol === 'udp') pcap.udp(spec);
      else pcap.tcp(e.protocol === 'tls' ? { ...spec, comment: 'TLS, written as clear SIP by siptool listen' } : spec);
    } catch {
      // an address pair the writer cannot encode (mixed families): skip the packet
    }
  };

  const listeners: SipListener[] = [];
  const warnings: string[] = [];
  if (!isLoopback(opts.bind)) warnings.push(`listening on ${opts.bind}: other hosts can reach this listener and it answers their calls (the default is 127.0.0.1)`);
  try {
    let shared = port;
    for (const p of protocols as ServerProtocol[]) {
      const base = { protocol: p, address: opts.bind, tls, limits: { maxMessageBytes, maxHeaderBytes: Math.min(maxMessageBytes, 64 * 1024) }, onWire };
      if (p === 'tls') {
        listeners.push(await startListener({ ...base, port: tlsPort }));
        continue;
      }
      // --port 0: UDP and TCP share the port the first one got, when it is free for the other
      const l = await startListener({ ...base, port: shared }).catch((e: unknown) => (shared !== port ? startListener({ ...base, port }) : Promise.reject(e)));
      if (shared === 0) shared = l.local.port;
      listeners.push(l);
    }
  } catch (e) {
    await Promise.all(listeners.map((l) => l.close()));
    pcap?.end();
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EADDRINUSE' ? 'the port is in use (another SIP server? use --port, or --port 0 for any free port)' : err.code === 'EACCES' ? 'permission denied (ports below 1024 need privileges)' : err.code === 'EADDRNOTAVAIL' ? 'the address is not one of this host' : err.message;
    throw new InputError(`cannot listen on ${opts.bind}: ${why}`, 'SIPTOOL_ERR_LISTEN_BIND', { cause: e });
  }
  const local = (f: InboundFlow): { address: string; port: number } => ({ address: f.local.address, port: f.local.port });

  let stopped: (code: number) => void = () => undefined;
  const done = new Promise<number>((r) => (stopped = r));
  let stopping = false;
  const onMessage = (e: MessageEvent, direction: 'in' | 'out'): void => {
    const m = e.message;
    if (direction === 'in' && m.kind === 'request' && m.method === 'INVITE' && !m.toTag && e.retransmission === 0) explain.track(m.callId ?? '');
    const time = e.info ? e.info.timestamp : Date.now();
    const { fm, findings } = explain.add({ direction, message: m, problems: e.info?.problems ?? [], time, local: local(e.flow), remote: e.flow.remote, transport: e.flow.protocol as Transport, retransmission: e.retransmission > 0 });
    out.message({ direction, time, protocol: e.flow.protocol, remote: e.flow.remote, message: m, retransmission: e.retransmission }, local(e.flow), fm, findings);
  };
  let callsEnded = 0;
  const uas = new ListenerUas({
    answer: (reject ?? 200) as 200 | RejectStatus,
    ringMs,
    retryAfter,
    maxDialogs,
    maxRequestsPerSecond: maxRate,
    advertisedHost: opts.advertise,
    timers: t1 === undefined ? undefined : { t1, t2: Math.max(t1, 8 * t1), t4: 10 * t1 },
    delegate: {
      onReceived: (e) => onMessage(e, 'in'),
      onSent: (e) => onMessage(e, 'out'),
      onCallEnd: (r) => {
        callsEnded++;
        const f = explain.finish(r.callId);
        const byIndex = new Map(f.messages.map((fm) => [fm.index, fm]));
        out.callEnded(r, f.findings.map((finding) => ({ finding, fm: byIndex.get(finding.messageIndex) })), f.counts);
        if (opts.once) setTimeout(() => void stop(), 300).unref?.();
      },
      onNote: (text, kind) => out.note(kind, text),
    },
  });
  for (const l of listeners) {
    uas.attach(l);
    l.on({
      notice: (n) => {
        if (n.code === 'unparsable') {
          counters.malformed++;
          out.note('malformed', n.message);
        }
      },
      connection: (c) => {
        if (c.kind === 'refused') {
          counters.connectionsRefused++;
          out.note('refused', `${c.protocol.toUpperCase()} connection from ${c.remote.address}:${c.remote.port}: too many connections`);
        } else if (c.kind === 'close' && c.error && c.error.code !== 'TRANSPORT_ERR_CLOSED') out.note('connection', c.error.message);
      },
    });
  }
  out.listening(
    listeners.map((l) => ({ protocol: l.protocol, address: l.local.address, port: l.local.port })),
    warnings,
  );

  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (timer) clearTimeout(timer);
    await uas.shutdown(2000);
    await Promise.all(listeners.map((l) => l.close()));
    pcap?.end();
    const code = explain.totals.error > 0 ? EXIT.FINDINGS : EXIT.OK;
    const ls = listeners.map((l) => l.stats);
    const sum = (k: keyof (typeof ls)[number]): number => ls.reduce((a, s) => a + s[k], 0);
    out.summary(
      {
        calls: uas.stats.calls,
        callsEnded,
        requests: uas.stats.requests,
        responsesSent: uas.stats.responsesSent,
        retransmissionsAbsorbed: uas.stats.absorbed,
        retransmissionsSent: uas.stats.retransmissionsSent,
        callsRefused: uas.stats.refused,
        overload: uas.stats.overload,
        badRequests: uas.stats.badRequests,
        noAck: uas.stats.noAck,
        flood: uas.stats.flood,
        malformed: counters.malformed,
        discarded: sum('discarded'),
        connectionsRefused: counters.connectionsRefused,
        tlsHandshakeFailures: sum('tlsHandshakeFailures'),
        errors: explain.totals.error,
        warnings: explain.totals.warning,
        notes: explain.totals.info,
      },
      code,
    );
    stopped(code);
  };
  const onSignal = (): void => void stop();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  opts.signal?.addEventListener('abort', onSignal, { once: true });
  const timer = durationMs !== undefined ? setTimeout(() => void stop(), durationMs) : undefined;
  return done;
}
