import { existsSync, realpathSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { HeaderField } from '../../core/header-field.js';
import { canonicalName } from '../../core/header-names.js';
import { parseExpectation, type Expectation } from '../../probe/probe-report.js';
import { parseProbeTarget, type ProbeTarget } from '../../probe/probe-target.js';
import type { TransportProtocol } from '../../transport/types.js';
import { UsageError } from '../cli-errors.js';
import type { ProbeCliOptions } from '../probe-command.js';

/** Everything `siptool probe` was asked to do, checked. */
export interface ProbeConfig {
  target: ProbeTarget;
  method: 'OPTIONS' | 'INVITE';
  requestUri: string;
  /** --count (null: one probe). */
  count: number | null;
  intervalMs: number;
  timeoutMs: number;
  t1: number;
  from: string | undefined;
  to: string | undefined;
  headers: Array<[string, string]>;
  contact: string | undefined;
  localPort: number | undefined;
  codecs: string[] | undefined;
  holdMs: number;
  ringTimeoutMs: number;
  expect: Expectation;
  all: boolean;
  user: string | undefined;
  ca: string | undefined;
  cert: string | undefined;
  key: string | undefined;
  insecure: boolean;
  keylog: string | undefined;
  dnsServers: string[];
  pcap: string | undefined;
  force: boolean;
  ladder: boolean;
  /** --report: the HTML report's file. */
  report: string | undefined;
  json: boolean;
  nagios: boolean;
  /** --nagios RTT thresholds (ms). */
  warningMs: number | undefined;
  criticalMs: number | undefined;
}

const bad = (message: string): UsageError => new UsageError(message, 'SIPTOOL_ERR_BAD_OPTION');

/** A duration: "1.5" (in `unit`), "500ms", "2s". Returns milliseconds. */
export function duration(text: string | undefined, flag: string, unit: 's' | 'ms', minMs: number, maxMs: number): number | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/.exec(text);
  if (!m) throw bad(`${flag} must be a duration such as ${unit === 's' ? '2, 1.5 or 500ms' : '500, 500ms or 1s'}, not "${text}"`);
  const ms = Number(m[1]) * ((m[2] ?? unit) === 's' ? 1000 : 1);
  if (ms < minMs || ms > maxMs) throw bad(`${flag} must be between ${fmt(minMs)} and ${fmt(maxMs)}, not "${text}"`);
  return ms;
}

function fmt(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}

function integer(text: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < min || Number(text) > max) throw bad(`${flag} must be a whole number from ${min} to ${max}, not "${text}"`);
  return Number(text);
}

/** Header fields siptool writes itself: a second copy would break the request. */
const MANAGED: Record<string, string> = {
  Via: 'siptool writes the Via',
  'Call-ID': 'siptool writes the Call-ID',
  CSeq: 'siptool writes the CSeq',
  'Content-Length': 'siptool writes the Content-Length',
  'Content-Type': 'siptool writes the Content-Type of its SDP offer',
  'Max-Forwards': 'siptool writes Max-Forwards: 70',
  From: 'use --from',
  To: 'use --to',
  Contact: 'use --contact',
};

/** --header "Name: value": a token name, no line break in the value (no header injection). */
export function parseHeaderOption(text: string): [string, string] {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new UsageError(`--header "${printable(text)}" is not "Name: value"`, 'SIPTOOL_ERR_BAD_HEADER');
  const name = text.slice(0, colon).trim();
  const value = text.slice(colon + 1).trim();
  let field: HeaderField;
  try {
    field = HeaderField.create(name, value);
  } catch (e) {
    throw new UsageError(`--header "${printable(text)}": ${(e as Error).message} (header injection is refused)`, 'SIPTOOL_ERR_BAD_HEADER');
  }
  const why = MANAGED[canonicalName(field.name)];
  if (why) throw new UsageError(`--header ${name}: ${why}`, 'SIPTOOL_ERR_BAD_HEADER');
  return [name, value];
}

function printable(s: string): string {
  const p = s.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/[^\x20-\x7e]/g, '?');
  return p.length > 80 ? p.slice(0, 79) + '…' : p;
}

/** A SIP URI or a name-addr for --from/--to/--contact, as a name-addr. */
function nameAddr(text: string | undefined, flag: string): string | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (/[\r\n\0]/.test(t)) throw bad(`${flag} contains a line break`);
  if (t.includes('<')) {
    if (!/<(sips?|tel):[^<>\s]+>/i.test(t)) throw bad(`${flag} "${printable(t)}" is not a name-addr such as "Alice" <sip:alice@example.com>`);
    return t;
  }
  if (/^(sips?|tel):\S+$/i.test(t)) return `<${t}>`;
  if (/^[^\s@<>]+@[^\s@<>]+$/.test(t)) return `<sip:${t}>`;
  throw bad(`${flag} "${printable(t)}" is not a SIP URI (sip:alice@example.com)`);
}

/** The files siptool reads (--ca, --cert, --key): --pcap must never be one of them. */
function sameFile(a: string, b: string | undefined): boolean {
  if (!b) return false;
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return resolvePath(p);
    }
  };
  return real(a) === real(b);
}

/** --codecs against the codecs siptool can offer (the SDP module is loaded only for INVITE). */
export async function checkCodecs(codecs: string[] | undefined): Promise<void> {
  if (!codecs) return;
  const { CODECS } = await import('../../probe/sdp-offer.js');
  const known = Object.keys(CODECS);
  const unknown = codecs.filter((c) => !known.includes(c.toLowerCase()));
  if (unknown.length > 0) throw bad(`--codecs: unknown codec ${unknown.join(', ')}; known: ${known.join(', ')}`);
}

