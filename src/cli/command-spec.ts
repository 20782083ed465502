import type { Command } from 'commander';

/**
 * A command whose options are declared as data, so that one table serves two readers: commander
 * (help, suggestions, every error message) and {@link quickParse}, which reads the plain command
 * lines of the one-shot commands (`siptool number normalize ...`, `siptool probe ...`) without
 * loading commander: setting up commander and its option objects is ~5 ms of a run that does a
 * few ms of work (docs/startup.md). Whatever quickParse is not sure of goes to commander.
 */
export interface CommandSpec<Opts = Record<string, unknown>> {
  /** The words that name it: ['number', 'normalize'], ['probe']. */
  readonly path: readonly string[];
  readonly description: string;
  /** Its one operand as commander writes it: '[inputs...]', '<input>'; none: no operand. */
  readonly operand?: readonly [syntax: string, description: string];
  readonly options: readonly OptionSpec[];
  readonly helpAfter?: string;
  /** Runs the command; returns its exit code. */
  readonly run: (operands: string[], opts: Opts, context: RunContext) => Promise<number>;
}

/** One option as commander's flags ('-c, --country <CC>', '--json', '--no-body') and its extras. */
export interface OptionSpec {
  readonly flags: string;
  readonly description: string;
  readonly choices?: readonly string[];
  readonly default?: string;
  /** Every value is kept, in order (default: an empty list), instead of the last one. */
  readonly repeatable?: boolean;
}

/** What every command may need from the command line beyond its own options. */
export interface RunContext {
  /** --color / --no-color as given, or undefined. */
  readonly color: boolean | undefined;
  /** --debug anywhere on the command line. */
  readonly debug: boolean;
  /** siptool's version (read from package.json when asked). */
  readonly version: () => string;
}

/** Options every command accepts (the program's own); quickParse skips them wherever they are. */
const GLOBAL_FLAGS = new Set(['--color', '--no-color', '--debug']);

interface ParsedFlags {
  readonly short: string | undefined;
  readonly long: string;
  /** '<x>': takes a value; '[x]': may take one (left to commander). */
  readonly value: 'none' | 'required' | 'optional';
  readonly attribute: string;
  readonly negate: boolean;
}

/**
 * The parts of commander's flags string that quickParse needs, for the forms siptool writes:
 * `-x, --name`, `--name`, each optionally followed by ` <value>` or ` [value]`. Plain string
 * work, no regular expression: this runs for every option of the command at every start.
 */
export function parseFlags(flags: string): ParsedFlags {
  let rest = flags;
  let short: string | undefined;
  if (rest.length > 4 && rest.charCodeAt(0) === 45 /* - */ && rest.charCodeAt(1) !== 45 && rest.startsWith(', ', 2)) {
    short = rest.slice(0, 2);
    rest = rest.slice(4);
  }
  const space = rest.indexOf(' ');
  const long = space === -1 ? rest : rest.slice(0, space);
  const arg = space === -1 ? '' : rest.slice(space + 1);
  const open = arg.charAt(0);
  const argOk = arg === '' || (arg.length > 2 && ((open === '<' && arg.endsWith('>')) || (open === '[' && arg.endsWith(']'))));
  if (!long.startsWith('--') || !isName(long, 2) || (short !== undefined && !isName(short, 1)) || !argOk) {
    throw new Error(`option flags "${flags}" are not of a form siptool's command table reads`);
  }
  const negate = long.startsWith('--no-');
  let attribute = '';
  for (let i = negate ? 5 : 2; i < long.length; i++) {
    if (long.charCodeAt(i) === 45 && i + 1 < long.length) attribute += long.charAt(++i).toUpperCase();
    else attribute += long.charAt(i);
  }
  return { short, long, value: arg === '' ? 'none' : open === '<' ? 'required' : 'optional', attribute, negate };
}

/** name.slice(from) is a flag name: letters, digits and inner dashes. */
function isName(name: string, from: number): boolean {
  if (name.length <= from || name.charCodeAt(from) === 45) return false;
  for (let i = from; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90 && from === 1) || (c >= 48 && c <= 57) || (c === 45 && from === 2))) return false;
  }
  return true;
}

