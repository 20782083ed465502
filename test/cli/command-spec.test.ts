import * as commander from 'commander';
import { parseFlags, quickParse, registerSpec, type CommandSpec } from '../../src/cli/command-spec.js';
import { newProgram } from '../../src/cli/main.js';
import { NUMBER_COMMANDS } from '../../src/cli/number-command.js';
import { PROBE_COMMAND } from '../../src/cli/probe-command.js';
import { prng } from '../helpers/prng.js';

const SPECS: readonly CommandSpec<never>[] = [...NUMBER_COMMANDS, PROBE_COMMAND];

type Parsed = { operands: string[]; opts: Record<string, unknown> };

/** What commander makes of the command line (as main.ts sets it up), or undefined when it refuses it. */
async function commanderParse(spec: CommandSpec<never>, args: string[]): Promise<Parsed | undefined> {
  const program = newProgram(commander).configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} });
  let parent = program;
  for (const word of spec.path.slice(0, -1)) parent = parent.command(word).exitOverride();
  let got: Parsed | undefined;
  const capture: CommandSpec<Record<string, unknown>> = {
    ...(spec as CommandSpec<Record<string, unknown>>),
    run: async (operands, opts) => {
      got = { operands, opts: { ...opts } };
      return 0;
    },
  };
  registerSpec(parent, capture, { color: undefined, version: () => '0' }, () => {}).exitOverride();
  try {
    await program.parseAsync(['node', 'siptool', ...args]);
  } catch {
    return undefined;
  }
  return got;
}

const normalize = NUMBER_COMMANDS.find((s) => s.path[1] === 'normalize')!;
const explain = NUMBER_COMMANDS.find((s) => s.path[1] === 'explain')!;

describe('quickParse: plain command lines read without commander, as commander reads them', () => {
  it.each(([
    [normalize, ['number', 'normalize', '--country', 'US', '(229) 316-0013']],
    [normalize, ['number', 'normalize', '-c', 'GB', '--plain', '020 7946 0000', '+12293160013']],
    [normalize, ['--no-color', 'number', 'normalize', '--json', '--format=national', 'tel:+1-229-316-0013']],
    [normalize, ['number', 'normalize', '--csv', '--column', '3', '--header', '--delimiter', ';']],
    [normalize, ['number', 'normalize', '--country', 'US', '--', '-5', '--json']],
    [normalize, ['number', 'normalize', '-']],
    [explain, ['number', 'explain', '011 44 20 7946 0000', '--from-country', 'US', '--color']],
    [PROBE_COMMAND, ['probe', 'udp:127.0.0.1:5060']],
    [PROBE_COMMAND, ['probe', 'sip:+15551230000@carrier.example', '-m', 'INVITE', '-H', 'X-A: 1', '--header', 'X-B: 2', '--user', 'alice', '--hold', '2']],
    [PROBE_COMMAND, ['probe', '--json', '--dns-server', '127.0.0.1', '--dns-server=::1', 'carrier.example', '--debug', '--t1', '100']],
  ] as [CommandSpec<never>, string[]][]).map(([spec, args]) => [spec.path.join(' '), args, spec] as const))('%s: %j', async (_name, args, spec) => {
    const quick = quickParse(args, spec);
    expect(quick).toBeDefined();
    expect(quick).toEqual(await commanderParse(spec, args));
  });

  it.each(([
    [normalize, ['number', 'normalize', '--help']],
    [normalize, ['number', 'normalize', '--format', 'bogus', '1']], // commander's error names the choices
    [normalize, ['number', 'normalize', '--country']], // missing value
    [normalize, ['number', 'normalize', '--country', '--json']], // a value that looks like an option
    [normalize, ['number', 'normalize', '-cUS', '1']], // attached short value
    [normalize, ['number', 'normalize', '--json=yes', '1']],
    [normalize, ['number', 'normalize', '--bogus', '1']],
    [normalize, ['number', 'normalize', '-5']],
    [normalize, ['number', '--country', 'US', 'normalize', '1']],
    [normalize, ['number', 'explain', '1']], // another command
    [explain, ['number', 'explain']], // its operand is required
    [explain, ['number', 'explain', '1', '2']],
    [PROBE_COMMAND, ['probe', '--version']],
    [PROBE_COMMAND, ['probe', '-V']],
    [PROBE_COMMAND, ['probe', '--method', 'PUBLISH', 'x']],
    [PROBE_COMMAND, ['probe', '-kH', 'X: 1', 'x']], // combined short flags
  ] as [CommandSpec<never>, string[]][]).map(([spec, args]) => [spec.path.join(' '), args, spec] as const))('%s: leaves %j to commander', (_name, args, spec) => {
    expect(quickParse(args, spec)).toBeUndefined();
  });

  it('agrees with commander on 3,000 random command lines', async () => {
    const rnd = prng(0x5eed);
    const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
    const words = ['1', '+12293160013', 'US', 'gb', '', 'a b', '-', '--', '-x', '-5', '--bogus', '--help', '-h', '--color', '--no-color', '--debug', 'normalize', 'explain', 'probe', 'number', 'e164', 'INVITE', 'udp:127.0.0.1:5060', 'auto', '=', 'x=y'];
    let handled = 0;
    let compared = 0;
    for (let i = 0; i < 3000; i++) {
      const spec = pick(SPECS);
      const args = [...spec.path];
      const n = Math.floor(rnd() * 7);
      for (let k = 0; k < n; k++) {
        const r = rnd();
        if (r < 0.45) {
          const o = pick(spec.options);
          const f = parseFlags(o.flags);
          const name = f.short && rnd() < 0.3 ? f.short : f.long;
          const value = o.choices && rnd() < 0.7 ? pick(o.choices) : pick(words);
          if (f.value === 'none') args.push(rnd() < 0.1 ? `${name}=${value}` : name);
          else if (rnd() < 0.2 && name.startsWith('--')) args.push(`${name}=${value}`);
          else args.push(name, value);
        } else args.push(pick(words));
      }
      if (rnd() < 0.1) args.unshift(pick(['--color', '--no-color', '--debug', '-V']));
      const quick = quickParse(args, spec);
      if (quick === undefined) continue;
      handled++;
      const slow = await commanderParse(spec, args);
      compared++;
      expect({ args, parsed: quick }).toEqual({ args, parsed: slow });
    }
    // the comparison is not empty: a good share of the lines are plain enough for the quick reader
    expect(compared).toBe(handled);
    expect(handled).toBeGreaterThan(600);
  });
});

describe('parseFlags', () => {
  it('reads the flag forms of the command tables', () => {
    expect(parseFlags('-c, --country <CC>')).toEqual({ short: '-c', long: '--country', value: 'required', attribute: 'country', negate: false });
    expect(parseFlags('--user-phone')).toEqual({ short: undefined, long: '--user-phone', value: 'none', attribute: 'userPhone', negate: false });
    expect(parseFlags('--no-body')).toMatchObject({ attribute: 'body', negate: true });
    expect(parseFlags('--mermaid [file]').value).toBe('optional');
    expect(() => parseFlags('-c|--country <CC>')).toThrow(/not of a form/);
  });

  it('every option of the quick commands is of a form it reads', () => {
    for (const spec of SPECS) for (const o of spec.options) expect(() => parseFlags(o.flags)).not.toThrow();
  });
});
