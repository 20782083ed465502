import { escapeControls } from '../core/syntax/chars.js';
import type { PingSample, ProbeAttempt, ProbeReport } from '../probe/probe-report.js';
import type { Palette } from './palette.js';

/** `siptool probe` as text: pure functions from the report (and ping samples) to lines. */

function where(a: { transport: string; address: string; port: number }): string {
  return `${a.transport} ${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}`;
}

function ms(n: number | null): string {
  if (n === null) return '-';
  return n < 10 ? `${n.toFixed(3)} ms` : n < 1000 ? `${n.toFixed(1)} ms` : `${(n / 1000).toFixed(2)} s`;
}

function statusText(a: ProbeAttempt, c: Palette): string {
  if (a.status !== null) {
    const s = `${a.status} ${escapeControls(a.reason ?? '')}`.trim();
    return a.expected ? c.ok(s) : a.status >= 500 || a.authFailure ? c.error(s) : c.warning(s);
  }
  return c.error(a.error?.code.replace(/^TRANSPORT_ERR_/, '') ?? 'NO ANSWER');
}

/** "PING sip:… (udp 192.0.2.1:5060): OPTIONS every 1 s" before the first ping line of a target. */
export function formatPingHeader(requestUri: string, a: ProbeAttempt, intervalMs: number, c: Palette): string {
  return c.bold(`PING ${escapeControls(requestUri)} (${where(a)}${a.local ? ` from ${a.local.address}:${a.local.port}` : ''}): OPTIONS every ${intervalMs / 1000} s`);
}

/** One ping, like ping(8): "200 OK from udp 192.0.2.1:5060: seq=1 time=0.612 ms". */
export function formatPingLine(s: PingSample, a: ProbeAttempt, timeoutMs: number, c: Palette): string {
  const retx = s.retransmissions > 0 ? ` (${s.retransmissions} retransmission${s.retransmissions > 1 ? 's' : ''})` : '';
  if (s.status === null) return `${c.error(s.error === 'TRANSPORT_ERR_TIMEOUT' ? 'timeout' : (s.error ?? 'error'))} ${where(a)}: seq=${s.seq}${s.error === 'TRANSPORT_ERR_TIMEOUT' ? ` no answer in ${timeoutMs / 1000} s` : ''}${retx}`;
  const st = `${s.status} ${escapeControls(s.reason ?? '')}`.trim();
  return `${s.status < 300 ? c.ok(st) : c.warning(st)} from ${where(a)}: seq=${s.seq} time=${ms(s.rttMs)}${retx}`;
}

function pingBlock(r: ProbeReport, a: ProbeAttempt, c: Palette): string[] {
  const p = a.pings!;
  const out = [``, c.bold(`--- ${escapeControls(r.requestUri)} (${where(a)}) OPTIONS ping statistics ---`)];
  out.push(`${p.sent} sent, ${p.answered} answered, ${p.lossPercent}% loss${p.stoppedEarly ? ` · stopped early: ${p.stoppedEarly}` : ''}`);
  if (p.minMs !== null) out.push(`rtt min/avg/max/stddev = ${p.minMs.toFixed(3)}/${p.avgMs!.toFixed(3)}/${p.maxMs!.toFixed(3)}/${p.stddevMs!.toFixed(3)} ms`);
  return out;
}

function tlsLines(a: ProbeAttempt, c: Palette): string[] {
  const t = a.tls;
  if (!t) return [];
  const verdict = t.verified ? c.ok('verified') : t.insecure ? c.warning('NOT verified (--insecure)') : c.error('NOT verified');
  const match = t.domainMatch.matched ? `${t.domainMatch.domain} matched by ${t.domainMatch.by}` : t.domainMatch.domain ? `${t.domainMatch.domain} NOT matched` : 'no SIP domain to match';
  const out = [`TLS      ${t.protocol ?? '?'} ${t.cipher ?? ''} · ${verdict}${t.chainError ? ` (${t.chainError})` : ''} · ${match} · SNI ${t.sniSent ? t.servername : 'not sent'}${t.clientCertificateSent ? ' · client certificate sent' : ''}`];
  const cert = t.certificate;
  if (cert) {
    out.push(`         subject ${escapeControls(cert.subject)} · issuer ${escapeControls(cert.issuer)}`);
    if (cert.subjectAltNames.length > 0) out.push(`         SAN ${escapeControls(cert.subjectAltNames.join(', '))}`);
    const days = cert.daysLeft;
    const exp = `expires ${cert.validTo}${days !== null ? ` (${days} days)` : ''}`;
    out.push(`         ${days !== null && days < 21 ? c.warning(exp) : exp}`);
  }
  return out;
}

