import { readFile } from 'node:fs/promises';
import { buildFlow, type Call, type Flow } from '../../explain/build-flow.js';
import type { FlowMessage } from '../../explain/flow-message.js';
import { ConfigError, validateConfig, type ExplainConfig } from '../../explain/config.js';
import { DrawKeeper, worstSeverity } from '../../explain/draw-keeper.js';
import { ExplainRun } from '../../explain/explain-run.js';
import { sortFindings } from '../../explain/engine.js';
import { readCaptureInto } from '../../explain/read-capture.js';
import { forEachTextMessage } from '../../explain/read-text.js';
import type { ReportMessage } from '../../explain/report-message.js';
import type { Finding } from '../../explain/rule.js';
import { RULES } from '../../explain/rules/index.js';
import type { Severity } from '../../core/problems.js';
import type { ExplainReport } from '../../format/findings-json.js';
import { StylishWriter } from '../../format/findings-stylish.js';
import { ladderForCall } from '../../format/ladder-text.js';
import { InputError, UsageError } from '../cli-errors.js';
import { integer } from '../option-values.js';
import { EXIT } from '../exit-codes.js';
import { expandInputs } from '../expand-inputs.js';
import { GithubStream, JunitStream, SarifStream, type ReportStream } from '../ci-report-stream.js';
import { JsonReportSpool } from '../json-spool.js';
import { TempSpool } from '../text-spool.js';
import { sniffInput } from '../sniff-input.js';
import { colorLevel, paletteFor } from '../ui.js';
import { checkReportOptions, readRuleDocs, writeReports, type ReportOutputOptions } from './explain-report.js';
import { stdout, stderr } from '../stdio.js';

export interface ExplainOptions extends ReportOutputOptions {
  inputs: string[];
  format: string;
  config: string | undefined;
  failOn: Severity | 'never';
  color: boolean | undefined;
  /** Print a sequence diagram per call before the (stylish) report. */
  ladder?: boolean;
  /** siptool's version, for SARIF. */
  version?: string;
  /** The command line as typed, for the HTML report's header. */
  command?: string;
  /** Calls --ladder, --report and --mermaid draw at most (the worst first); 0: all. Default DEFAULT_DRAW_LIMIT. */
  drawLimit?: number;
}

/** The output formats (main.ts offers the same as --format's choices); each is written as calls are checked. */
export const EXPLAIN_FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit'] as const;

/** Calls drawn by --ladder, --report and --mermaid unless --draw-limit says otherwise. */
export const DEFAULT_DRAW_LIMIT = 1000;

/** `--draw-limit N`: a whole number, 0 for no limit. */
export function drawLimit(text: string): number {
  return integer(text, '--draw-limit', 0, 10_000_000)!;
}

