import { escapeControls } from '../core/syntax/chars.js';
import type { Call, Flow } from '../explain/build-flow.js';
import type { Finding } from '../explain/rule.js';
import { findingsByMessage, layoutCall, MAX_COLUMNS } from './ladder-layout.js';

function clip(s: string, n: number): string {
  return s.length <= n ? s : n <= 1 ? s.slice(0, n) : s.slice(0, n - 1) + '…';
}

function time(t: number): string {
  return new Date(t * 1000).toISOString().slice(11, 23);
}

function center(s: string, w: number): string {
  const c = clip(s, w - 1);
  const left = Math.floor((w - c.length) / 2);
  return ' '.repeat(left) + c + ' '.repeat(w - c.length - left);
}

/** How ladderForCall draws: a title instead of the Call-ID line, times relative to a start. */
export interface LadderOptions {
  /** First line instead of "Call-ID … · N message(s)". */
  title?: string;
  /** Seconds since the epoch: times are drawn as "+12.3ms" from it instead of the wall clock. */
  relativeTo?: number;
}

function relative(t: number, base: number): string {
  const ms = (t - base) * 1000;
  return `+${ms < 10_000 ? ms.toFixed(1) + 'ms' : (ms / 1000).toFixed(2) + 's'}`;
}

/** One call as a sequence diagram. */
export function ladderForCall(call: Call, findings: readonly Finding[], options: LadderOptions = {}, byMessage = findingsByMessage(findings)): string {
  const { hosts, rows, folded, timed } = layoutCall(call, byMessage);
  const width = Math.min(34, Math.max(20, ...hosts.map((h) => h.length + 3), ...rows.map((r) => r.label.length + 6)));
  const margin = 5 + (timed ? 13 : 0);
  const mid = (i: number): number => margin + i * width + Math.floor(width / 2);
  const lineWidth = margin + hosts.length * width;

  const out: string[] = [];
  out.push(options.title ?? `Call-ID ${escapeControls(call.callId || '(none)')} · ${call.messages.length} message(s)`);
  out.push(' '.repeat(margin) + hosts.map((h) => center(escapeControls(h), width)).join('').trimEnd());
  const lifelines = (): string[] => {
    const chars = Array.from({ length: lineWidth }, () => ' ');
    for (let i = 0; i < hosts.length; i++) chars[mid(i)] = '│';
    return chars;
  };
  out.push(lifelines().join('').trimEnd());
  for (const r of rows) {
    const chars = lifelines();
    const a = r.fromCol;
    const b = r.toCol;
    const text = r.label;
    const prefix = `${String(r.fm.index + 1).padStart(3)}  ${timed ? (r.fm.time !== undefined ? (options.relativeTo !== undefined ? relative(r.fm.time, options.relativeTo) : time(r.fm.time)) : '').padEnd(13) : ''}`;
    for (let k = 0; k < prefix.length; k++) chars[k] = prefix[k]!;
    if (a === b) {
      const s = `⟲ ${text}`;
      for (let k = 0; k < s.length && mid(a) + 2 + k < lineWidth; k++) chars[mid(a) + 2 + k] = s[k]!;
    } else {
      const lo = Math.min(mid(a), mid(b));
      const hi = Math.max(mid(a), mid(b));
      for (let k = lo + 1; k < hi; k++) chars[k] = '─';
      if (a < b) chars[hi - 1] = '▶';
      else chars[lo + 1] = '◀';
      const room = hi - lo - 4;
      const t = clip(text, Math.max(1, room));
      const start = a < b ? lo + 2 : lo + 3;
      for (let k = 0; k < t.length; k++) chars[start + k] = t[k]!;
    }
    let line = chars.join('').trimEnd();
    const found = r.findings;
    if (found.length > 0) {
      const ids = [...new Set(found.filter((f) => f.severity !== 'info').map((f) => f.ruleId))];
      const notes = [...new Set(found.filter((f) => f.severity === 'info').map((f) => f.ruleId))];
      line += `  ${ids.length > 0 ? `! ${ids.join(' ')}` : ''}${ids.length > 0 && notes.length > 0 ? '  ' : ''}${notes.length > 0 ? `i ${notes.join(' ')}` : ''}`;
    }
    out.push(line);
  }
  if (folded) out.push(`(more than ${MAX_COLUMNS} hosts: the rest are drawn in the last column)`);
  return out.join('\n') + '\n';
}

/**
 * A text sequence diagram per call (Call-ID): hosts as columns (the capture's addresses when
 * known, else the Via sent-by, Route, Request-URI and Contact hosts the messages name), one
 * arrow per message with its method or status and time, and the rule ids of its findings
 * ("!" for errors and warnings, "i" for notes).
 */
export function formatLadder(flow: Flow, findings: readonly Finding[]): string {
  const byMessage = findingsByMessage(findings);
  return flow.calls.map((c) => ladderForCall(c, findings, {}, byMessage)).join('\n');
}
