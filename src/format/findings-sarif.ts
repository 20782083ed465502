import type { ReportMessage } from '../explain/report-message.js';
import type { Finding, RuleMeta } from '../explain/rule.js';
import type { Severity } from '../core/problems.js';
import { captureFrames, framePrefix } from './capture-frames.js';
import type { ExplainReport } from './findings-json.js';

/** Where SARIF and other formats point for the tool and for each rule's page. */
export const SIPTOOL_INFORMATION_URI = 'https://www.npmjs.com/package/siptool';
/** The published package's files, by version: docs/rules/<id>.md is in the npm package. */
export const docsBaseUri = (version: string): string => `https://unpkg.com/siptool@${version}/docs/rules/`;
/** The artifact URI of input read from stdin (documented in docs/explain.md). */
export const STDIN_URI = 'urn:siptool:stdin';

export interface SarifContext {
  /** Every rule's metadata, in registry order: becomes tool.driver.rules. */
  rules: readonly RuleMeta[];
  /** siptool's version. */
  version: string;
  /** The directory input paths are made relative to (the repository root in CI). */
  cwd: string;
  /** Base for helpUri (default: the package's docs/rules/ on unpkg for this version). */
  docsBase?: string;
  /**
   * Each rule's page (docs/rules/<id>.md) by rule id: becomes the rule's help.markdown, which
   * GitHub code scanning shows with the alert. Rules without a page get help.text only.
   */
  ruleDocs?: ReadonlyMap<string, string>;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A file path as a relative URI reference: forward slashes, each segment percent-encoded. */
export function artifactUri(file: string, cwd: string): string {
  if (file === '<stdin>') return STDIN_URI;
  let p = file.replace(/\\/g, '/');
  const base = cwd.replace(/\\/g, '/').replace(/\/?$/, '/');
  if (p.startsWith(base)) p = p.slice(base.length);
  else if (p.startsWith('/')) return 'file://' + p.split('/').map(encodeURIComponent).join('/');
  return p
    .replace(/^\.\//, '')
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

function helpOf(r: RuleMeta, markdown: string | undefined): { text: string; markdown?: string } {
  const text = `${r.fix} (${r.ref})`;
  return markdown === undefined ? { text } : { text, markdown };
}

/** The result of one finding; `frame`: the capture frame of its message, when it was captured. */
function sarifResult(f: Finding, frame: number | undefined, ruleIndex: ReadonlyMap<string, number>, cwd: string): Record<string, unknown> {
  // a capture is binary: its findings point at line 1 (GitHub needs a startLine) and name the frame
  const result: Record<string, unknown> = {
    ruleId: f.ruleId,
    level: LEVEL[f.severity],
    message: { text: frame === undefined ? f.message : framePrefix(f, frame) + f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(f.file, cwd) },
          region: frame === undefined ? { startLine: f.fileLine, startColumn: f.fileColumn, endColumn: f.fileColumn + f.length } : { startLine: 1 },
        },
      },
    ],
    properties: { messageId: f.messageId, messageIndex: f.messageIndex, line: f.line, column: f.column, ...(frame === undefined ? {} : { frame }) },
  };
  const i = ruleIndex.get(f.ruleId);
  if (i !== undefined) result.ruleIndex = i;
  return result;
}

/** Stands for the results array in the log's text (JSON.stringify writes it as "\\u0000results"). */
const RESULTS = '\u0000results';

/** The log, with `results` as given (the array, or RESULTS to cut the text there). */
function sarifLog(report: Pick<ExplainReport, 'inputs' | 'notifications'>, ctx: SarifContext, results: unknown): string {
  const docs = ctx.docsBase ?? docsBaseUri(ctx.version);
  const rules = ctx.rules.map((r) => ({
    id: r.id,
    name: r.id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/^./, (c) => c.toUpperCase()),
    shortDescription: { text: r.description },
    fullDescription: { text: `${r.description} How to fix: ${r.fix}` },
    helpUri: `${docs}${r.id}.md`,
    help: helpOf(r, ctx.ruleDocs?.get(r.id)),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { category: r.category, reference: r.ref, tags: ['sip', r.category] },
  }));
  const notifications = (report.notifications ?? []).map((n) => ({
    level: n.error ? 'error' : 'warning',
    message: { text: n.frame !== undefined ? `frame ${n.frame}: ${n.message}` : n.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(n.file, ctx.cwd) }, ...(n.line !== undefined ? { region: { startLine: n.line } } : {}) } }],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'siptool', version: ctx.version, semanticVersion: ctx.version, informationUri: SIPTOOL_INFORMATION_URI, rules } },
        invocations: [{ executionSuccessful: !(report.notifications ?? []).some((n) => n.error), toolExecutionNotifications: notifications }],
        artifacts: report.inputs.map((i) => ({ location: { uri: artifactUri(i.file, ctx.cwd) } })),
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/**
 * SARIF 2.1.0 (OASIS), as GitHub code scanning reads it: tool.driver.rules from the rule
 * metadata, one result per finding with its file region, `results: []` on a clean run, and
 * invocations[0] with executionSuccessful and a notification per piece of unread input.
 */
export function formatFindingsSarif(report: ExplainReport, ctx: SarifContext): string {
  const index = new Map(ctx.rules.map((r, i) => [r.id, i]));
  const frames = captureFrames(report);
  return sarifLog(report, ctx, report.findings.map((f) => sarifResult(f, frames.get(f.messageIndex), index, ctx.cwd)));
}

/**
 * formatFindingsSarif's text for a report handed over in pieces (ExplainRun onReady): `results`
 * turns each batch of findings into SARIF results (their messages' rows give the capture frames),
 * the caller keeps their text (arrayItemsBytes at depth 4), and `around` gives the log's text
 * before and after the results array once everything else is known.
 */
export class SarifPieces {
  private readonly ctx: SarifContext;
  private readonly index: Map<string, number>;

  constructor(ctx: SarifContext) {
    this.ctx = ctx;
    this.index = new Map(ctx.rules.map((r, i) => [r.id, i]));
  }

  results(rows: readonly ReportMessage[], findings: readonly Finding[]): Array<Record<string, unknown>> {
    const frames = captureFrames({ messages: rows });
    return findings.map((f) => sarifResult(f, frames.get(f.messageIndex), this.index, this.ctx.cwd));
  }

  /** The text before the results array (up to `"results": `) and after it (from the run's closing brace). */
  around(report: Pick<ExplainReport, 'inputs' | 'notifications'>): { before: string; after: string } {
    const text = sarifLog(report, this.ctx, RESULTS);
    const cut = JSON.stringify(RESULTS);
    // the last member of the run: nothing but closing brackets follows it
    const at = text.lastIndexOf(cut);
    return { before: text.slice(0, at), after: text.slice(at + cut.length) };
  }
}
