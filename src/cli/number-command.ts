import type { Command } from 'commander';
import type { BareDigits, OutputFormat } from '../number/types.js';
import { registerSpec, type CommandSpec, type OptionSpec, type RunContext } from './command-spec.js';

const FORMATS: readonly OutputFormat[] = ['e164', 'e164-digits', 'national', 'national-digits', 'nanp-11', 'international', 'idd', 'rfc3966', 'sip-uri'];

type Opts = Record<string, unknown>;

const SHARED: readonly OptionSpec[] = [
  { flags: '-c, --country <CC>', description: 'region of national numbers, ISO 3166 alpha-2 (also SIPTOOL_COUNTRY)' },
  { flags: '--from-country <CC>', description: "region the numbers were dialled from: its international prefix (011, 00...); default --country" },
  { flags: '--domain <host>', description: 'host for SIP URIs (--format sip-uri)' },
  { flags: '--profiles <file>', description: 'custom carrier profiles (JSON); default ./siptool.config.json when present' },
];

/**
 * `siptool number normalize | explain | profiles`: the option tables, as data that commander and
 * the quick reader of plain command lines share (command-spec.ts); like every command, the code
 * that runs is imported only when it runs.
 */
export const NUMBER_COMMANDS: readonly CommandSpec<Opts>[] = [
  {
    path: ['number', 'normalize'],
    description: 'turn numbers in any spelling into what the carrier expects (arguments, or one per line on stdin)',
    operand: ['[inputs...]', 'numbers or sip:/sips:/tel: URIs; none: read lines from stdin'],
    options: [
      ...SHARED,
      { flags: '-f, --format <format>', description: 'output format', choices: FORMATS },
      { flags: '--carrier <name>', description: 'write numbers as this carrier profile wants (siptool number profiles)' },
      { flags: '--bare-digits <how>', description: 'digits valid both as national and as E.164 without "+"', choices: ['auto', 'national', 'international'], default: 'auto' },
      { flags: '--json', description: 'one JSON object per input and line (schema siptool.number/1, docs/json/number.md)' },
      { flags: '--plain', description: 'only the result, one per line (an empty line for an invalid input; errors on stderr)' },
      { flags: '--csv', description: 'stdin is CSV: rewrite one column, keep the rest' },
      { flags: '--column <n>', description: 'with --csv: the column holding the number, from 1 (default 1)' },
      { flags: '--header', description: 'with --csv: the first record is a header, copied unchanged' },
      { flags: '--delimiter <char>', description: 'with --csv: the field delimiter', default: ',' },
      { flags: '--skip-blank', description: 'pass blank lines (or blank CSV fields) through instead of reporting them' },
    ],
    helpAfter: [
      '',
      'Exit codes: 0 every input valid, 1 at least one is not, 2 usage error.',
      'Examples:',
      '  siptool number normalize --country US "(229) 316-0013" "011 44 20 7946 0000"',
      '  siptool number normalize --carrier vonage "sip:+1-229-316-0013@pbx.example.com;user=tel"',
      '  siptool number normalize --country GB --plain < numbers.txt',
      '  siptool number normalize --country US --csv --column 3 --header < contacts.csv > fixed.csv',
    ].join('\n'),
    run: async (inputs: string[], opts: Opts, { color }: RunContext) => {
      const { run } = await import('./commands/number-normalize.js');
      return run({
        inputs,
        country: opts.country as string | undefined,
        fromCountry: opts.fromCountry as string | undefined,
        format: opts.format as OutputFormat | undefined,
        carrier: opts.carrier as string | undefined,
        domain: opts.domain as string | undefined,
        profiles: opts.profiles as string | undefined,
        bareDigits: opts.bareDigits as BareDigits,
        json: Boolean(opts.json),
        plain: Boolean(opts.plain),
        csv: Boolean(opts.csv),
        column: opts.column as string | undefined,
        header: Boolean(opts.header),
        delimiter: opts.delimiter as string,
        skipBlank: Boolean(opts.skipBlank),
        color,
      });
    },
  },
  {
    path: ['number', 'explain'],
    description: 'explain one number in prose: its parts, all its formats, and what each carrier profile wants',
    operand: ['<input>', 'a number or a sip:/sips:/tel: URI'],
    options: [...SHARED, { flags: '--json', description: 'print JSON (schema siptool.number/1 with parts, formats and profiles)' }],
    helpAfter: '\nExit codes: 0 valid, 1 not valid, 2 usage error.\nExample: siptool number explain --country GB "020 7946 0000"',
    run: async ([input], opts: Opts, { color }: RunContext) => {
      const { run } = await import('./commands/number-explain.js');
      return run({
        input: input!,
        country: opts.country as string | undefined,
        fromCountry: opts.fromCountry as string | undefined,
        domain: opts.domain as string | undefined,
        profiles: opts.profiles as string | undefined,
        json: Boolean(opts.json),
        color,
      });
    },
  },
  {
    path: ['number', 'profiles'],
    description: 'list the carrier profiles (generic, documented carriers, custom) with the source of each value',
    options: [
      { flags: '--profiles <file>', description: 'custom carrier profiles (JSON); default ./siptool.config.json when present' },
      { flags: '--json', description: 'print JSON' },
    ],
    run: async (_operands, opts: Opts, { color }: RunContext) => {
      const { runProfiles } = await import('./commands/number-explain.js');
      return runProfiles({ profiles: opts.profiles as string | undefined, json: Boolean(opts.json), color });
    },
  },
];

/** Adds `siptool number` and its subcommands to commander. */
export function registerNumber(program: Command, context: Omit<RunContext, 'debug'>, setExit: (code: number) => void): void {
  const number = program.command('number').description('normalise telephone numbers for a SIP trunk and say what was wrong with them');
  for (const spec of NUMBER_COMMANDS) registerSpec(number, spec, context, setExit);
}