/** The command's operands and options as commander would hand them to its action, or undefined: let commander read this command line. */
export function quickParse(args: readonly string[], spec: Pick<CommandSpec, 'path' | 'operand' | 'options'>): { operands: string[]; opts: Record<string, unknown> } | undefined {
  const opts: Record<string, unknown> = {};
  // only the options with a starting value are read here; the others when they are given
  for (const o of spec.options) {
    const negatable = o.flags.startsWith('--no-') || o.flags.includes(', --no-');
    if (!o.repeatable && o.default === undefined && !negatable) continue;
    const flags = parseFlags(o.flags);
    if (o.repeatable) opts[flags.attribute] = [];
    else if (o.default !== undefined) opts[flags.attribute] = o.default;
    else if (flags.negate && !spec.options.some((p) => parseFlags(p.flags).long === `--${flags.long.slice(5)}`)) opts[flags.attribute] = true;
  }
  const operands: string[] = [];
  let path = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      if (path < spec.path.length) return undefined;
      operands.push(...args.slice(i + 1));
      break;
    }
    if (GLOBAL_FLAGS.has(arg)) continue; // the program's own, wherever they are (as commander does)
    if (arg.length > 1 && arg.startsWith('-')) {
      if (path < spec.path.length) return undefined;
      const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
      const found = findOption(spec.options, eq === -1 ? arg : arg.slice(0, eq));
      if (!found || found.flags.value === 'optional') return undefined;
      const { spec: o, flags } = found;
      if (flags.value === 'none') {
        if (eq !== -1) return undefined;
        opts[flags.attribute] = !flags.negate;
        continue;
      }
      let value: string | undefined;
      if (eq !== -1) value = arg.slice(eq + 1);
      else {
        value = args[++i];
        // a value that looks like an option, or none: commander says what it makes of that
        if (value === undefined || (value.length > 1 && value.startsWith('-'))) return undefined;
      }
      if (o.choices && !o.choices.includes(value)) return undefined;
      opts[flags.attribute] = o.repeatable ? [...(opts[flags.attribute] as string[]), value] : value;
      continue;
    }
    if (path < spec.path.length) {
      if (arg !== spec.path[path]) return undefined;
      path++;
      continue;
    }
    operands.push(arg);
  }
  if (path < spec.path.length) return undefined;
  const syntax = spec.operand?.[0];
  const fits = syntax === undefined ? operands.length === 0 : syntax.endsWith('...]') ? true : syntax.endsWith('...>') ? operands.length > 0 : operands.length === 1 || (syntax.startsWith('[') && operands.length === 0);
  return fits ? { operands, opts } : undefined;
}

/** The option spelled `name` ('--country', '-c'), read; undefined when there is none. */
function findOption(options: readonly OptionSpec[], name: string): { spec: OptionSpec; flags: ParsedFlags } | undefined {
  const long = name.startsWith('--');
  for (const o of options) {
    const f = o.flags;
    // a cheap look at the text first, then the exact check on the parsed flags
    if (long ? !f.includes(name) : !f.startsWith(name)) continue;
    const flags = parseFlags(f);
    if (flags.long === name || flags.short === name) return { spec: o, flags };
  }
  return undefined;
}

/** commander's option-argument parser for a repeatable option: every value, in order. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Adds the command to commander under `parent` (the program or a command group); its action calls spec.run. */
export function registerSpec<Opts>(parent: Command, spec: CommandSpec<Opts>, context: Omit<RunContext, 'debug'>, setExit: (code: number) => void): Command {
  const cmd = parent.command(spec.path[spec.path.length - 1]!).description(spec.description);
  if (spec.operand) cmd.argument(spec.operand[0], spec.operand[1]);
  for (const o of spec.options) {
    const option = cmd.createOption(o.flags, o.description);
    if (o.choices) option.choices(o.choices);
    if (o.repeatable) option.argParser(collect).default([]);
    else if (o.default !== undefined) option.default(o.default);
    cmd.addOption(option);
  }
  if (spec.helpAfter) cmd.addHelpText('after', spec.helpAfter);
  cmd.action(async (...args: unknown[]) => {
    const self = args[args.length - 1] as Command;
    const operand = spec.operand ? args[0] : undefined;
    const operands = operand === undefined ? [] : Array.isArray(operand) ? (operand as string[]) : [operand as string];
    const debug = Boolean((self.optsWithGlobals() as { debug?: boolean }).debug);
    setExit(await spec.run(operands, self.opts() as Opts, { ...context, debug }));
  });
  return cmd;
}
