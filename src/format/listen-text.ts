import { escapeControls, hideUriPasswords } from '../core/syntax/chars.js';
import type { AnySipMessage } from '../core/message.js';
import type { Finding } from '../explain/rule.js';
import type { Palette } from './palette.js';

/** An address as text ([v6]:port or v4:port). */
export function hostPort(e: { address: string; port: number }): string {
  return e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}

function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}

/** A short description of a message: method and URI, or status and reason, with the body type. */
export function messageSummary(m: AnySipMessage): string {
  const ct = m.contentType;
  const body = m.body.length > 0 ? ` (${ct ? `${ct.type}/${ct.subtype}`.toLowerCase() === 'application/sdp' ? 'SDP' : `${ct.type}/${ct.subtype}` : 'body'})` : '';
  const text = m.kind === 'request' ? `${m.method} ${m.uri}` : `${m.status} ${m.reason}`;
  return hideUriPasswords(escapeControls(text)) + body;
}

export interface ListenLine {
  direction: 'in' | 'out';
  /** ms since the epoch. */
  time: number;
  protocol: string;
  remote: { address: string; port: number };
  message: AnySipMessage;
  retransmission: number;
}

/**
 * One arriving or departing message: `12:00:01.123 ← UDP 192.0.2.10:5060  INVITE sip:… (SDP)`,
 * with the Call-ID on requests that start something and a mark on retransmissions.
 */
export function formatMessageLine(l: ListenLine, c: Palette): string {
  const arrow = l.direction === 'in' ? c.accent('←') : c.dim('→');
  const m = l.message;
  const retrans = l.retransmission > 0 ? c.dim(` (retransmission${l.retransmission > 1 ? ` ${l.retransmission}` : ''})`) : '';
  const what = messageSummary(m);
  const shown = m.kind === 'response' ? (m.status >= 400 ? c.error(what) : m.status >= 200 ? c.ok(what) : what) : c.bold(what);
  const callId = m.kind === 'request' && (m.method === 'INVITE' || m.method === 'OPTIONS') && !m.toTag && l.retransmission === 0 ? c.dim(`  Call-ID ${escapeControls(m.callId ?? '(none)')}`) : '';
  return `${c.dim(clock(l.time))} ${arrow} ${l.protocol.toUpperCase().padEnd(3)} ${hostPort(l.remote).padEnd(21)} ${shown}${retrans}${callId}`;
}

/**
 * Findings on one message, indented under its line, with the fix once per rule (`fixes` holds
 * the rules whose fix was already shown, across calls to this function).
 */
export function formatLiveFindings(findings: readonly Finding[], c: Palette, quote?: (f: Finding) => string | undefined, fixes: Set<string> = new Set()): string[] {
  const out: string[] = [];
  for (const f of findings) {
    const sev = f.severity === 'error' ? c.error('error  ') : f.severity === 'warning' ? c.warning('warning') : c.info('info   ');
    out.push(`      ${sev}  ${escapeControls(f.message)}  ${c.dim(f.ruleId)}`);
    const q = quote?.(f);
    if (q !== undefined) out.push(`               ${c.dim('│')} ${q.length > 140 ? q.slice(0, 137) + '...' : q}`);
    if (f.fix && !fixes.has(f.ruleId)) {
      fixes.add(f.ruleId);
      out.push(`               ${c.dim('fix: ' + f.fix)}`);
    }
  }
  return out;
}

export interface CallLine {
  callId: string;
  outcome: string;
  endedBy: string;
  status: number | null;
  durationMs: number;
  from: string;
  to: string;
  answerCodec: string | null;
  findings: { error: number; warning: number; info: number };
}

/** The line that closes a call: outcome, who ended it, how long, codec, findings. */
export function formatCallEnd(l: CallLine, c: Palette): string {
  const f = l.findings;
  const verdict = f.error > 0 ? c.error(`${f.error} error(s)`) : f.warning > 0 ? c.warning(`${f.warning} warning(s)`) : c.ok('no errors');
  const codec = l.answerCodec ? `, ${l.answerCodec}` : '';
  const status = l.status !== null ? ` ${l.status}` : '';
  return `  ${c.bold('call')} ${escapeControls(l.callId)}: ${l.outcome}${status}, ended by ${l.endedBy}, ${(l.durationMs / 1000).toFixed(1)} s${codec}; ${verdict}, ${f.warning} warning(s), ${f.info} note(s)\n    from ${hideUriPasswords(escapeControls(l.from))}\n    to   ${hideUriPasswords(escapeControls(l.to))}`;
}

/** The closing summary: counts, including everything dropped or refused. */
export function formatListenSummary(s: Record<string, number>, c: Palette): string {
  const parts = Object.entries(s).map(([k, v]) => `${k} ${v}`);
  return c.bold('listen summary: ') + parts.join(', ');
}