const MAX_INPUT = 256 * 1024 * 1024;
/** A text input longer than this holds many calls at once (see heap-growth.ts). */
const LONG_TEXT = 1024 * 1024;
const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export async function loadConfig(path: string | undefined): Promise<ExplainConfig> {
  const known = new Set(RULES.keys());
  const file = path ?? 'siptool.config.json';
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (path === undefined && (e as NodeJS.ErrnoException).code === 'ENOENT') return { rules: {}, profile: {} };
    throw new InputError(`cannot read the configuration "${file}": ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, 'SIPTOOL_ERR_CONFIG');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  return validateConfig(raw, known, file);
}

export async function run(opts: ExplainOptions): Promise<number> {
  if (!(EXPLAIN_FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`unknown format "${opts.format}" (use ${EXPLAIN_FORMATS.join(', ')})`);
  if (opts.ladder && opts.format !== 'stylish') throw new UsageError('--ladder prints a text diagram and works only with the stylish format');
  checkReportOptions(opts, opts.format, Boolean(opts.ladder));
  const config = await loadConfig(opts.config);
  const files = expandInputs(opts.inputs.length > 0 ? opts.inputs : ['-']);
  // JSON, SARIF, GitHub, JUnit: the report goes to temporary files as calls are checked, never all in memory
  const spool = await reportStream(opts);
  try {
    return await explainInputs(opts, config, files, spool);
  } finally {
    spool?.close();
  }
}

/** The streaming writer of the format (stylish has its own, StylishWriter). */
async function reportStream(opts: ExplainOptions): Promise<ReportStream | undefined> {
  switch (opts.format) {
    case 'json':
      return new JsonReportSpool();
    case 'github':
      return new GithubStream(process.cwd());
    case 'junit':
      return new JunitStream(opts.failOn);
    case 'sarif': {
      // each rule's page goes into its help (GitHub code scanning shows it with the alert)
      const rules = [...RULES.values()].map((r) => r.meta);
      const ruleDocs = new Map(Object.entries(await readRuleDocs(rules.map((r) => r.id))));
      return new SarifStream({ rules, version: opts.version ?? '0.0.0', cwd: process.cwd(), ruleDocs });
    }
    default:
      return undefined;
  }
}

async function explainInputs(opts: ExplainOptions, config: ExplainConfig, files: string[], spool: ReportStream | undefined): Promise<number> {
  const drawAll = Boolean(opts.report || opts.mermaid !== undefined);
  // what --ladder, --report and --mermaid draw: at most drawLimit calls, the worst first
  const limit = opts.drawLimit === undefined ? DEFAULT_DRAW_LIMIT : opts.drawLimit === 0 ? Number.POSITIVE_INFINITY : opts.drawLimit;
  const drawn = new DrawKeeper<{ messages?: readonly FlowMessage[]; findings?: readonly Finding[]; ladders?: Array<{ index: number; text: string }> }>(limit);
  // stylish: written as calls are checked, nothing kept; after the ladders (which come first), so
  // spooled meanwhile; not at all when Mermaid goes to stdout instead
  const palette = await paletteFor(colorLevel({ flag: opts.color, env: process.env, isTTY: stdout.isTTY }));
  const stylish = opts.format === 'stylish' && opts.mermaid !== true ? new StylishWriter(palette) : undefined;
  const stylishSpool = stylish && opts.ladder ? new TempSpool() : undefined;
  const toStylish = (chunks: Iterable<string | Buffer>): void => (stylishSpool ? writeChunks(chunks, (d) => stylishSpool.write(d)) : writeChunks(chunks));
  const explain = new ExplainRun({
    rules: [...RULES.values()],
    settings: config.rules,
    profile: config.profile,
    onChecked: (flow: Flow, found: readonly Finding[]) => {
      if (!opts.ladder && !drawAll) return;
      // call by call (a text input is checked as one group of many calls)
      for (const part of callsOf(flow, found)) {
        drawn.add(part.messages[0]?.index ?? 0, worstSeverity(part.findings), {
          // --report/--mermaid: the call's messages and findings; --ladder: its diagram, drawn now
          ...(drawAll ? { messages: part.messages, findings: part.findings } : {}),
          ...(opts.ladder && part.call ? { ladders: [{ index: part.messages[0]?.index ?? 0, text: ladderForCall(part.call, found) }] } : {}),
        });
      }
    },
    ...(spool ? { onReady: (rows: ReportMessage[], found: Finding[]) => spool.add(rows, found) } : {}),
    ...(stylish ? { onReady: (rows: ReportMessage[], found: Finding[]) => toStylish(stylish.add(rows, found)) } : {}),
    // Mermaid on stdout: nothing else is printed, nothing is kept
    ...(!spool && !stylish ? { onReady: () => {} } : {}),
    // stylish shows only messages with findings: keep only their rows (the streamed formats get every row)
    keepAllRows: false,
  });
  const inputs: ExplainReport['inputs'] = [];
  const notifications: NonNullable<ExplainReport['notifications']> = [];
  let failure: InputError | undefined;
  // set for the first capture or long text read, restored when the run is over (see heap-growth.ts)
  let restoreHeapGrowth: (() => void) | undefined;
  try {
    for (const file of files) {
      const input = await sniffInput(file, MAX_INPUT);
      if (input.kind === 'capture' || input.data.length > LONG_TEXT) restoreHeapGrowth ??= (await import('../heap-growth.js')).limitHeapGrowth();
      if (input.kind === 'capture') {
        const r = await readCaptureInto(input.source, input.name, explain);
        inputs.push({ file: input.name, messages: r.messages });
        for (const n of r.notes) notifications.push({ file: input.name, ...(n.frame !== undefined ? { frame: n.frame } : {}), message: n.message });
        if (r.error) {
          const read = r.messages === 0 ? 'no SIP message was read before it' : r.messages === 1 ? 'the 1 SIP message before it was explained' : `the ${r.messages} SIP messages before it were explained`;
          notifications.push({ file: input.name, message: `${r.error.code}: ${r.error.message}; ${read}`, error: true });
          failure ??= new InputError(`${input.name}: ${r.error.message}; ${read}`, 'SIPTOOL_ERR_CAPTURE_CORRUPT', { cause: r.error });
        } else if (r.messages === 0) {
          throw new InputError(`${input.name}: no SIP message found in the capture (${r.unreadable > 0 ? `${r.unreadable} unreadable` : 'SIP is recognised on any port over UDP, TCP and WebSocket; TLS is not decrypted'})`, 'SIPTOOL_ERR_NO_SIP');
        }
        continue;
      }
      // added as they are read: the run checks and lets go of the calls as it goes
      let read = 0;
      const unread = forEachTextMessage(
        input.data,
        input.name,
        explain.nextIndex,
        (fm) => {
          explain.add(fm);
          read++;
        },
        { lazy: true },
      );
      if (read === 0) {
        const why = unread[0] ? `: ${unread[0].message} (line ${unread[0].line})` : input.data.length === 0 ? ': the input is empty' : '';
        throw new InputError(`${input.name}: no SIP message found${why}`, 'SIPTOOL_ERR_NO_SIP');
      }
      inputs.push({ file: input.name, messages: read });
      for (const p of unread.slice(0, 1)) notifications.push({ file: input.name, line: p.line, message: `text after the last SIP message was not read as SIP: ${p.message}` });
    }
    const { messages, findings } = explain.end();
    if (explain.evictedCalls > 0) notifications.push({ file: inputs[inputs.length - 1]?.file ?? '<stdin>', message: `${explain.evictedCalls} call(s) were checked before they ended because too many messages were open at once; a later message of such a call is checked on its own` });
    const report: ExplainReport = { inputs, messages, findings, notifications, messageCount: explain.counts.messages };
    const groups = drawn.values();
    if (drawn.droppedCalls > 0) {
      const what = [opts.ladder ? '--ladder' : '', opts.report ? '--report' : '', opts.mermaid !== undefined ? '--mermaid' : ''].filter(Boolean).join(', ');
      stderr.write(`siptool: ${what}: drew ${drawn.seenCalls - drawn.droppedCalls} of ${drawn.seenCalls} calls, those with the worst findings first (--draw-limit N changes it, 0 draws all)\n`);
    }
    if (opts.ladder) {
      const ladders = groups.flatMap((g) => g.ladders ?? []).sort((a, b) => a.index - b.index);
      stdout.write(ladders.map((l) => l.text).join('\n') + '\n');
    }
    const rules = [...RULES.values()].map((r) => r.meta);
    const mermaid = drawAll
      ? await writeReports(
          opts,
          {
            flow: buildFlow(groups.flatMap((g) => g.messages ?? []).sort((a, b) => a.index - b.index)),
            findings: sortFindings(groups.flatMap((g) => g.findings ?? [])),
            rules,
            inputs,
            version: opts.version ?? '0.0.0',
            ...(opts.command ? { command: opts.command } : {}),
          },
          (line) => stderr.write(`siptool: ${line}\n`),
        )
      : undefined;
    if (mermaid !== undefined) stdout.write(mermaid);
    else if (spool) writeChunks(spool.finish(report));
    else if (stylish) {
      if (stylishSpool) writeChunks(stylishSpool.read());
      writeChunks(stylish.end(explain.counts, explain.counts.messages));
    }
    // a corrupt or truncated capture: the report covers what was read, then one line and exit 2
    if (failure) throw failure;
    if (opts.failOn === 'never') return EXIT.OK;
    const failOn = RANK[opts.failOn];
    return (['error', 'warning', 'info'] as const).some((s) => RANK[s] >= failOn && explain.counts[s] > 0) ? EXIT.FINDINGS : EXIT.OK;
  } finally {
    restoreHeapGrowth?.();
    stylishSpool?.close();
  }
}

/** A checked group's calls, each with its messages and findings; messages of no call (if any) as one more part. */
function callsOf(flow: Flow, found: readonly Finding[]): Array<{ call: Call | undefined; messages: readonly FlowMessage[]; findings: readonly Finding[] }> {
  if (flow.calls.length === 1 && flow.calls[0]!.messages.length === flow.messages.length) return [{ call: flow.calls[0], messages: flow.messages, findings: found }];
  const owner = new Map<number, number>();
  flow.calls.forEach((c, i) => c.messages.forEach((m) => owner.set(m.index, i)));
  const parts = flow.calls.map((call) => ({ call: call as Call | undefined, messages: call.messages as readonly FlowMessage[], findings: [] as Finding[] }));
  const rest = { call: undefined, messages: flow.messages.filter((m) => !owner.has(m.index)), findings: [] as Finding[] };
  for (const f of found) (parts[owner.get(f.messageIndex) ?? -1] ?? rest).findings.push(f);
  return rest.messages.length > 0 ? [...parts, rest] : parts;
}

/** Writes pieces of output (to stdout unless `write` says otherwise): strings gathered in blocks of about 256 KiB, buffers as they are. */
function writeChunks(chunks: Iterable<string | Buffer>, write: (data: string | Buffer) => void = (d) => stdout.write(d)): void {
  let block = '';
  for (const c of chunks) {
    if (typeof c !== 'string') {
      if (block) write(block);
      block = '';
      write(c);
      continue;
    }
    block += c;
    if (block.length >= 256 * 1024) {
      write(block);
      block = '';
    }
  }
  if (block) write(block);
}

/** `--list-rules`: one line per rule. */
export function listRules(): string {
  const rows = [...RULES.values()].map((r) => `${r.meta.id.padEnd(28)} ${r.meta.severity.padEnd(8)} ${r.meta.category.padEnd(13)} ${r.meta.description}`);
  return rows.join('\n') + '\n';
}

/** `--rule ID`: the rule's documentation. */
export function describeRule(id: string): string {
  const r = RULES.get(id);
  if (!r) throw new UsageError(`no such rule "${id}" (siptool explain --list-rules lists them)`);
  const m = r.meta;
  return `${m.id} (${m.category}, default ${m.severity})\n\n${m.description}\n\nReference: ${m.ref}\n\nHow to fix: ${m.fix}\n${m.needsProfile ? '\nNeeds a carrier profile in siptool.config.json to say anything.\n' : ''}\nFull page: docs/rules/${m.id}.md\n`;
}
