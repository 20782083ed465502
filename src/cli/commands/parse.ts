import { parseMessage } from '../../core/parse-message.js';
import { makeProblem, type Severity } from '../../core/problems.js';
import { splitMessages, type ParsedEntry } from '../../core/split-messages.js';
import { messageToJson, problemToJson, type Json } from '../../core/to-json.js';
import { nested } from '../../format/findings-json.js';
import { formatMessageTree } from '../../format/message-tree.js';
import { EXIT } from '../exit-codes.js';
import { OutputBuffer } from '../output-buffer.js';
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
  // each input is parsed a message at a time and printed as it goes: a long log is never held
  // parsed whole (the text form counts its messages first, in a cheaper pass, for "message i of n")
  const entriesOf = (data: Buffer, validate = true): Iterable<ParsedEntry> => (opts.datagram ? asDatagram(data) : entriesOfFile(data, validate));
  const counts = { messages: 0, error: 0, warning: 0, info: 0 };
  const tally = (e: ParsedEntry): void => {
    if (e.message) counts.messages++;
    for (const p of e.problems) counts[p.severity]++;
  };
  // stdio.ts writes synchronously: the buffer never waits, its writes need no await
  const out = new OutputBuffer(stdout, 256 * 1024);
  if (opts.json) {
    out.write(`{\n  "schema": ${JSON.stringify(PARSE_SCHEMA)},\n  "inputs": [`);
    inputs.forEach((input, i) => {
      out.write(`${i > 0 ? ',' : ''}\n    {\n      "file": ${JSON.stringify(input.name)},\n      "bytes": ${input.data.length},\n      "messages": `);
      const messages = new JsonArrayWriter(out, 4);
      const problems: Json[] = [];
      for (const e of entriesOf(input.data)) {
        tally(e);
        if (e.message) messages.add(messageToJson(e.message, e.problems, { body: opts.body }) as Json);
        else problems.push(...e.problems.map(problemToJson));
      }
      messages.end();
      out.write(',\n      "problems": ');
      const junk = new JsonArrayWriter(out, 4);
      for (const p of problems) junk.add(p);
      junk.end();
      out.write('\n    }');
    });
    out.write(`\n  ],\n  "summary": ${nested(summary(counts), 1)}\n}\n`);
  } else {
    const c = await paletteFor(colorLevel({ flag: opts.color, env: process.env, isTTY: stdout.isTTY }));
    let first = true;
    for (const input of inputs) {
      let count = 0;
      for (const e of entriesOf(input.data, false)) if (e.message) count++;
      let k = 0;
      for (const e of entriesOf(input.data)) {
        tally(e);
        if (e.message) k++;
        const where = e.message ? `message ${k} of ${count}` : 'not a SIP message';
        const line = e.message?.source?.position.line ?? e.problems[0]?.line ?? 1;
        out.write(`${first ? '' : '\n'}${c.dim(`── ${input.name} · ${where} · line ${line} · ${e.end - e.start} bytes ──`)}\n`);
        out.write(`${formatMessageTree(e.message, e.problems, c, { body: opts.body, values: opts.values, minSeverity: opts.minSeverity })}\n`);
        first = false;
      }
    }
    const s = summary(counts);
    const verdict = s.errors > 0 ? c.error(`${s.errors} error(s)`) : c.ok('no errors');
    out.write(`${first ? '' : '\n'}${s.messages} message(s): ${verdict}, ${s.warnings} warning(s), ${s.infos} note(s)\n`);
  }
  void out.flush();
  return counts.error > 0 ? EXIT.FINDINGS : EXIT.OK;
}

/** An array member of the JSON document `depth` levels down, element by element (JSON.stringify's text). */
class JsonArrayWriter {
  private readonly out: OutputBuffer;
  private readonly depth: number;
  private count = 0;

  constructor(out: OutputBuffer, depth: number) {
    this.out = out;
    this.depth = depth;
  }

  add(value: unknown): void {
    this.out.write(`${this.count++ > 0 ? ',' : '['}\n${'  '.repeat(this.depth)}${nested(value, this.depth)}`);
  }

  end(): void {
    this.out.write(this.count > 0 ? `\n${'  '.repeat(this.depth - 1)}]` : '[]');
  }
}

/** Every message of a file, one at a time; a file with none is reported as such (an error: nothing to check). */
function* entriesOfFile(data: Buffer, validate: boolean): Generator<ParsedEntry> {
  let any = false;
  for (const e of splitMessages(data, { validate })) {
    any = true;
    yield e;
  }
  if (!any) yield { message: undefined, problems: [makeProblem('SIP_EMPTY_MESSAGE', data.length === 0 ? 'the input is empty' : 'the input holds only blank lines', { line: 1, column: 1, offset: 0 })], start: 0, end: data.length };
}

function asDatagram(data: Buffer): ParsedEntry[] {
  const { message, problems } = parseMessage(data);
  return [{ message, problems, start: 0, end: data.length }];
}

function summary(counts: { messages: number; error: number; warning: number; info: number }): { messages: number; errors: number; warnings: number; infos: number } {
  return { messages: counts.messages, errors: counts.error, warnings: counts.warning, infos: counts.info };
}
