import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InternalError, SiptoolError } from '../errors.js';
import { ExitError, InputError, UsageError } from './cli-errors.js';
import { EXIT } from './exit-codes.js';
import { hintFor } from './error-hints.js';
import { collect, quickParse, type CommandSpec } from './command-spec.js';
import { PACKAGE_ROOT } from './package-root.js';
import { TRANSPORT_CHOICES, type Transport } from '../dns/transports.js';
import { stdout, stderr } from './stdio.js';

/**
 * The siptool command line. Commander is set up here (and, for the commands declared as data,
 * by command-spec.ts); commands are imported when they run, so `siptool --help` and `--version`
 * load nothing else. A plain command line of a one-shot command (number, probe) is read without
 * loading commander at all (command-spec.ts quickParse: same option table, same result);
 * commander reads everything else: help, errors, the other commands. Returns the exit code; it
 * never calls process.exit (bin/siptool.cjs sets process.exitCode).
 */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  let exitCode: number = EXIT.OK;
  let commander: typeof import('commander') | undefined;
  try {
    const quick = await quickCommand(argv);
    if (quick) return await quick();
    commander = await import('commander');
    const program = await buildProgram(commander, argv, (code) => {
      exitCode = code;
    });
    await program.parseAsync(argv);
  } catch (err) {
    const fromCommander = commander !== undefined && err instanceof commander.CommanderError;
    exitCode = report(err, debug, fromCommander);
    // a Nagios/Icinga check that cannot run is UNKNOWN (3), also for the option parser's errors
    if (exitCode === EXIT.USAGE && fromCommander && commandName(argv) === 'probe' && argv.includes('--nagios')) {
      stdout.write(`SIP UNKNOWN - ${(err as Error).message.replace(/^error: /, '').replace(/\s+/g, ' ').trim()}\n`);
      exitCode = 3;
    }
  }
  return exitCode;
}

/**
 * The commands whose plain command lines are read without commander. Their option tables are
 * imported when their command runs (a command's own bundle holds only its table: scripts/bundle.js).
 */
const QUICK_COMMANDS: Record<string, () => Promise<readonly CommandSpec<never>[]>> = {
  number: async () => (await import('./number-command.js')).NUMBER_COMMANDS,
  probe: async () => [(await import('./probe-command.js')).PROBE_COMMAND],
};

/** Runs the command line without commander when it is a plain one of a one-shot command; undefined: commander reads it. */
async function quickCommand(argv: string[]): Promise<(() => Promise<number>) | undefined> {
  const named = commandName(argv);
  const specs = named === undefined || !Object.hasOwn(QUICK_COMMANDS, named) ? [] : await QUICK_COMMANDS[named]!();
  const args = argv.slice(2);
  for (const spec of specs) {
    const parsed = quickParse(args, spec);
    if (parsed) return () => (spec as CommandSpec<Record<string, unknown>>).run(parsed.operands, parsed.opts, { color: colorFlag(argv), debug: argv.includes('--debug'), version });
  }
  return undefined;
}

/** The command named on the command line: the first argument that is not an option (bin/siptool.cjs picks its bundle the same way). */
function commandName(argv: string[]): string | undefined {
  return argv.slice(2).find((a) => !a.startsWith('-'));
}

let packageVersion: string | undefined;

/** package.json's version, written into the bundles by scripts/bundle.js (undefined in the ES modules). */
declare const SIPTOOL_BUNDLE_VERSION: string | undefined;

/** The package's version: the bundle's, else read once per run. */
function version(): string {
  if (typeof SIPTOOL_BUNDLE_VERSION === 'string') return SIPTOOL_BUNDLE_VERSION;
  // (a path joined with "/", which serves on every platform: node:path's functions are compiled at their first use)
  packageVersion ??= (JSON.parse(readFileSync(`${PACKAGE_ROOT}/package.json`, 'utf8')) as { version: string }).version;
  return packageVersion;
}

/** Global options every command sees. */
export interface GlobalOptions {
  color?: boolean;
  debug?: boolean;
}

/** Arguments of a run that only prints the version (no command needs setting up). */
const VERSION_ONLY = new Set(['-V', '--version', '--color', '--no-color', '--debug']);

/** The program with its global options and siptool's output and error set-up, no command yet. */
export function newProgram(commander: typeof import('commander')): Command {
  return new commander.Command('siptool')
    .description('Diagnose SIP trunk integrations: explain SIP messages and captures, normalise numbers, resolve SIP domains, probe a trunk, listen for its calls, parse SIP.')
    .version(version(), '-V, --version', 'print the siptool version')
    .option('--color', 'force coloured output')
    .option('--no-color', 'disable coloured output (also NO_COLOR=1)')
    .option('--debug', 'show stack traces for errors')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (str) => stdout.write(str), writeErr: (str) => stderr.write(str), outputError: (str, write) => write(str) });
}

