import { normalizeNumber, type NormalizeOptions, type NumberResult } from '../../number/normalize-number.js';
import { numberProblem } from '../../number/problems.js';
import type { numberToJson as ToJson } from '../../number/to-json.js';
import type { BareDigits, OutputFormat } from '../../number/types.js';
import type { Palette } from '../../format/palette.js';
import { colorLevel, paletteFor } from '../color-level.js';
import { UsageError } from '../cli-errors.js';
import { EXIT } from '../exit-codes.js';
import type { InputLine } from '../line-source.js';
import { numberContext } from '../number-config.js';
import { OutputBuffer } from '../output-buffer.js';
import { stdout, stderr } from '../stdio.js';

export interface NumberNormalizeOptions {
  inputs: string[];
  country?: string | undefined;
  fromCountry?: string | undefined;
  format?: OutputFormat | undefined;
  carrier?: string | undefined;
  domain?: string | undefined;
  profiles?: string | undefined;
  bareDigits: BareDigits;
  json: boolean;
  plain: boolean;
  csv: boolean;
  column?: string | undefined;
  header: boolean;
  delimiter: string;
  skipBlank: boolean;
  color: boolean | undefined;
}

/** Longest line (or CSV record) read from stdin; longer ones are reported and skipped. */
export const MAX_LINE_BYTES = 64 * 1024;

type Mode = 'human' | 'plain' | 'json' | 'csv';

/**
 * `siptool number normalize`: numbers from the arguments, or lines (or CSV records) streamed
 * from stdin. Exit 0 when every input is valid, 1 when any is not, 2 for usage errors.
 */
export async function run(opts: NumberNormalizeOptions): Promise<number> {
  const mode = checkMode(opts);
  const ctx = numberContext(opts, process.env, process.cwd());
  for (const n of ctx.notes) stderr.write(`siptool: ${n}\n`);
  if (opts.format && ctx.profile && opts.format !== 'sip-uri') {
    throw new UsageError(`--format ${opts.format} and --carrier ${ctx.profile.id} both choose the format: use one (--format sip-uri may wrap the carrier's format)`);
  }
  const fmt = opts.format ?? 'e164';
  if (!ctx.profile && fmt === 'idd' && !ctx.fromCountry && !ctx.country) throw new UsageError('--format idd needs the country the call is dialled from: add --from-country (or --country)');
  // plain and CSV output print only results: the notes that explain valid inputs are not computed
  const notes = mode === 'json' || mode === 'human';
  const norm: NormalizeOptions = { country: ctx.country, fromCountry: ctx.fromCountry, format: opts.format, profile: ctx.profile, domain: opts.domain, bareDigits: opts.bareDigits, notes };
  const out = new OutputBuffer(stdout);
  // modules only some modes need are loaded by those modes (start-up of a one-number run)
  const numberToJson: typeof ToJson | undefined = mode === 'json' ? (await import('../../number/to-json.js')).numberToJson : undefined;
  const err = new OutputBuffer(stderr, 8 * 1024);
  const palette = mode === 'human' ? await humanPalette(opts.color) : undefined;
  const counts = { total: 0, invalid: 0 };
  const emit = (r: NumberResult, line: number | undefined): Promise<void> | undefined => {
    counts.total++;
    const bad = !r.valid || r.result === null;
    if (bad) counts.invalid++;
    switch (mode) {
      case 'json':
        return out.write(JSON.stringify(numberToJson!(r, { line, carrier: ctx.profile?.id ?? null })) + '\n');
      case 'plain':
        if (bad) void err.write(reportLine(r, line));
        else if (r.candidates.length > 0) void err.write(ambiguity(r, line));
        return out.write((r.result ?? '') + '\n');
      default:
        return out.write(palette!.format(r, line) + '\n');
    }
  };
  if (opts.inputs.length > 0) {
    for (const input of opts.inputs) await emit(normalizeNumber(input, norm), undefined);
  } else {
    if (process.stdin.isTTY) throw new UsageError('no input: give numbers as arguments, or pipe lines into stdin (siptool number normalize --country US < numbers.txt)', 'SIPTOOL_ERR_STDIN_TTY');
    const { readLineBatches } = await import('../line-source.js');
    if (mode === 'csv') await runCsv(opts, norm, out, err, counts);
    else {
      for await (const batch of readLineBatches(process.stdin, MAX_LINE_BYTES)) {
        for (const line of batch) {
          if (opts.skipBlank && line.text !== null && line.text.trim() === '') {
            if (mode === 'plain') await out.write('\n');
            continue;
          }
          const wait = emit(line.text === null ? unreadable(line) : normalizeNumber(line.text, norm), line.number);
          if (wait) await wait;
        }
      }
    }
  }
  if (mode === 'human') await out.write(palette!.summary(counts.total, counts.invalid) + '\n');
  await out.flush();
  await err.flush();
  if (mode !== 'human' && mode !== 'json' && counts.invalid > 0 && counts.total > 1) {
    stderr.write(`siptool: ${counts.invalid} of ${counts.total} inputs are not valid\n`);
  }
  return counts.invalid > 0 ? EXIT.FINDINGS : EXIT.OK;
}