function natLine(a: ProbeAttempt, c: Palette): string[] {
  const n = a.nat;
  if (!n) return [];
  const seen = n.seen ? `${n.seen.address}${n.seen.port !== null ? ':' + n.seen.port : ''}` : null;
  const text = n.natDetected
    ? c.warning(`NAT detected: the server saw ${seen}, our socket is ${n.local.address}:${n.local.port}`)
    : seen
      ? `no NAT: the server saw ${seen} (our socket)`
      : `the server echoed neither received nor rport (our socket ${n.local.address}:${n.local.port})`;
  return [`NAT      ${text}${n.rportSupported ? '' : ' · rport not filled'}`];
}

function callLines(a: ProbeAttempt, c: Palette): string[] {
  const r = a.call;
  if (!r) return [];
  const out: string[] = [];
  const prov = r.provisionals.map((p) => `${p.status} ${escapeControls(p.reason)} +${Math.round(p.atMs)}ms${p.sdp ? ' (SDP)' : ''}${p.reliable ? ' (100rel)' : ''}`);
  out.push(`call     ${r.outcome}${r.invites > 1 ? ` after ${r.invites} INVITEs` : ''}${prov.length > 0 ? ` · ${prov.join(', ')}` : ''}`);
  const facts = [r.pddMs !== null ? `PDD ${Math.round(r.pddMs)} ms` : null, r.finalMs !== null ? `final +${Math.round(r.finalMs)} ms` : null, r.answerCodecs.length > 0 ? `answer ${r.answerCodecs.join(', ')}` : null, r.earlyMedia ? 'early media' : null, r.pracks.length > 0 ? `${r.pracks.length} PRACK` : null, r.sessionTimer.retried422 ? `422 retried with Min-SE ${r.sessionTimer.minSE}` : null].filter(Boolean);
  if (facts.length > 0) out.push(`         ${facts.join(' · ')}`);
  if (r.dialog) out.push(`         dialog: target ${escapeControls(r.dialog.remoteTarget)}${r.dialog.routeSet.length > 0 ? ` · route ${escapeControls(r.dialog.routeSet.join(', '))}` : ' · no Record-Route'}`);
  const td = r.teardown;
  if (td.by !== 'none') out.push(`         teardown: ${td.by}${td.status !== null ? ` → ${td.status}` : ''}${td.error ? ` (${td.error.code})` : ''}`);
  return out;
}

