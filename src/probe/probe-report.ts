import type { Finding as DnsFinding } from '../dns/findings.js';
import type { TlsReport } from '../transport/tls-report.js';
import type { AuthAttempt } from './authenticator.js';
import type { CallResult } from './call-types.js';
import type { NatView } from './nat-view.js';

/**
 * The report of one `siptool probe` run: what --json prints (schema siptool.probe/1,
 * docs/json/probe.md) and what the text, Nagios and ladder views are drawn from. Plain data,
 * no secrets: a password never reaches any of it.
 */
export const PROBE_SCHEMA = 'siptool.probe/1';

/** What counts as "answered as expected" (--expect). */
export interface Expectation {
  /** As typed (or the default's description). */
  text: string;
  /** Exact codes and classes (2 = 2xx); empty lists with `anyFinal` mean the default. */
  codes: number[];
  classes: number[];
  /** Default for OPTIONS: any final response (a 503 moves on to the next target and fails when it is the last answer). */
  anyFinal: boolean;
}

/** One ping of --count: its sequence number and outcome. */
export interface PingSample {
  seq: number;
  status: number | null;
  reason: string | null;
  rttMs: number | null;
  /** An error code (TRANSPORT_ERR_TIMEOUT...) when no final response came. */
  error: string | null;
  retransmissions: number;
}

export interface PingSummary {
  sent: number;
  answered: number;
  /** Pings without a final response, as a percentage of those sent. */
  lossPercent: number;
  minMs: number | null;
  avgMs: number | null;
  maxMs: number | null;
  stddevMs: number | null;
  /** Why the series ended before --count (Ctrl-C, Retry-After, transport closed), or null. */
  stoppedEarly: string | null;
  samples: PingSample[];
}

/** The OPTIONS answer details. */
export interface OptionsDetails {
  server: string | null;
  userAgent: string | null;
  allow: string[];
  supported: string[];
  accept: string[];
}

/** One target tried (RFC 3263 failover order), or one of --all. */
export interface ProbeAttempt {
  /** 1-based place in the failover list. */
  index: number;
  transport: string;
  /** The host name the address belongs to (SRV target or domain), or the address. */
  host: string;
  address: string;
  port: number;
  /** Our socket (null when no connection was made). */
  local: { address: string; port: number } | null;
  /** Final response to the probe (the last one of --count), or null. */
  status: number | null;
  reason: string | null;
  rttMs: number | null;
  /** Why there is no final response (TRANSPORT_ERR_TIMEOUT, _CONNECT, _TLS_VERIFY...), or null. */
  error: { code: string; message: string } | null;
  /** Answered as --expect asks. */
  expected: boolean;
  /** Why the next target was tried after this one (timeout, transport error, 503), or null. */
  failover: string | null;
  durationMs: number;
  retransmissions: number;
  requests: number;
  retryAfter: number | null;
  options: OptionsDetails | null;
  call: CallResult | null;
  auth: AuthAttempt[];
  authFailure: { code: string; message: string } | null;
  tls: TlsReport | null;
  nat: NatView | null;
  /** Our Contact as sent. */
  contact: string | null;
  /** Call-ID of the last request (to find it in the carrier's logs). */
  callId: string | null;
  /** Responses for no live transaction (other branch, Call-ID, CSeq): ignored. */
  unmatchedResponses: number;
  /** Received bytes that were not SIP (dropped). */
  notSip: number;
  notices: string[];
  pings: PingSummary | null;
}

export type ProbeSeverity = 'error' | 'warning' | 'info';

export interface ProbeFinding {
  code: string;
  severity: ProbeSeverity;
  message: string;
  /** 1-based attempt index the finding is about, or null for the run. */
  attempt: number | null;
}

export interface ProbeReport {
  schema: typeof PROBE_SCHEMA;
  /** The verdict: same as exit code 0. */
  ok: boolean;
  input: string;
  method: 'OPTIONS' | 'INVITE';
  requestUri: string;
  expect: string;
  target: { form: string; scheme: string; host: string; port: number | null; transport: string | null; user: string | null; domain: string | null };
  /** The RFC 3263 resolution (null for an IP literal: no DNS). */
  resolve: { procedure: string; servers: string[]; targets: Array<{ transport: string; host: string; address: string; port: number; priority: number | null; weight: number | null }>; findings: Array<{ code: string; severity: string; message: string }>; ms: number } | null;
  all: boolean;
  attempts: ProbeAttempt[];
  /** 1-based index of the attempt the verdict is about (the one that answered), or null. */
  answeredBy: number | null;
  summary: string;
  findings: ProbeFinding[];
  pcap: { file: string; format: 'pcap' | 'pcapng'; frames: number; note: string | null } | null;
  durationMs: number;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** min/avg/max/stddev (population) and loss over the pings. */
export function pingSummary(samples: PingSample[], stoppedEarly: string | null): PingSummary {
  const rtts = samples.filter((s) => s.rttMs !== null).map((s) => s.rttMs!);
  const answered = samples.filter((s) => s.status !== null).length;
  const avg = rtts.length > 0 ? rtts.reduce((a, b) => a + b, 0) / rtts.length : null;
  const sd = avg === null ? null : Math.sqrt(rtts.reduce((a, b) => a + (b - avg) ** 2, 0) / rtts.length);
  return {
    sent: samples.length,
    answered,
    lossPercent: samples.length === 0 ? 0 : round(((samples.length - answered) / samples.length) * 100),
    minMs: rtts.length > 0 ? round(Math.min(...rtts)) : null,
    avgMs: avg === null ? null : round(avg),
    maxMs: rtts.length > 0 ? round(Math.max(...rtts)) : null,
    stddevMs: sd === null ? null : round(sd),
    stoppedEarly,
    samples,
  };
}

/** Reads --expect: "200", "2xx", "200,486", "2xx,3xx". Returns null when it is not valid. */
export function parseExpectation(text: string | undefined, method: 'OPTIONS' | 'INVITE'): Expectation | null {
  if (text === undefined) {
    return method === 'INVITE' ? { text: '2xx', codes: [], classes: [2], anyFinal: false } : { text: 'any final response', codes: [], classes: [], anyFinal: true };
  }
  const codes: number[] = [];
  const classes: number[] = [];
  for (const part of text.split(',').map((s) => s.trim().toLowerCase())) {
    if (/^[2-6]xx$/.test(part)) classes.push(Number(part[0]));
    else if (/^[2-6]\d\d$/.test(part)) codes.push(Number(part));
    else return null;
  }
  return { text: text.trim(), codes, classes, anyFinal: false };
}

/** Whether a final status meets the expectation. */
export function meetsExpectation(status: number | null, e: Expectation): boolean {
  if (status === null || status < 200) return false;
  if (e.anyFinal) return status !== 503;
  return e.codes.includes(status) || e.classes.includes(Math.floor(status / 100));
}
