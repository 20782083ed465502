import { parseMessage } from '../../core/parse-message.js';
import { hasErrors, makeProblem, type Problem, type Severity } from '../../core/problems.js';
import { parseMessages, type ParsedEntry } from '../../core/split-messages.js';
import { messageToJson, problemToJson, type Json } from '../../core/to-json.js';
import { formatMessageTree } from '../../format/message-tree.js';
import { EXIT } from '../exit-codes.js';
import { readInput } from '../read-input.js';
import { colorLevel, paletteFor } from '../ui.js';
import { stdout } from '../stdio.js';

export interface ParseOptions {
  files: string[];
  json: boolean;
  datagram: boolean;
  minSeverity: Severity;
  body: boolean;
  values: boolean;
  color: boolean | undefined;
  debug: boolean;
}

/** The version of the JSON this command prints (docs/json/parse.md). */
export const PARSE_SCHEMA = 'siptool.parse/1';

const MAX_INPUT = 256 * 1024 * 1024;

export async function run(opts: ParseOptions): Promise<number> {
  const files = opts.files.length > 0 ? opts.files : ['-'];
  // read every input first: an unreadable one stops the run before anything is printed
  const inputs = [];
  for (const f of files) inputs.push(await readInput(f, MAX_INPUT));
  const results = inputs.map((input) => ({ input, entries: opts.datagram ? asDatagram(input.data) : parseFile(input.data) }));
  const all: Problem[] = results.flatMap((r) => r.entries.flatMap((e) => e.problems));
  if (opts.json) {
    const doc = {
      schema: PARSE_SCHEMA,
      inputs: results.map(({ input, entries }) => ({
        file: input.name,
        bytes: input.data.length,
        messages: entries.filter((e) => e.message).map((e) => messageToJson(e.message!, e.problems, { body: opts.body }) as Json),
        problems: entries.filter((e) => !e.message).flatMap((e) => e.problems.map(problemToJson)),
      })),
      summary: summary(all, results.reduce((n, r) => n + r.entries.filter((e) => e.message).length, 0)),
    };
    stdout.write(JSON.stringify(doc, null, 2) + '\n');
  } else {
    const c = await paletteFor(colorLevel({ flag: opts.color, env: process.env, isTTY: stdout.isTTY }));
    const out: string[] = [];
    for (const { input, entries } of results) {
      const count = entries.filter((e) => e.message).length;
      entries.forEach((e, i) => {
        const where = e.message ? `message ${entries.slice(0, i + 1).filter((x) => x.message).length} of ${count}` : 'not a SIP message';
        const line = e.message?.source?.position.line ?? e.problems[0]?.line ?? 1;
        out.push(c.dim(`── ${input.name} · ${where} · line ${line} · ${e.end - e.start} bytes ──`));
        out.push(formatMessageTree(e.message, e.problems, c, { body: opts.body, values: opts.values, minSeverity: opts.minSeverity }));
        out.push('');
      });
    }
    const s = summary(all, results.reduce((n, r) => n + r.entries.filter((e) => e.message).length, 0));
    const verdict = s.errors > 0 ? c.error(`${s.errors} error(s)`) : c.ok('no errors');
    out.push(`${s.messages} message(s): ${verdict}, ${s.warnings} warning(s), ${s.infos} note(s)`);
    stdout.write(out.join('\n') + '\n');
  }
  return hasErrors(all) ? EXIT.FINDINGS : EXIT.OK;
}

/** Every message of a file; a file with none is reported as such (an error: nothing to check). */
function parseFile(data: Buffer): ParsedEntry[] {
  const entries = parseMessages(data).entries;
  if (entries.length > 0) return entries;
  return [{ message: undefined, problems: [makeProblem('SIP_EMPTY_MESSAGE', data.length === 0 ? 'the input is empty' : 'the input holds only blank lines', { line: 1, column: 1, offset: 0 })], start: 0, end: data.length }];
}

function asDatagram(data: Buffer): ParsedEntry[] {
  const { message, problems } = parseMessage(data);
  return [{ message, problems, start: 0, end: data.length }];
}

function summary(problems: Problem[], messages: number): { messages: number; errors: number; warnings: number; infos: number } {
  const n = (s: Severity): number => problems.filter((p) => p.severity === s).length;
  return { messages, errors: n('error'), warnings: n('warning'), infos: n('info') };
}