function attemptLines(r: ProbeReport, a: ProbeAttempt, c: Palette): string[] {
  const out = [`${c.bold(`#${a.index}`)} ${where(a)}${a.host !== a.address ? ` (${escapeControls(a.host)})` : ''}${a.local ? c.dim(` from ${a.local.address}:${a.local.port}`) : ''}`];
  const ind = (s: string): string => `   ${s}`;
  out.push(ind(`answer   ${statusText(a, c)}${a.rttMs !== null ? ` · rtt ${ms(a.rttMs)}` : ''}${a.retransmissions > 0 ? ` · ${a.retransmissions} retransmission(s)` : ''}${a.requests > 1 ? ` · ${a.requests} requests` : ''} · ${ms(a.durationMs)} in all`));
  if (a.error && a.status === null) out.push(ind(`error    ${escapeControls(a.error.message)}`));
  if (a.options) {
    const o = a.options;
    if (o.server) out.push(ind(`Server   ${escapeControls(o.server)}`));
    if (o.userAgent) out.push(ind(`UA       ${escapeControls(o.userAgent)}`));
    if (o.allow.length > 0) out.push(ind(`Allow    ${escapeControls(o.allow.join(', '))}`));
    if (o.supported.length > 0) out.push(ind(`Supported ${escapeControls(o.supported.join(', '))}`));
    if (o.accept.length > 0) out.push(ind(`Accept   ${escapeControls(o.accept.join(', '))}`));
  }
  if (a.retryAfter !== null) out.push(ind(c.warning(`Retry-After ${a.retryAfter} s`)));
  for (const x of a.auth) out.push(ind(`auth     ${x.status} ${x.header} realm "${escapeControls(x.realm)}" ${x.algorithm}${x.qop ? ` qop=${x.qop}` : ''}${x.stale ? ' stale' : ''} → answered`));
  if (a.authFailure) out.push(ind(c.error(`auth     ${a.authFailure.code}: ${escapeControls(a.authFailure.message)}`)));
  out.push(...callLines(a, c).map(ind), ...tlsLines(a, c).map(ind), ...natLine(a, c).map(ind));
  return out;
}

function table(r: ProbeReport, c: Palette): string[] {
  const rows = r.attempts.map((a) => [`#${a.index}`, a.transport, `${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}`, a.status !== null ? `${a.status} ${a.reason ?? ''}`.trim() : (a.error?.code.replace(/^TRANSPORT_ERR_/, '') ?? '-'), ms(a.rttMs), a.tls ? (a.tls.verified ? 'TLS ok' : 'TLS unverified') : '', a.nat?.natDetected ? 'NAT' : '']);
  const head = ['', 'transport', 'address', 'answer', 'rtt', '', ''];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((x) => x[i]!.length)));
  const line = (x: string[]): string => x.map((v, i) => v.padEnd(w[i]!)).join('  ').trimEnd();
  return [c.dim(line(head)), ...rows.map((x, i) => `${line(x)}${r.attempts[i]!.index === r.answeredBy && !r.all ? c.dim('  ← verdict') : ''}`)];
}

/** The whole report: what was probed, each target tried, findings, and the verdict line. */
export function formatProbeReport(r: ProbeReport, c: Palette, opts: { pingsPrinted?: boolean } = {}): string {
  const out: string[] = [];
  const resolved = r.resolve
    ? `RFC 3263 (${r.resolve.procedure}): ${r.resolve.targets.length} target(s) in ${r.resolve.ms} ms`
    : 'IP address: no DNS';
  if (!opts.pingsPrinted) out.push(`${c.bold(`${r.method} ${escapeControls(r.requestUri)}`)}  ·  ${resolved}${r.all ? '  ·  --all' : ''}`);
  else out.push(...r.attempts.filter((a) => a.pings).flatMap((a) => pingBlock(r, a, c)));
  if (r.resolve && r.resolve.targets.length === 0) out.push(c.error(`${escapeControls(r.input)} resolved to no target`));
  if (r.attempts.length > 1) out.push('', ...table(r, c));
  const detail = r.all ? r.attempts : r.attempts.filter((a) => a.index === (r.answeredBy ?? r.attempts[r.attempts.length - 1]?.index));
  for (const a of detail) out.push('', ...attemptLines(r, a, c));
  const findings = [...r.findings, ...(r.resolve?.findings ?? []).map((f) => ({ ...f, attempt: null }))];
  if (findings.length > 0) {
    out.push('', c.bold('findings'));
    const sev = (s: string): string => (s === 'error' ? c.error('error  ') : s === 'warning' ? c.warning('warning') : c.info('info   '));
    for (const f of findings) out.push(`  ${sev(f.severity)} ${c.dim(f.code)}  ${escapeControls(f.message)}`);
  }
  if (r.pcap) out.push('', `capture  ${escapeControls(r.pcap.file)}: ${r.pcap.frames} frame(s), ${r.pcap.format}${r.pcap.note ? ` · ${r.pcap.note}` : ''}`);
  out.push('', `${r.ok ? c.ok('✔ OK') : c.error('✘ FAILED')}  ${escapeControls(r.summary)}`);
  return out.join('\n');
}