async function buildProgram(commander: typeof import('commander'), argv: string[], setExit: (code: number) => void): Promise<Command> {
  const program = newProgram(commander);

  // only the command that runs is set up (commander builds every option of every command it is
  // given); help, suggestions for a mistyped command and anything unknown get all of them
  // (the modules of number, probe and listen are imported when their command is set up)
  const commands: Record<string, () => void | Promise<void>> = {
    parse: () => registerParse(program, argv, setExit),
    explain: () => registerExplain(program, argv, setExit),
    number: async () => (await import('./number-command.js')).registerNumber(program, { color: colorFlag(argv), version }, setExit),
    resolve: () => registerResolve(program, argv, setExit),
    probe: async () => (await import('./probe-command.js')).registerProbe(program, { color: colorFlag(argv), version }, setExit),
    listen: async () => (await import('./listen-command.js')).registerListen(program, colorFlag(argv), setExit),
  };
  const args = argv.slice(2);
  const named = commandName(argv);
  if (named !== undefined && Object.hasOwn(commands, named)) await commands[named]!();
  else if (!(args.some((a) => a === '-V' || a === '--version') && args.every((a) => VERSION_ONLY.has(a)))) for (const register of Object.values(commands)) await register();
  return program;
}

function registerParse(program: Command, argv: string[], setExit: (code: number) => void): void {
  program
    .command('parse')
    .description('parse SIP messages from files or stdin and show their structure and problems')
    .argument('[files...]', 'files holding one or more SIP messages ("-" or none for stdin)')
    .option('--json', 'print JSON (schema: docs/json/parse.md)')
    .option('--datagram', 'treat each input as one UDP datagram: octets after Content-Length are reported, not parsed')
    .addOption(program.createOption('--min-severity <level>', 'print problems at this severity or above').choices(['info', 'warning', 'error']).default('info'))
    .option('--no-body', 'do not print message bodies')
    .option('--no-values', 'do not print the parsed structure under each header')
    .addHelpText('after', '\nExit codes: 0 no error-level problem, 1 at least one, 2 input could not be read.\nExample: siptool parse fixtures/sip/real/invite-carrier.sip')
    .action(async (files: string[], opts: Record<string, unknown>, cmd: Command) => {
      const { run } = await import('./commands/parse.js');
      const g = cmd.optsWithGlobals() as GlobalOptions;
      setExit(
        await run({
          files,
          json: Boolean(opts.json),
          datagram: Boolean(opts.datagram),
          minSeverity: opts.minSeverity as 'info' | 'warning' | 'error',
          body: opts.body !== false,
          values: opts.values !== false,
          color: colorFlag(argv),
          debug: Boolean(g.debug),
        }),
      );
    });
}

function registerExplain(program: Command, argv: string[], setExit: (code: number) => void): void {
  program
    .command('explain')
    .description('check SIP messages and call flows against the rule catalogue and explain what a carrier will reject')
    .argument('[inputs...]', 'files or globs with SIP messages or logs ("-" or none for stdin)')
    .addOption(program.createOption('--format <name>', 'output format (SARIF 2.1.0 for code scanning, GitHub Actions annotations, JUnit XML)').choices(['stylish', 'json', 'sarif', 'github', 'junit']).default('stylish'))
    .option('--ladder', 'print a text sequence diagram of each call, findings marked on the arrows (stylish format)')
    .option('--json', 'same as --format json (schema: docs/json/explain.md)')
    .option('--config <file>', 'configuration with rule severities and the carrier profile (default: ./siptool.config.json if present)')
    .addOption(program.createOption('--fail-on <level>', 'exit 1 when a finding at this level or above exists').choices(['error', 'warning', 'info', 'never']).default('error'))
    .option('--report <file>', 'also write a self-contained HTML report: SVG ladder per call, messages, findings, rule docs (docs/reports.md)')
    .option('--mermaid [file]', 'write each call as a Mermaid sequence diagram to a *.mmd/*.md file, or to stdout instead of the findings')
    .option('--force', 'let --report/--mermaid replace an existing file')
    .option('--draw-limit <n>', 'calls --ladder, --report and --mermaid draw at most, those with the worst findings first (default 1000; 0: all)')
    .option('--list-rules', 'list the rules and exit')
    .option('--rule <id>', "print a rule's documentation and exit")
    .addHelpText('after', '\nExit codes: 0 no finding at --fail-on level, 1 at least one, 2 unreadable input or usage error.\nExample: siptool explain fixtures/sip/real/inbound-twilio-style.sip')
    .action(async (inputs: string[], opts: Record<string, unknown>) => {
      const cmd = await import('./commands/explain.js');
      if (opts.listRules) {
        stdout.write(cmd.listRules());
        return;
      }
      if (typeof opts.rule === 'string') {
        stdout.write(cmd.describeRule(opts.rule));
        return;
      }
      setExit(
        await cmd.run({
          inputs,
          format: opts.json ? 'json' : String(opts.format),
          config: typeof opts.config === 'string' ? opts.config : undefined,
          failOn: opts.failOn as 'error' | 'warning' | 'info' | 'never',
          color: colorFlag(argv),
          ladder: Boolean(opts.ladder),
          version: version(),
          ...(typeof opts.drawLimit === 'string' ? { drawLimit: cmd.drawLimit(opts.drawLimit) } : {}),
          ...reportOptions(inputs, opts, argv),
        }),
      );
    });
}