function checkMode(opts: NumberNormalizeOptions): Mode {
  const chosen = (['json', 'plain', 'csv'] as const).filter((m) => opts[m]);
  if (chosen.length > 1) throw new UsageError(`--${chosen[0]} and --${chosen[1]} cannot be combined: pick one output mode`);
  if (opts.column !== undefined && !opts.csv) throw new UsageError('--column works with --csv');
  if (opts.header && !opts.csv) throw new UsageError('--header works with --csv');
  if (opts.csv && opts.inputs.length > 0) throw new UsageError('--csv reads the CSV from stdin: siptool number normalize --csv --column 2 < contacts.csv');
  if (opts.delimiter.length !== 1 || opts.delimiter === '"' || opts.delimiter === '\n' || opts.delimiter === '\r') throw new UsageError(`--delimiter must be one character other than a quote or a line break, not "${opts.delimiter}"`);
  return chosen[0] ?? 'human';
}

/** A line that could not be read as text, as a result with one error. */
function unreadable(line: InputLine): NumberResult {
  const r = normalizeNumber('');
  r.input = '';
  r.problems =
    line.problem === 'too-long'
      ? [numberProblem('NUMBER_LINE_TOO_LONG', `the line is ${line.bytes} bytes, over the limit of ${MAX_LINE_BYTES}; it was skipped`)]
      : [numberProblem('NUMBER_NOT_TEXT', `the line is not UTF-8 text (${line.bytes} bytes of binary data)`)];
  r.explanation = r.problems[0]!.message;
  return r;
}

function reportLine(r: NumberResult, line: number | undefined): string {
  const first = r.problems.find((p) => p.severity === 'error');
  const where = line !== undefined ? `line ${line}: ` : '';
  const input = r.input.trim();
  const clipped = input.length > 60 ? input.slice(0, 59) + '…' : input;
  const shown = input === '' || (first?.message ?? '').includes(clipped.slice(0, 20)) ? '' : `"${clipped}": `;
  return `siptool: ${where}${shown.replace(/[\x00-\x1f\x7f]/g, '?')}${first?.message ?? r.explanation ?? 'not valid'}${first ? ` [${first.code}]` : ''}\n`;
}

/** The reading of ambiguous bare digits is a guess the user must see even when only results are printed. */
function ambiguity(r: NumberResult, line: number | undefined): string {
  const p = r.problems.find((x) => x.code === 'NUMBER_AMBIGUOUS');
  return `siptool: ${line !== undefined ? `line ${line}: ` : ''}warning: ${p?.message ?? 'ambiguous'} [NUMBER_AMBIGUOUS]\n`;
}

