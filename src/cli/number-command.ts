import { Option, type Command } from 'commander';
import type { BareDigits, OutputFormat } from '../number/types.js';

const FORMATS: readonly OutputFormat[] = ['e164', 'e164-digits', 'national', 'national-digits', 'nanp-11', 'international', 'idd', 'rfc3966', 'sip-uri'];

/**
 * `siptool number normalize | explain | profiles`. Kept apart from main.ts so the option table
 * stays readable; like every command, the code that runs is imported only when it runs.
 */
export function registerNumber(program: Command, color: boolean | undefined, setExit: (code: number) => void): void {
  const number = program.command('number').description('normalise telephone numbers for a SIP trunk and say what was wrong with them');

  const shared = (cmd: Command): Command =>
    cmd
      .option('-c, --country <CC>', 'region of national numbers, ISO 3166 alpha-2 (also SIPTOOL_COUNTRY)')
      .option('--from-country <CC>', 'region the numbers were dialled from: its international prefix (011, 00...); default --country')
      .option('--domain <host>', 'host for SIP URIs (--format sip-uri)')
      .option('--profiles <file>', `custom carrier profiles (JSON); default ./siptool.config.json when present`);

  shared(
    number
      .command('normalize')
      .description('turn numbers in any spelling into what the carrier expects (arguments, or one per line on stdin)')
      .argument('[inputs...]', 'numbers or sip:/sips:/tel: URIs; none: read lines from stdin'),
  )
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS))
    .option('--carrier <name>', 'write numbers as this carrier profile wants (siptool number profiles)')
    .addOption(new Option('--bare-digits <how>', 'digits valid both as national and as E.164 without "+"').choices(['auto', 'national', 'international']).default('auto'))
    .option('--json', 'one JSON object per input and line (schema siptool.number/1, docs/json/number.md)')
    .option('--plain', 'only the result, one per line (an empty line for an invalid input; errors on stderr)')
    .option('--csv', 'stdin is CSV: rewrite one column, keep the rest')
    .option('--column <n>', 'with --csv: the column holding the number, from 1 (default 1)')
    .option('--header', 'with --csv: the first record is a header, copied unchanged')
    .option('--delimiter <char>', 'with --csv: the field delimiter', ',')
    .option('--skip-blank', 'pass blank lines (or blank CSV fields) through instead of reporting them')
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 every input valid, 1 at least one is not, 2 usage error.',
        'Examples:',
        '  siptool number normalize --country US "(229) 316-0013" "011 44 20 7946 0000"',
        '  siptool number normalize --carrier vonage "sip:+1-229-316-0013@pbx.example.com;user=tel"',
        '  siptool number normalize --country GB --plain < numbers.txt',
        '  siptool number normalize --country US --csv --column 3 --header < contacts.csv > fixed.csv',
      ].join('\n'),
    )
    .action(async (inputs: string[], opts: Record<string, unknown>) => {
      const { run } = await import('./commands/number-normalize.js');
      setExit(
        await run({
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
          color: color,
        }),
      );
    });

  shared(
    number
      .command('explain')
      .description('explain one number in prose: its parts, all its formats, and what each carrier profile wants')
      .argument('<input>', 'a number or a sip:/sips:/tel: URI'),
  )
    .option('--json', 'print JSON (schema siptool.number/1 with parts, formats and profiles)')
    .addHelpText('after', '\nExit codes: 0 valid, 1 not valid, 2 usage error.\nExample: siptool number explain --country GB "020 7946 0000"')
    .action(async (input: string, opts: Record<string, unknown>) => {
      const { run } = await import('./commands/number-explain.js');
      setExit(
        await run({
          input,
          country: opts.country as string | undefined,
          fromCountry: opts.fromCountry as string | undefined,
          domain: opts.domain as string | undefined,
          profiles: opts.profiles as string | undefined,
          json: Boolean(opts.json),
          color: color,
        }),
      );
    });

  number
    .command('profiles')
    .description('list the carrier profiles (generic, documented carriers, custom) with the source of each value')
    .option('--profiles <file>', 'custom carrier profiles (JSON); default ./siptool.config.json when present')
    .option('--json', 'print JSON')
    .action(async (opts: Record<string, unknown>) => {
      const { runProfiles } = await import('./commands/number-explain.js');
      setExit(await runProfiles({ profiles: opts.profiles as string | undefined, json: Boolean(opts.json), color: color }));
    });
}