function registerResolve(program: Command, argv: string[], setExit: (code: number) => void): void {
  program
    .command('resolve')
    .description('resolve a SIP domain or URI the RFC 3263 way: NAPTR → SRV → A/AAAA tree, failover order, findings')
    .argument('<target...>', 'a domain, host[:port] or sip:/sips: URI (and optionally @SERVER, as with dig)')
    .addOption(program.createOption('--transport <transport>', 'resolve for this transport only (as transport= in the URI)').choices([...TRANSPORT_CHOICES]))
    .option('--dns-server <server>', 'DNS server to ask: IPv4, IPv6, [IPv6]:PORT or a name (repeatable; default: /etc/resolv.conf)', collect, [])
    .option('--json', 'print JSON (schema: docs/json/resolve.md)')
    .option('--stacks', 'show how pjsip, Kamailio and sofia-sip would resolve the same target')
    .option('--timeout <ms>', 'wait this long for each DNS answer (default 2000, or resolv.conf)')
    .option('--tries <n>', 'rounds over the DNS servers (default 2, or resolv.conf)')
    .option('--tcp', 'send DNS queries over TCP only')
    .option('-4, --ipv4', 'look up A records only')
    .option('-6, --ipv6', 'look up AAAA records only')
    .addOption(program.createOption('--min-severity <level>', 'print findings at this severity or above').choices(['info', 'warning', 'error']).default('info'))
    .addHelpText(
      'after',
      '\nExit codes: 0 at least one target and no error-level finding, 1 otherwise, 2 usage error.\nExamples:\n  siptool resolve example.com\n  siptool resolve sips:alice@example.com --stacks\n  siptool resolve sip:example.com --transport tcp @127.0.0.1:5353',
    )
    .action(async (args: string[], opts: Record<string, unknown>, cmd: Command) => {
      const { run } = await import('./commands/resolve.js');
      const g = cmd.optsWithGlobals() as GlobalOptions;
      setExit(
        await run({
          args,
          transport: opts.transport as Transport | undefined,
          dnsServers: opts.dnsServer as string[],
          json: Boolean(opts.json),
          stacks: Boolean(opts.stacks),
          timeout: opts.timeout as string | undefined,
          tries: opts.tries as string | undefined,
          tcp: Boolean(opts.tcp),
          ipv4: Boolean(opts.ipv4),
          ipv6: Boolean(opts.ipv6),
          minSeverity: opts.minSeverity as 'info' | 'warning' | 'error',
          color: colorFlag(argv),
          debug: Boolean(g.debug),
        }),
      );
    });
}

/** --report/--mermaid/--force of explain; a --mermaid value that is no *.mmd/*.md name is an input. */
function reportOptions(inputs: string[], opts: Record<string, unknown>, argv: string[]): { report?: string; mermaid?: string | true; force: boolean; command: string } {
  const out: { report?: string; mermaid?: string | true; force: boolean; command: string } = { force: Boolean(opts.force), command: ['siptool', ...argv.slice(2)].join(' ') };
  if (typeof opts.report === 'string') out.report = opts.report;
  if (opts.mermaid === true || opts.mermaid === '-') out.mermaid = true;
  else if (typeof opts.mermaid === 'string') {
    if (/\.(mmd|mermaid|md)$/i.test(opts.mermaid)) out.mermaid = opts.mermaid;
    else {
      inputs.unshift(opts.mermaid);
      out.mermaid = true;
    }
  }
  return out;
}

/** --color / --no-color as given (the last one wins), or undefined. */
function colorFlag(args: string[]): boolean | undefined {
  let flag: boolean | undefined;
  for (const a of args) {
    if (a === '--color') flag = true;
    else if (a === '--no-color') flag = false;
  }
  return flag;
}

/** The single place where errors become output and an exit code. */
function report(err: unknown, debug: boolean, fromCommander: boolean): number {
  if (fromCommander) {
    const code = (err as { code?: string }).code;
    // commander already printed its message (unknown option, missing argument...)
    // --help and --version succeed; help shown because no command was given is a usage error
    if (code === 'commander.helpDisplayed' || code === 'commander.version') return EXIT.OK;
    return EXIT.USAGE;
  }
  if (err instanceof ExitError) {
    if (err.message) stderr.write(`siptool: ${err.message}\n`);
    return err.exitCode;
  }
  if (err instanceof UsageError || err instanceof InputError || (err instanceof SiptoolError && !(err instanceof InternalError))) {
    const hint = hintFor(err.code);
    stderr.write(`siptool: ${err.message}${hint ? `\n  hint: ${hint}` : ''}\n`);
    if (debug && err.stack) stderr.write(err.stack + '\n');
    return EXIT.USAGE;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  stderr.write(`siptool: internal error: ${e.message}\n  This is a bug in siptool; please report it with the command you ran${debug ? '' : ' (add --debug for details)'}.\n`);
  if (debug && e.stack) stderr.write(e.stack + '\n');
  return EXIT.USAGE;
}