async function runCsv(opts: NumberNormalizeOptions, norm: NormalizeOptions, out: OutputBuffer, err: OutputBuffer, counts: { total: number; invalid: number }): Promise<void> {
  const [{ csvField, csvQuoteOpen, splitCsvRecord }, { readLineBatches }] = await Promise.all([import('../csv.js'), import('../line-source.js')]);
  const column = Number(opts.column ?? '1');
  if (!Number.isInteger(column) || column < 1) throw new UsageError(`--column must be a column number from 1, not "${opts.column}"`);
  const d = opts.delimiter;
  let pending: string | null = null; // a record whose quoted field goes on to the next line
  let pendingStart = 0;
  let first = true;
  const fail = (line: number, message: string, code: 'NUMBER_LINE_TOO_LONG' | 'NUMBER_NOT_TEXT' | 'NUMBER_NOT_A_NUMBER', input = ''): void => {
    counts.total++;
    counts.invalid++;
    void err.write(`siptool: line ${line}: ${input ? `"${input}": ` : ''}${message} [${code}]\n`);
  };
  const record = async (text: string, line: number): Promise<void> => {
    const rec = splitCsvRecord(text, d);
    if (first && opts.header) {
      first = false;
      await out.write(text + '\n');
      return;
    }
    first = false;
    if ('error' in rec) {
      fail(line, `not a CSV record: ${rec.error}; the row is kept unchanged`, 'NUMBER_NOT_A_NUMBER');
      await out.write(text + '\n');
      return;
    }
    const field = rec.fields[column - 1];
    if (!field) {
      fail(line, `the row has ${rec.fields.length} column(s), so there is no column ${column}; the row is kept unchanged`, 'NUMBER_NOT_A_NUMBER');
      await out.write(text + '\n');
      return;
    }
    if (opts.skipBlank && field.value.trim() === '') {
      await out.write(text + '\n');
      return;
    }
    const r = normalizeNumber(field.value, norm);
    counts.total++;
    if (!r.valid || r.result === null) {
      counts.invalid++;
      void err.write(reportLine(r, line));
      await out.write(text + '\n');
      return;
    }
    if (r.candidates.length > 0) void err.write(ambiguity(r, line));
    const fields = rec.fields.map((f) => f.raw);
    fields[column - 1] = csvField(r.result, d);
    await out.write(fields.join(d) + '\n');
  };
  for await (const batch of readLineBatches(process.stdin, MAX_LINE_BYTES)) {
    for (const line of batch) {
      if (line.text === null) {
        if (pending !== null) {
          fail(pendingStart, 'a quoted field runs into a line that cannot be read; the record is dropped', line.problem === 'too-long' ? 'NUMBER_LINE_TOO_LONG' : 'NUMBER_NOT_TEXT');
          pending = null;
        }
        fail(line.number, line.problem === 'too-long' ? `the line is ${line.bytes} bytes, over the limit of ${MAX_LINE_BYTES}; it is dropped` : 'the line is not UTF-8 text; it is dropped', line.problem === 'too-long' ? 'NUMBER_LINE_TOO_LONG' : 'NUMBER_NOT_TEXT');
        continue;
      }
      const text: string = pending === null ? line.text : `${pending}\n${line.text}`;
      const start = pending === null ? line.number : pendingStart;
      if (text.length > MAX_LINE_BYTES) {
        fail(start, `a quoted field makes the record longer than ${MAX_LINE_BYTES} bytes; it is dropped`, 'NUMBER_LINE_TOO_LONG');
        pending = null;
        continue;
      }
      if (csvQuoteOpen(text)) {
        pending = text;
        pendingStart = start;
        continue;
      }
      pending = null;
      await record(text, start);
    }
  }
  if (pending !== null) {
    fail(pendingStart, 'a quoted field is not closed before the end of the input; the row is kept unchanged', 'NUMBER_NOT_A_NUMBER');
    await out.write(pending + '\n');
  }
}

interface HumanPalette {
  format(r: NumberResult, line: number | undefined): string;
  summary(total: number, invalid: number): string;
}

async function humanPalette(color: boolean | undefined): Promise<HumanPalette> {
  const level = colorLevel({ flag: color, env: process.env, isTTY: stdout.isTTY });
  // chalk is loaded only when there is colour to show (not in pipes or with NO_COLOR)
  const [c, { formatNumberLine }] = await Promise.all([paletteFor(level), import('../../format/number-line.js')]);
  return {
    format: (r, line) => formatNumberLine(r, c, line !== undefined ? { line } : {}),
    summary: (total, invalid) => `${total} number(s): ${invalid > 0 ? c.error(`${invalid} not valid`) : c.ok('all valid')}`,
  };
}
