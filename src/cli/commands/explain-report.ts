import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Flow } from '../../explain/build-flow.js';
import type { Finding, RuleMeta } from '../../explain/rule.js';
import { formatMermaid } from '../../format/mermaid.js';
import { formatReportHtml, type ReportSection } from '../../format/report-html.js';
import { UsageError } from '../cli-errors.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { writeOutputFile } from '../write-output.js';

/** `--report FILE`, `--mermaid [FILE]` and `--force`, as the command received them. */
export interface ReportOutputOptions {
  report?: string;
  /** A file name, or true for stdout. */
  mermaid?: string | true;
  force?: boolean;
}

/** Everything a report is made of; probe passes its resolver tree and TLS report as `sections`. */
export interface ReportData {
  flow: Flow;
  findings: readonly Finding[];
  rules: readonly RuleMeta[];
  inputs?: ReadonlyArray<{ file: string; messages: number }>;
  sections?: readonly ReportSection[];
  title?: string;
  version: string;
  /** The command line, for the report's header. */
  command?: string;
}

/** Mermaid output goes to a file only when its name says so; anything else is an input (see --help). */
export const MERMAID_FILE = /\.(mmd|mermaid|md)$/i;

/** Where the rule pages are: docs/rules in the package. */
const RULE_DOCS = join(PACKAGE_ROOT, 'docs', 'rules');

/** docs/rules/<id>.md of each rule named; a page that cannot be read is left out. */
export async function readRuleDocs(ids: Iterable<string>, dir = RULE_DOCS): Promise<Record<string, string>> {
  const docs: Record<string, string> = {};
  for (const id of new Set(ids)) {
    if (!/^[a-z0-9-]+$/.test(id)) continue;
    try {
      docs[id] = await readFile(join(dir, `${id}.md`), 'utf8');
    } catch {
      // an installation without docs/: the report still has each rule's description, reference and fix
    }
  }
  return docs;
}

/** Usage errors found before any input is read. */
export function checkReportOptions(opts: ReportOutputOptions, format: string, ladder: boolean): void {
  if (opts.mermaid === true && (format !== 'stylish' || ladder)) throw new UsageError('--mermaid without a file writes the diagram to stdout; give it a file (e.g. --mermaid calls.mmd) to combine it with --format or --ladder');
  if (typeof opts.report === 'string' && typeof opts.mermaid === 'string' && opts.report === opts.mermaid) throw new UsageError('--report and --mermaid name the same file');
}

/**
 * Writes the HTML report and/or the Mermaid diagram. Returns the Mermaid text when it goes to
 * stdout (the caller prints it instead of its usual output), else undefined; `notes` receives
 * one line per file written, for stderr.
 */
export async function writeReports(opts: ReportOutputOptions, data: ReportData, notes: (line: string) => void): Promise<string | undefined> {
  if (opts.report) {
    const html = formatReportHtml({
      flow: data.flow,
      findings: data.findings,
      rules: data.rules,
      ruleDocs: await readRuleDocs(data.findings.map((f) => f.ruleId)),
      ...(data.inputs ? { inputs: data.inputs } : {}),
      ...(data.sections ? { sections: data.sections } : {}),
      ...(data.title ? { title: data.title } : {}),
      generator: { version: data.version, ...(data.command ? { command: data.command } : {}) },
      generatedAt: new Date().toISOString(),
    });
    await writeOutputFile(opts.report, html, { force: Boolean(opts.force) });
    notes(`wrote ${opts.report} (${data.flow.calls.length} call(s), ${data.flow.messages.length} message(s), ${data.findings.length} finding(s))`);
  }
  if (opts.mermaid === undefined) return undefined;
  const fenced = (typeof opts.mermaid === 'string' && /\.md$/i.test(opts.mermaid)) || data.flow.calls.length > 1;
  const text = formatMermaid(data.flow, data.findings, { fenced });
  if (opts.mermaid === true) return text;
  await writeOutputFile(opts.mermaid, text, { force: Boolean(opts.force) });
  notes(`wrote ${opts.mermaid} (${data.flow.calls.length} diagram(s))`);
  return undefined;
}
