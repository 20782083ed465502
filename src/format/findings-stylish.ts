import { escapeControls, hideUriPasswords } from '../core/syntax/chars.js';
import type { Finding } from '../explain/rule.js';
import { endpointText, type FlowMessage } from '../explain/flow-message.js';
import type { ExplainReport } from './findings-json.js';
import type { Palette } from './palette.js';

/** Line `n` (1-based) of a message as it was written, UTF-8 decoded. */
export function messageLine(fm: FlowMessage, n: number): string | undefined {
  const src = fm.message.source;
  if (!src) return undefined;
  let start = src.start;
  for (let k = 1; k < n; k++) {
    const nl = src.input.indexOf(10, start);
    if (nl < 0 || nl >= src.end) return undefined;
    start = nl + 1;
  }
  let end = src.input.indexOf(10, start);
  if (end < 0 || end > src.end) end = src.end;
  if (end > start && src.input[end - 1] === 13) end--;
  return src.input.toString('utf8', start, Math.min(end, start + 400));
}

function time(t: number): string {
  return new Date(t * 1000).toISOString().slice(11, 23);
}

function heading(fm: FlowMessage, c: Palette): string {
  const m = fm.message;
  const what = m.kind === 'request' ? `${m.method} ${m.uri}` : `${m.status} ${m.reason}`;
  const where = fm.src || fm.dst ? ` ${endpointText(fm.src)} → ${endpointText(fm.dst)}` : '';
  const when = fm.time !== undefined ? ` ${time(fm.time)}` : '';
  return `  ${c.bold(`message ${fm.index + 1}`)} ${c.dim(`(line ${fm.origin.line}${when}${where})`)} ${hideUriPasswords(escapeControls(what))}`;
}

function severityLabel(f: Finding, c: Palette): string {
  return f.severity === 'error' ? c.error('error  ') : f.severity === 'warning' ? c.warning('warning') : c.info('info   ');
}

/**
 * The default human report: findings grouped by file and message, each with its position,
 * severity, message and rule id, the offending line quoted with a marker under the exact part,
 * and the fix; then a summary line.
 */
export function formatFindingsStylish(report: ExplainReport, c: Palette, opts: { fixes?: boolean } = {}): string {
  const out: string[] = [];
  const byMessage = new Map<number, Finding[]>();
  for (const f of report.findings) {
    const list = byMessage.get(f.messageIndex) ?? [];
    list.push(f);
    byMessage.set(f.messageIndex, list);
  }
  let lastFile = '';
  const shownFixes = new Set<string>();
  for (const fm of report.messages) {
    const findings = byMessage.get(fm.index);
    if (!findings) continue;
    if (fm.origin.file !== lastFile) {
      if (lastFile !== '') out.push('');
      out.push(c.bold(escapeControls(fm.origin.file)));
      lastFile = fm.origin.file;
    }
    out.push(heading(fm, c));
    for (const f of findings) {
      out.push(`    ${c.dim(`${f.fileLine}:${f.fileColumn}`.padEnd(8))} ${severityLabel(f, c)}  ${escapeControls(f.message)}  ${c.dim(f.ruleId)}`);
      const text = messageLine(fm, f.line);
      if (text !== undefined) {
        const shown = hideUriPasswords(escapeControls(text.replace(/\t/g, ' ')).replace(/(response\s*=\s*)("[^"]*"|[^,\s]+)/i, '$1"(hidden)"'));
        out.push(`             ${c.dim('│')} ${shown.length > 160 ? shown.slice(0, 157) + '...' : shown}`);
        if (f.column <= 160) out.push(`             ${c.dim('│')} ${' '.repeat(Math.max(0, f.column - 1))}${c.accent('^'.repeat(Math.max(1, Math.min(f.length, 160 - f.column + 1))))}`);
      }
      if (opts.fixes !== false && f.fix && !shownFixes.has(`${fm.index}\u0000${f.ruleId}`)) {
        shownFixes.add(`${fm.index}\u0000${f.ruleId}`);
        out.push(`             ${c.dim('fix: ' + f.fix + (f.ref ? ` (${f.ref})` : ''))}`);
      }
    }
  }
  const n = (s: string): number => report.findings.filter((f) => f.severity === s).length;
  const summary = `${report.findings.length} finding(s): ${n('error')} error(s), ${n('warning')} warning(s), ${n('info')} note(s) in ${report.messages.length} message(s)`;
  if (out.length > 0) out.push('');
  out.push(n('error') > 0 ? c.error('✖ ' + summary) : report.findings.length > 0 ? c.warning('⚠ ' + summary) : c.ok('✔ ' + summary));
  return out.join('\n') + '\n';
}
