import type { CancelSignal } from '../../transport/cancel.js';
import type { RandomSource } from '../../core/ids.js';
import type { ResolvedTarget } from '../../dns/resolve-result.js';
import type { DigestCredentials } from '../../probe/credentials.js';
import { sendOptions, type OptionsResult } from '../../probe/options-probe.js';
import { meetsExpectation, pingSummary, type PingSample, type ProbeAttempt } from '../../probe/probe-report.js';
import { isProbeTransport } from '../../probe/probe-target.js';
import { ProbeSession } from '../../probe/session.js';
import { monotonicMs, sleep, systemClock } from '../../transport/clock.js';
import { TransportError } from '../../transport/errors.js';
import type { TlsClientOptions } from '../../transport/tls-report.js';
import type { OpenTransportOptions, SipTransport } from '../../transport/types.js';
import type { ProbeConfig } from './probe-options.js';
import type { WireLog } from './probe-wire.js';

/** What every attempt shares. */
export interface AttemptContext {
  config: ProbeConfig;
  credentials: DigestCredentials | undefined;
  tls: TlsClientOptions;
  signal: CancelSignal;
  wire: WireLog;
  userAgent: string;
  /** Random bytes for Call-IDs, tags, branches, cnonces (os-random.ts in the CLI). */
  random?: RandomSource;
  /** More targets follow this one (a failed first ping moves on instead of pinging on). */
  canFailover: boolean;
  progress(text: string): void;
  onPing?(sample: PingSample, attempt: ProbeAttempt): void;
  open(options: OpenTransportOptions): Promise<SipTransport>;
}

const MAX_NOTICES = 20;

function blank(t: ResolvedTarget, index: number): ProbeAttempt {
  return {
    index,
    transport: t.transport,
    host: t.host,
    address: t.address,
    port: t.port,
    local: null,
    status: null,
    reason: null,
    rttMs: null,
    error: null,
    expected: false,
    failover: null,
    durationMs: 0,
    retransmissions: 0,
    requests: 0,
    retryAfter: null,
    options: null,
    call: null,
    auth: [],
    authFailure: null,
    tls: null,
    nat: null,
    contact: null,
    callId: null,
    unmatchedResponses: 0,
    notSip: 0,
    notices: [],
    pings: null,
  };
}

function where(t: { transport: string; address: string; port: number }): string {
  return `${t.transport} ${t.address.includes(':') ? `[${t.address}]` : t.address}:${t.port}`;
}

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

/**
 * Probes one resolved target: opens the transport, sends OPTIONS (once or --count times) or
 * places the INVITE call, and closes it again. Never throws for network outcomes.
 */
export async function runAttempt(ctx: AttemptContext, t: ResolvedTarget, index: number): Promise<ProbeAttempt> {
  const a = blank(t, index);
  const started = monotonicMs();
  const c = ctx.config;
  try {
    if (!isProbeTransport(t.transport)) {
      a.error = { code: 'PROBE_UNSUPPORTED_TRANSPORT', message: `siptool probe does not speak ${t.transport}` };
      a.failover = `${t.transport} not supported`;
      return a;
    }
    ctx.progress(`connecting to ${where(t)}`);
    let transport: SipTransport;
    try {
      transport = await ctx.open({
        protocol: t.transport,
        address: t.address,
        port: t.port,
        domain: c.target.domain ?? undefined,
        wsPath: c.target.wsPath,
        localPort: c.localPort,
        connectTimeoutMs: Math.min(c.timeoutMs, 10_000),
        tls: ctx.tls,
        onWire: ctx.wire.hook(index),
        signal: ctx.signal,
      });
    } catch (e) {
      if (!(e instanceof TransportError)) throw e;
      a.error = { code: e.code, message: e.message };
      a.tls = (e.details.tls as ProbeAttempt['tls']) ?? null;
      a.failover = e.code === 'TRANSPORT_ERR_ABORTED' ? null : e.code;
      return a;
    }
    a.local = { address: transport.local.address, port: transport.local.port };
    a.tls = transport.tls;
    const session = new ProbeSession({
      transport,
      random: ctx.random,
      timers: { t1: c.t1, t2: Math.max(4000, c.t1), transactionTimeout: c.timeoutMs },
      credentials: ctx.credentials,
      paceMs: 100,
      userAgent: ctx.userAgent,
      headers: c.headers,
      contact: c.contact,
      delegate: {
        onUnmatched: () => a.unmatchedResponses++,
        onNotice: (n) => {
          if (n.code === 'unparsable') a.notSip++;
          else if (n.code !== 'keepalive' && a.notices.length < MAX_NOTICES) a.notices.push(n.message);
        },
        onSend: (r, i) => ctx.progress(`${i.retransmission > 0 ? `retransmitting ${r.method} (${i.retransmission})` : `${r.method} sent`} to ${where(t)}`),
        onCallState: (s) => ctx.progress(`call ${s} · ${where(t)}`),
      },
    });
    a.contact = session.contact();
    try {
      if (c.method === 'INVITE') await call(ctx, session, a);
      else if (c.count !== null) await pings(ctx, session, a);
      else await options(ctx, session, a);
    } finally {
      session.dispose();
      await transport.close();
      ctx.wire.closed(t.transport, transport.local, transport.remote);
    }
    return a;
  } finally {
    a.durationMs = round(monotonicMs() - started);
    a.expected = a.pings ? a.pings.samples.some((s) => meetsExpectation(s.status, c.expect)) : meetsExpectation(a.status, c.expect) && !a.authFailure;
  }
}

