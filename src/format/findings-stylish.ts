import { escapeControls, hideUriPasswords } from '../core/syntax/chars.js';
import type { Finding } from '../explain/rule.js';
import { endpointText } from '../explain/flow-message.js';
import type { ReportMessage } from '../explain/report-message.js';
import type { ExplainReport } from './findings-json.js';
import type { Palette } from './palette.js';

function time(t: number): string {
  return new Date(t * 1000).toISOString().slice(11, 23);
}

function heading(fm: ReportMessage, c: Palette): string {
  const m = fm;
  const what = m.kind === 'request' ? `${m.method} ${m.uri}` : `${m.status} ${m.reason}`;
  const where = fm.src || fm.dst ? ` ${endpointText(fm.src)} → ${endpointText(fm.dst)}` : '';
  const when = fm.time !== undefined ? ` ${time(fm.time)}` : '';
  return `  ${c.bold(`message ${fm.index + 1}`)} ${c.dim(`(${fm.origin.frame !== undefined ? `frame ${fm.origin.frame}` : `line ${fm.origin.line}`}${when}${where})`)} ${hideUriPasswords(escapeControls(what))}`;
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
  return [...formatFindingsStylishChunks(report, c, opts)].join('');
}

/** The stylish report a line at a time ("\n" included), for writing a long report without building it. */
export function* formatFindingsStylishChunks(report: ExplainReport, c: Palette, opts: { fixes?: boolean } = {}): Generator<string> {
  const byMessage = new Map<number, Finding[]>();
  for (const f of report.findings) {
    const list = byMessage.get(f.messageIndex) ?? [];
    list.push(f);
    byMessage.set(f.messageIndex, list);
  }
  let lastFile = '';
  let any = false;
  for (const fm of report.messages) {
    const findings = byMessage.get(fm.index);
    if (!findings) continue;
    any = true;
    if (fm.origin.file !== lastFile) {
      if (lastFile !== '') yield '\n';
      yield c.bold(escapeControls(fm.origin.file)) + '\n';
      lastFile = fm.origin.file;
    }
    yield heading(fm, c) + '\n';
    const shownFixes = new Set<string>();
    for (const f of findings) {
      let block = `    ${c.dim(`${f.fileLine}:${f.fileColumn}`.padEnd(8))} ${severityLabel(f, c)}  ${escapeControls(f.message)}  ${c.dim(f.ruleId)}\n`;
      const text = fm.lines.get(f.line);
      if (text !== undefined) {
        const shown = hideUriPasswords(escapeControls(text.replace(/\t/g, ' ')).replace(/(response\s*=\s*)("[^"]*"|[^,\s]+)/i, '$1"(hidden)"'));
        block += `             ${c.dim('│')} ${shown.length > 160 ? shown.slice(0, 157) + '...' : shown}\n`;
        if (f.column <= 160) block += `             ${c.dim('│')} ${' '.repeat(Math.max(0, f.column - 1))}${c.accent('^'.repeat(Math.max(1, Math.min(f.length, 160 - f.column + 1))))}\n`;
      }
      if (opts.fixes !== false && f.fix && !shownFixes.has(f.ruleId)) {
        shownFixes.add(f.ruleId);
        block += `             ${c.dim('fix: ' + f.fix + (f.ref ? ` (${f.ref})` : ''))}\n`;
      }
      yield block;
    }
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) counts[f.severity]++;
  const summary = `${report.findings.length} finding(s): ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} note(s) in ${report.messageCount ?? report.messages.length} message(s)`;
  if (any) yield '\n';
  yield (counts.error > 0 ? c.error('✖ ' + summary) : report.findings.length > 0 ? c.warning('⚠ ' + summary) : c.ok('✔ ' + summary)) + '\n';
}
