import { latin1ToUtf8 } from '../core/syntax/chars.js';
import { serializeMessage } from '../core/serialize-message.js';
import { endpointText, type FlowMessage } from '../explain/flow-message.js';
import type { Finding } from '../explain/rule.js';
import { messageLabel, worstSeverity } from './ladder-layout.js';
import { html, token } from './report-html-escape.js';

/** A message longer than this is shown cut, with a note (the report must stay openable). */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/** The message as it was read (latin1: one char per byte), or rebuilt when it was built in memory. */
function messageBytes(fm: FlowMessage): Buffer {
  const src = fm.message.source;
  return src ? src.input.subarray(src.start, src.end) : serializeMessage(fm.message);
}

/** "+1.234 s" from the call's first timed message. */
export function relativeTime(t: number | undefined, t0: number | undefined): string {
  if (t === undefined || t0 === undefined) return '';
  return `+${(t - t0).toFixed(3)} s`;
}

interface Span {
  start: number;
  end: number;
  findings: Finding[];
}

/** Splits a line into plain and marked parts: each marked part covers the findings over it. */
function spans(length: number, findings: readonly Finding[]): Span[] {
  const cuts = new Set<number>([0, length]);
  for (const f of findings) {
    const s = Math.min(length, Math.max(0, f.column - 1));
    cuts.add(s);
    cuts.add(Math.min(length, Math.max(s + 1, s + f.length)));
  }
  const sorted = [...cuts].filter((c) => c <= length).sort((a, b) => a - b);
  const out: Span[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i]!;
    const end = sorted[i + 1]!;
    out.push({ start, end, findings: findings.filter((f) => f.column - 1 <= start && start < Math.max(f.column, f.column - 1 + f.length)) });
  }
  return out;
}

function renderLine(raw: string, n: number, findings: readonly Finding[], numbered: boolean): string {
  const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (findings.length === 0) return numbered ? `<span class="l">${html(latin1ToUtf8(text))}</span>` : html(latin1ToUtf8(text));
  const worst = worstSeverity(findings) ?? 'info';
  const parts = spans(text.length, findings).map((s) => {
    const piece = html(latin1ToUtf8(text.slice(s.start, s.end)));
    if (s.findings.length === 0) return piece;
    // the findings' words are listed above the text; the mark names their rules
    const why = [...new Set(s.findings.map((f) => f.ruleId))].join(', ');
    return `<mark class="sev-${worstSeverity(s.findings) ?? 'info'}" title="${html(why)}">${piece || ' '}</mark>`;
  });
  const ids = [...new Set(findings.map((f) => f.ruleId))].map((id) => `<a href="#rule-${token(id)}">${html(id)}</a>`).join(' ');
  return `<span class="${numbered ? 'l ' : ''}hl sev-${worst}" id="m-${findings[0]!.messageIndex + 1}-l${n}">${parts.join('')}<span class="why"> ◀ ${ids}</span></span>`;
}

/**
 * The full text, lines with findings highlighted and the exact columns marked; `numbered` puts
 * each line in an element so the style sheet can number it (left out in large reports, for size).
 */
export function messageText(fm: FlowMessage, findings: readonly Finding[], numbered = true): string {
  const bytes = messageBytes(fm);
  const cut = bytes.length > MAX_MESSAGE_BYTES;
  const text = bytes.toString('latin1', 0, Math.min(bytes.length, MAX_MESSAGE_BYTES));
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const byLine = new Map<number, Finding[]>();
  for (const f of findings) {
    // a finding past the text (a call-level finding, or a cut message) marks the start line
    const line = f.line >= 1 && f.line <= lines.length ? f.line : 1;
    byLine.set(line, [...(byLine.get(line) ?? []), f]);
  }
  const out = lines.map((l, i) => renderLine(l, i + 1, byLine.get(i + 1) ?? [], numbered));
  if (cut) out.push(`<span class="cut">… ${bytes.length - MAX_MESSAGE_BYTES} more bytes not shown</span>`);
  return `<pre class="sip${numbered ? ' numbered' : ''}">${out.join('\n')}</pre>`;
}

function findingItem(f: Finding): string {
  return `<li class="sev-${f.severity}"><span class="sev">${f.severity}</span> <span class="pos">${f.line}:${f.column}</span> ${html(f.message)} <a class="rule" href="#rule-${token(f.ruleId)}">${html(f.ruleId)}</a></li>`;
}

/** One message, collapsed: its summary line, then (when opened) its findings and its full text. */
export function renderMessage(fm: FlowMessage, findings: readonly Finding[], t0: number | undefined, numbered = true): string {
  const m = fm.message;
  const what = m.kind === 'request' ? `${m.method} ${m.uri}` : messageLabel(fm);
  const where = fm.src || fm.dst ? `${endpointText(fm.src)} → ${endpointText(fm.dst)}` : '';
  const worst = worstSeverity(findings);
  const badge = worst ? ` <span class="badge sev-${worst}">${findings.length} finding${findings.length === 1 ? '' : 's'}</span>` : '';
  const when = relativeTime(fm.time, t0);
  return [
    `<details class="message${worst ? ` sev-${worst}` : ''}" id="m-${fm.index + 1}">`,
    `<summary><span class="n">#${fm.index + 1}</span> <span class="what">${html(what)}</span>${when ? ` <span class="t">${when}</span>` : ''}${where ? ` <span class="where">${html(where)}</span>` : ''}${badge} <span class="origin">${html(fm.origin.file)}:${fm.origin.line}</span></summary>`,
    findings.length > 0 ? `<ul class="findings">${findings.map(findingItem).join('')}</ul>` : '',
    messageText(fm, findings, numbered),
    `</details>`,
  ].join('');
}