/** The RTT from the wire hook's timestamps (serialization and event-loop delays excluded), else the transaction's. */
function rttOf(ctx: AttemptContext, r: OptionsResult): number {
  return round(ctx.wire.rtt(r.request, r.response) ?? r.rttMs);
}

function fill(ctx: AttemptContext, a: ProbeAttempt, r: OptionsResult): void {
  a.status = r.status;
  a.reason = r.reason;
  a.rttMs = rttOf(ctx, r);
  a.callId = r.request.callId ?? null;
  a.options = { server: r.server ?? null, userAgent: r.userAgent ?? null, allow: r.allow, supported: r.supported, accept: r.accept };
  a.retransmissions += r.retransmissions;
  a.requests += r.requests;
  a.nat = r.nat;
  a.retryAfter = r.retryAfter ?? null;
  a.auth = r.auth;
  a.authFailure = r.authFailure ?? null;
  a.failover = r.status === 503 ? '503 Service Unavailable' : null;
  a.error = null;
}

function failed(a: ProbeAttempt, e: TransportError): void {
  a.error = { code: e.code, message: e.message };
  a.failover = e.code === 'TRANSPORT_ERR_ABORTED' ? null : e.code;
  a.retransmissions += Number(e.details.retransmissions ?? 0);
}

async function options(ctx: AttemptContext, session: ProbeSession, a: ProbeAttempt): Promise<void> {
  const c = ctx.config;
  try {
    fill(ctx, a, await sendOptions(session, { target: c.requestUri, from: c.from, to: c.to, signal: ctx.signal }));
  } catch (e) {
    if (!(e instanceof TransportError)) throw e;
    failed(a, e);
  }
}

/** --count: OPTIONS one after the other, every --interval (or when the previous one ends). */
async function pings(ctx: AttemptContext, session: ProbeSession, a: ProbeAttempt): Promise<void> {
  const c = ctx.config;
  const samples: PingSample[] = [];
  let stopped: string | null = null;
  let lastSent = -Infinity;
  for (let seq = 1; seq <= c.count!; seq++) {
    if (ctx.signal.aborted) {
      stopped = 'interrupted (Ctrl-C)';
      break;
    }
    if (session.transport.closed) {
      stopped = 'the connection closed';
      break;
    }
    try {
      await sleep(systemClock, lastSent + c.intervalMs - monotonicMs(), ctx.signal);
    } catch {
      stopped = 'interrupted (Ctrl-C)';
      break;
    }
    lastSent = monotonicMs();
    const sample: PingSample = { seq, status: null, reason: null, rttMs: null, error: null, retransmissions: 0 };
    try {
      const r = await sendOptions(session, { target: c.requestUri, from: c.from, to: c.to, signal: ctx.signal });
      fill(ctx, a, r);
      Object.assign(sample, { status: r.status, reason: r.reason, rttMs: a.rttMs, retransmissions: r.retransmissions });
    } catch (e) {
      if (!(e instanceof TransportError)) throw e;
      if (e.code === 'TRANSPORT_ERR_ABORTED') {
        stopped = 'interrupted (Ctrl-C)';
        break;
      }
      failed(a, e);
      sample.error = e.code;
      sample.retransmissions = Number(e.details.retransmissions ?? 0);
    }
    samples.push(sample);
    ctx.onPing?.(sample, a);
    if (seq === 1 && a.failover && ctx.canFailover) break; // RFC 3263 §4.3: the next target
    if (a.status === 503 && a.retryAfter !== null && seq < c.count! && a.retryAfter * 1000 > c.intervalMs) {
      stopped = `the server asked not to be sent to for ${a.retryAfter} s (503 Retry-After)`;
      break;
    }
  }
  a.pings = pingSummary(samples, stopped);
  const last = samples[samples.length - 1];
  if (last && last.status === null && samples.some((s) => s.status !== null)) {
    // the verdict is about the series: keep the last final response, and the loss in the summary
    a.error = null;
  }
}

async function call(ctx: AttemptContext, session: ProbeSession, a: ProbeAttempt): Promise<void> {
  const c = ctx.config;
  const { runCall } = await import('../../probe/invite-call.js');
  const r = await runCall(session, { target: c.requestUri, from: c.from, to: c.to, codecs: c.codecs, holdMs: c.holdMs, ringTimeoutMs: c.ringTimeoutMs, signal: ctx.signal });
  a.call = r;
  a.callId = r.callId;
  a.status = r.status;
  a.reason = r.reason;
  const wireRtt = ctx.wire.inviteRtt(a.index);
  a.rttMs = wireRtt !== null ? round(wireRtt) : r.rttMs === null ? null : round(r.rttMs);
  a.error = r.error;
  a.nat = r.nat;
  a.retryAfter = r.retryAfter;
  a.auth = r.auth;
  a.authFailure = r.authFailure;
  a.retransmissions = r.retransmissions;
  a.requests = r.invites;
  if (r.outcome === 'timeout' || r.outcome === 'transport-error') a.failover = r.error?.code ?? r.outcome;
  else if (r.status === 503) a.failover = '503 Service Unavailable';
  if (r.outcome === 'aborted' && !a.error) a.error = { code: 'TRANSPORT_ERR_ABORTED', message: 'interrupted (Ctrl-C): the call was torn down' };
}