/** Checks the options and the target; throws UsageError (exit 2) with one clear line. */
export function readProbeConfig(targets: string[], o: ProbeCliOptions): ProbeConfig {
  if (targets.length === 0) throw new UsageError('no target given: siptool probe <domain | host[:port] | sip:URI | udp:host:port | wss://host/path>', 'SIPTOOL_ERR_PROBE_TARGET');
  if (targets.length > 1) throw new UsageError(`one target per run, got ${targets.length} (${targets.slice(0, 3).join(' ')}${targets.length > 3 ? ' ...' : ''}): siptool probe is not a scanner`, 'SIPTOOL_ERR_PROBE_TARGET');
  const method = o.method.toUpperCase() as 'OPTIONS' | 'INVITE';
  const target = parseProbeTarget(targets[0]!, (o.transport as TransportProtocol | undefined) ?? null);
  const expect = parseExpectation(o.expect, method);
  if (!expect) throw bad(`--expect must be a final status code (200..699) or a class (2xx..6xx), comma-separated, not "${o.expect}"`);
  const count = integer(o.count, '--count', 1, 100_000) ?? null;
  if (count !== null && method === 'INVITE') throw bad('--count repeats OPTIONS pings; a call is placed once (drop --count or use --method OPTIONS)');
  if (count !== null && o.all) throw bad('--count and --all exclude each other: ping one target, or probe every target once');
  if (o.interval !== undefined && count === null) throw bad('--interval needs --count');
  if (method === 'OPTIONS') {
    for (const [flag, v] of [['--codecs', o.codecs], ['--hold', o.hold], ['--ring-timeout', o.ringTimeout]] as const) if (v !== undefined) throw bad(`${flag} is for --method INVITE`);
  }
  if ((o.cert === undefined) !== (o.key === undefined)) throw bad('--cert and --key go together (a client certificate and its private key)');
  if (o.nagios && o.json) throw bad('--nagios and --json exclude each other');
  if (o.force && !o.pcap && !o.report) throw bad('--force only applies to --pcap and --report');
  if ((o.warning !== undefined || o.critical !== undefined) && !o.nagios) throw bad('--warning and --critical are thresholds of --nagios');
  const warningMs = duration(o.warning, '--warning', 's', 0, 600_000);
  const criticalMs = duration(o.critical, '--critical', 's', 0, 600_000);
  if (warningMs !== undefined && criticalMs !== undefined && warningMs > criticalMs) throw bad('--warning must not be above --critical');
  let requestUri = target.requestUri;
  let to = nameAddr(o.to, '--to');
  if (o.userPhone) {
    if (!target.user) throw bad('--user-phone needs a user part in the target (sip:+15551234567@carrier.example)');
    if (!/;user=phone/i.test(requestUri)) requestUri = requestUri.replace(/^(sips?:[^@]+@[^;?]+)/i, '$1;user=phone');
  }
  to ??= `<${requestUri}>`;
  const codecs = o.codecs?.split(',').map((s) => s.trim()).filter(Boolean);
  if (codecs?.length === 0) throw bad('--codecs: no codec given');
  for (const [flag, file] of [['--ca', o.ca], ['--cert', o.cert], ['--key', o.key]] as const) {
    if (file !== undefined && !existsSync(file)) throw new UsageError(`${flag} ${file}: no such file`, 'SIPTOOL_ERR_INPUT_NOT_FOUND');
  }
  if (o.pcap !== undefined) {
    for (const other of [o.ca, o.cert, o.key, o.keylog]) if (sameFile(o.pcap, other)) throw bad(`--pcap ${o.pcap} is also given as an input or key log file; siptool never overwrites those`);
  }
  if (o.report !== undefined) {
    for (const other of [o.ca, o.cert, o.key, o.keylog, o.pcap]) if (sameFile(o.report, other)) throw bad(`--report ${o.report} is also given as another file of this run; siptool never overwrites those`);
  }
  const timeoutMs = duration(o.timeout, '--timeout', 's', 100, 300_000) ?? 10_000;
  return {
    target,
    method,
    requestUri,
    count,
    intervalMs: duration(o.interval, '--interval', 's', 100, 3_600_000) ?? 1000,
    timeoutMs,
    t1: duration(o.t1, '--t1', 'ms', 10, 10_000) ?? 500,
    from: nameAddr(o.from, '--from'),
    to,
    headers: o.header.map(parseHeaderOption),
    contact: nameAddr(o.contact, '--contact'),
    localPort: integer(o.localPort, '--local-port', 1, 65535),
    codecs,
    holdMs: duration(o.hold, '--hold', 's', 0, 3_600_000) ?? 0,
    ringTimeoutMs: duration(o.ringTimeout, '--ring-timeout', 's', 100, 600_000) ?? 60_000,
    expect,
    all: Boolean(o.all),
    user: o.user,
    ca: o.ca,
    cert: o.cert,
    key: o.key,
    insecure: Boolean(o.insecure),
    keylog: o.keylog,
    dnsServers: o.dnsServer,
    pcap: o.pcap,
    force: Boolean(o.force),
    ladder: Boolean(o.ladder),
    report: o.report,
    json: Boolean(o.json),
    nagios: Boolean(o.nagios),
    warningMs,
    criticalMs,
  };
}
