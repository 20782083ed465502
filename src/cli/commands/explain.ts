import { readFile } from 'node:fs/promises';
import { buildFlow } from '../../explain/build-flow.js';
import { ConfigError, validateConfig, type ExplainConfig } from '../../explain/config.js';
import { runRules } from '../../explain/engine.js';
import type { FlowMessage } from '../../explain/flow-message.js';
import { readTextMessages } from '../../explain/read-text.js';
import { RULES } from '../../explain/rules/index.js';
import type { Severity } from '../../core/problems.js';
import { FORMATS } from '../../format/findings-formats.js';
import type { ExplainReport } from '../../format/findings-json.js';
import { formatLadder } from '../../format/ladder-text.js';
import { InputError, UsageError } from '../cli-errors.js';
import { EXIT } from '../exit-codes.js';
import { expandInputs } from '../expand-inputs.js';
import { readInput } from '../read-input.js';
import { colorLevel, makePalette } from '../ui.js';

export interface ExplainOptions {
  inputs: string[];
  format: string;
  config: string | undefined;
  failOn: Severity | 'never';
  color: boolean | undefined;
  /** Print a sequence diagram per call before the (stylish) report. */
  ladder?: boolean;
  /** siptool's version, for SARIF. */
  version?: string;
}

/** pcap (both byte orders, micro- and nanosecond) and pcapng magic numbers. */
const CAPTURE_MAGIC = new Set([0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a]);

/** True when the input is a packet capture rather than text. */
export function isCapture(data: Buffer): boolean {
  return data.length >= 4 && CAPTURE_MAGIC.has(data.readUInt32BE(0));
}

const MAX_INPUT = 256 * 1024 * 1024;
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
  const formatter = FORMATS[opts.format];
  if (!formatter) throw new UsageError(`unknown format "${opts.format}" (use ${Object.keys(FORMATS).join(', ')})`);
  if (opts.ladder && opts.format !== 'stylish') throw new UsageError('--ladder prints a text diagram and works only with the stylish format');
  const config = await loadConfig(opts.config);
  const files = expandInputs(opts.inputs.length > 0 ? opts.inputs : ['-']);
  const messages: FlowMessage[] = [];
  const inputs: ExplainReport['inputs'] = [];
  const notifications: NonNullable<ExplainReport['notifications']> = [];
  for (const file of files) {
    const input = await readInput(file, MAX_INPUT);
    // captures are read by src/capture (issue 6, wired in separately); text inputs here
    if (isCapture(input.data)) throw new InputError(`${input.name}: a pcap/pcapng capture; this build reads text and logs only (export the SIP messages as text, e.g. with sngrep or tshark)`, 'SIPTOOL_ERR_CAPTURE_UNSUPPORTED');
    const { messages: read, unread } = readTextMessages(input.data, input.name, messages.length);
    if (read.length === 0) {
      const why = unread[0] ? `: ${unread[0].message} (line ${unread[0].line})` : input.data.length === 0 ? ': the input is empty' : '';
      throw new InputError(`${input.name}: no SIP message found${why}`, 'SIPTOOL_ERR_NO_SIP');
    }
    messages.push(...read);
    inputs.push({ file: input.name, messages: read.length });
    for (const p of unread.slice(0, 1)) notifications.push({ file: input.name, line: p.line, message: `text after the last SIP message was not read as SIP: ${p.message}` });
  }
  const flow = buildFlow(messages);
  const findings = runRules(flow, { rules: [...RULES.values()], settings: config.rules, profile: config.profile });
  const report: ExplainReport = { inputs, messages, findings, notifications };
  const palette = makePalette(colorLevel({ flag: opts.color, env: process.env, isTTY: Boolean(process.stdout.isTTY) }));
  if (opts.ladder) process.stdout.write(formatLadder(flow, findings) + '\n');
  const rules = [...RULES.values()].map((r) => r.meta);
  process.stdout.write(formatter(report, { palette, rules, version: opts.version ?? '0.0.0', cwd: process.cwd(), failOn: opts.failOn }));
  if (opts.failOn === 'never') return EXIT.OK;
  return findings.some((f) => RANK[f.severity] >= RANK[opts.failOn as Severity]) ? EXIT.FINDINGS : EXIT.OK;
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
