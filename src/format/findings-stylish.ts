import { escapeControls } from '../core/syntax/chars.js';
import { withoutUriPasswords } from '../explain/util/uri-passwords.js';
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
  return `  ${c.bold(`message ${fm.index + 1}`)} ${c.dim(`(${fm.origin.frame !== undefined ? `frame ${fm.origin.frame}` : `line ${fm.origin.line}`}${when}${where})`)} ${withoutUriPasswords(escapeControls(what))}`;
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
  const w = new StylishWriter(c, opts);
  yield* w.add(report.messages, report.findings);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) counts[f.severity]++;
  yield* w.end(counts, report.messageCount ?? report.messages.length);
}

/**
 * The stylish report written as the rows of checked messages arrive (in input order), so a
 * capture of any size is reported without keeping its findings: `add()` for each batch, then
 * `end()` for the summary line.
 */
export class StylishWriter {
  private readonly c: Palette;
  private readonly fixes: boolean;
  private lastFile = '';
  private any = false;

  constructor(c: Palette, opts: { fixes?: boolean } = {}) {
    this.c = c;
    this.fixes = opts.fixes !== false;
  }

  *add(messages: readonly ReportMessage[], findings: readonly Finding[]): Generator<string> {
    const c = this.c;
    const byMessage = new Map<number, Finding[]>();
    for (const f of findings) {
      const list = byMessage.get(f.messageIndex) ?? [];
      list.push(f);
      byMessage.set(f.messageIndex, list);
    }
    for (const fm of messages) {
      const found = byMessage.get(fm.index);
      if (!found) continue;
      this.any = true;
      if (fm.origin.file !== this.lastFile) {
        if (this.lastFile !== '') yield '\n';
        yield c.bold(escapeControls(fm.origin.file)) + '\n';
        this.lastFile = fm.origin.file;
      }
      yield heading(fm, c) + '\n';
      const shownFixes = new Set<string>();
      for (const f of found) {
        let block = `    ${c.dim(`${f.fileLine}:${f.fileColumn}`.padEnd(8))} ${severityLabel(f, c)}  ${escapeControls(f.message)}  ${c.dim(f.ruleId)}\n`;
        const text = fm.lines.get(f.line);
        if (text !== undefined) {
          const shown = withoutUriPasswords(escapeControls(text.replace(/\t/g, ' ')).replace(/(response\s*=\s*)("[^"]*"|[^,\s]+)/i, '$1"(hidden)"'));
          block += `             ${c.dim('│')} ${shown.length > 160 ? shown.slice(0, 157) + '...' : shown}\n`;
          if (f.column <= 160) block += `             ${c.dim('│')} ${' '.repeat(Math.max(0, f.column - 1))}${c.accent('^'.repeat(Math.max(1, Math.min(f.length, 160 - f.column + 1))))}\n`;
        }
        if (this.fixes && f.fix && !shownFixes.has(f.ruleId)) {
          shownFixes.add(f.ruleId);
          block += `             ${c.dim('fix: ' + f.fix + (f.ref ? ` (${f.ref})` : ''))}\n`;
        }
        yield block;
      }
    }
  }

  *end(counts: { error: number; warning: number; info: number }, messageCount: number): Generator<string> {
    const c = this.c;
    const total = counts.error + counts.warning + counts.info;
    const summary = `${total} finding(s): ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} note(s) in ${messageCount} message(s)`;
    if (this.any) yield '\n';
    yield (counts.error > 0 ? c.error('✖ ' + summary) : total > 0 ? c.warning('⚠ ' + summary) : c.ok('✔ ' + summary)) + '\n';
  }
}
