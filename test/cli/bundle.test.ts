import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/fixtures.js';
import { freePort, hasBinary } from '../helpers/processes.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * The one-file CLI (scripts/bundle.js → dist/cli/siptool.cjs) and its code caches: what bin/siptool.cjs
 * runs. Every other CLI test goes through it too; these check that it exists, that V8 takes its
 * caches, that it answers exactly as the ES modules do, and how the loader chooses.
 */
const CLI = join(ROOT, 'dist', 'cli');
const BUNDLES = ['siptool.cjs', 'siptool-explain.cjs', 'siptool-number.cjs', 'siptool-parse.cjs', 'siptool-probe.cjs'];

function bundleId(name: string): string {
  const m = /^\/\/ siptool-bundle ([0-9a-f]{16})(?: whole-cli-for=\S+)?\n/.exec(readFileSync(join(CLI, name), 'latin1'));
  if (!m) throw new Error(`dist/cli/${name} has no id line`);
  return m[1]!;
}

describe('the CLI bundles', () => {
  it('are the whole CLI and one per trained command, each with one code cache named after its id, and no stale ones', () => {
    const files = readdirSync(CLI).filter((f) => /^siptool.*\.(cjs|cache)$/.test(f));
    expect(files.sort()).toEqual(BUNDLES.flatMap((b) => [b, `${b}.${bundleId(b)}.cache`]).sort());
  });

  it('the ES modules they were built from name every bundle (dist/cli/main.js, before its source map comment)', () => {
    const line = /\n\/\/ siptool-bundles ([0-9a-f ]+)\n\/\/# sourceMappingURL=main\.js\.map\n?$/.exec(readFileSync(join(CLI, 'main.js'), 'utf8'));
    expect(line).not.toBeNull();
    expect(line![1]!.split(' ').sort()).toEqual(BUNDLES.map(bundleId).sort());
  });

  it('the number and explain bundles read the countries\' numbering plans from one data file beside them', () => {
    const plans = readdirSync(CLI).filter((f) => /^siptool-lpn-plans\./.test(f));
    expect(plans).toEqual([expect.stringMatching(/^siptool-lpn-plans\.[0-9a-f]{16}\.txt$/)]);
    for (const b of ['siptool-number.cjs', 'siptool-explain.cjs']) expect(readFileSync(join(CLI, b), 'latin1')).toContain(plans[0]);
    // every plan is in it, as JSON
    expect(readFileSync(join(CLI, plans[0]!), 'latin1')).toContain('["44","00"');
  });

  it('a number run whose plans file is gone says so and exits 2 (no answers from a half-read library)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'siptool-plans-'));
    try {
      mkdirSync(join(dir, 'bin'));
      mkdirSync(join(dir, 'dist', 'cli'), { recursive: true });
      copyFileSync(join(ROOT, 'bin', 'siptool.cjs'), join(dir, 'bin', 'siptool.cjs'));
      copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
      copyFileSync(join(CLI, 'main.js'), join(dir, 'dist', 'cli', 'main.js'));
      const id = bundleId('siptool-number.cjs');
      for (const f of ['siptool-number.cjs', `siptool-number.cjs.${id}.cache`]) copyFileSync(join(CLI, f), join(dir, 'dist', 'cli', f));
      const r = spawnSync(process.execPath, [join(dir, 'bin', 'siptool.cjs'), 'number', 'normalize', '+12293160013'], { encoding: 'utf8', env: { ...process.env, SIPTOOL_NO_BUNDLE: '' } });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/cannot read the numbering plans \(.*siptool-lpn-plans\.[0-9a-f]{16}\.txt\): ENOENT.*; rebuild siptool \(npm run build\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(BUNDLES)('%s is ASCII, so that the loader reads it as a one-byte string', (name) => {
    expect(readFileSync(join(CLI, name)).every((b) => b < 0x80)).toBe(true);
  });

  it('a command bundle leaves out what only other commands run', () => {
    const size = (name: string) => readFileSync(join(CLI, name)).length;
    expect(size('siptool-parse.cjs')).toBeLessThan(size('siptool.cjs') / 2);
    expect(readFileSync(join(CLI, 'siptool-number.cjs'), 'latin1')).toContain('the number bundle has no probe');
    // packages only some runs need are required from node_modules, not carried
    expect(readFileSync(join(CLI, 'siptool-probe.cjs'), 'latin1')).toContain('require("ws")');
    expect(readFileSync(join(CLI, 'siptool-probe.cjs'), 'latin1')).not.toContain('country_calling_codes');
    expect(readFileSync(join(CLI, 'siptool-number.cjs'), 'latin1')).toContain('country_calling_codes');
  });

  // ora is one CommonJS file beside the bundles (scripts/bundle.js), required when a spinner starts
  (hasBinary('script') ? it : it.skip)('the spinner (ora, from dist/cli/vendor/ora.cjs) draws on an interactive stderr', async () => {
    expect(readFileSync(join(CLI, 'siptool-probe.cjs'), 'latin1')).not.toContain('dots12');
    const port = await freePort();
    const env: Record<string, string> = { ...process.env, NO_COLOR: '1', SIPTOOL_NO_BUNDLE: '' } as Record<string, string>;
    delete env.CI;
    // a terminal 80 columns wide (script gives the command one; stdout goes to /dev/null)
    const line = `stty cols 80 rows 24; '${process.execPath}' '${join(ROOT, 'bin', 'siptool.cjs')}' probe udp:127.0.0.1:${port} --timeout 1 > /dev/null`;
    const r = spawnSync('script', ['-qec', line, '/dev/null'], { encoding: 'utf8', env, timeout: 20_000 });
    expect(r.stdout).toContain('probing udp:127.0.0.1:');
    expect(r.stdout).toContain('\u001b[?25l'); // the cursor hidden while it spins
    expect(r.stdout).toMatch(/[\u2800-\u28ff] OPTIONS sent to udp 127\.0\.0\.1/); // a frame of its dots
    expect(r.stdout).not.toContain('internal error');
  });

  it.each(BUNDLES)('V8 accepts the cache of %s in a plain node process', (name) => {
    const file = join(CLI, name);
    const check = `
      const { readFileSync } = require('node:fs');
      const { Script } = require('node:vm');
      const source = readFileSync(${JSON.stringify(file)}, 'utf8');
      const s = new Script(source, { filename: ${JSON.stringify(file)}, cachedData: readFileSync(${JSON.stringify(`${file}.${bundleId(name)}.cache`)}) });
      process.stdout.write(String(s.cachedDataRejected));`;
    const r = spawnSync(process.execPath, ['-e', check], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('false');
  });

  it.each([
    [['--version']],
    [['number', 'normalize', '--country', 'GB', '020 7946 0000', '011 44 20 7946 0000', 'not a number', '--json']],
    [['number', 'explain', 'sip:+12293160013@example.com;user=tel']],
    [['parse', '--json', 'fixtures/sip/real/invite-carrier.sip']],
    [['explain', '--format', 'json', '--config', 'fixtures/examples/siptool.config.json', 'fixtures/examples/app-invite-behind-nat.sip', 'fixtures/examples/nat-call.pcapng']],
    [['explain', '--rule', 'via-private-no-rport']],
    [['resolve', '--bogus-flag']],
    [['--help']],
    [['nubmer', '1']],
    [['probe', '--help']],
  ])('answers `siptool %j` exactly as the ES modules do', (args) => {
    const viaBundle = runCli(args);
    const viaModules = runCli(args, { env: { SIPTOOL_NO_BUNDLE: '1' } });
    expect(viaBundle).toEqual(viaModules);
    expect(viaBundle.stdout.length + viaBundle.stderr.length).toBeGreaterThan(0);
  });
});

describe("libphonenumber-js inside the number bundle (each country's plan parsed on first use)", () => {
  it('gives the same answers as the package for an example number of every country, national and international', () => {
    const lpnDir = join(ROOT, 'node_modules', 'libphonenumber-js');
    const examples = JSON.parse(readFileSync(join(lpnDir, 'examples.mobile.json'), 'utf8')) as Record<string, string>;
    const meta = JSON.parse(readFileSync(join(lpnDir, 'metadata.max.json'), 'utf8')) as { country_calling_codes: Record<string, string[]> };
    const codeOf = new Map(Object.entries(meta.country_calling_codes).flatMap(([code, cs]) => cs.map((c) => [c, code] as const)));
    const lines = Object.entries(examples).flatMap(([c, national]) => (codeOf.has(c) ? [`+${codeOf.get(c)}${national}`, `${national}`] : []));
    expect(lines.length).toBeGreaterThan(400);
    // every country's plan is read; national lines are read as US numbers, valid or not
    const viaBundle = runCli(['number', 'normalize', '--json', '--country', 'US'], { input: lines.join('\n') });
    expect(viaBundle.stdout.split('\n').filter(Boolean).length).toBe(lines.length);
    expect(viaBundle).toEqual(runCli(['number', 'normalize', '--json', '--country', 'US'], { input: lines.join('\n'), env: { SIPTOOL_NO_BUNDLE: '1' } }));
    for (const c of ['GB', 'DE', 'FR', 'AU', 'IN', 'BR', 'MX', 'JP', 'NG', 'ZA']) {
      const args = ['number', 'explain', '--country', c, examples[c]!];
      expect(runCli(args)).toEqual(runCli(args, { env: { SIPTOOL_NO_BUNDLE: '1' } }));
    }
  });
});

describe('bin/siptool.cjs choosing what to load', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'siptool-bin-'));
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'dist', 'cli'), { recursive: true });
    copyFileSync(join(ROOT, 'bin', 'siptool.cjs'), join(dir, 'bin', 'siptool.cjs'));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    writeFileSync(join(dir, 'dist', 'cli', 'main.js'), MAIN);
    stamped.length = 0;
  });
  const MAIN = 'export async function main() { process.stdout.write("modules"); return 0; }\n';
  /** The ids the build wrote into main.js (scripts/bundle.js stampModules). */
  const stamped: string[] = [];
  const FAKE_NUMBER = '// siptool-bundle fedcba9876543210\n(function (exports, require, module, __filename, __dirname) {exports.main = async () => { process.stdout.write("number bundle"); return 0; };\n})';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes a bundle and, as the build does, names it in main.js (unless `built` is false: a build by tsc alone since). */
  const writeBundle = (text: string, built = true, name = 'siptool.cjs'): void => {
    writeFileSync(join(dir, 'dist', 'cli', name), text);
    const id = /^\/\/ siptool-bundle ([0-9a-f]{16})/.exec(text)?.[1];
    if (built && id) stamped.push(id);
    writeFileSync(join(dir, 'dist', 'cli', 'main.js'), stamped.length ? `${MAIN}// siptool-bundles ${stamped.join(' ')}\n//# sourceMappingURL=main.js.map\n` : MAIN);
  };
  const FAKE = '// siptool-bundle 0123456789abcdef\n(function (exports, require, module, __filename, __dirname) {exports.main = async (argv) => { process.stdout.write("bundle " + argv.slice(2).join(" ")); return 3; };\n})';
  const run = (env: Record<string, string> = {}) => spawnSync(process.execPath, [join(dir, 'bin', 'siptool.cjs'), 'number', 'x'], { encoding: 'utf8', env: { ...process.env, SIPTOOL_NO_BUNDLE: '', ...env } });

  it('runs the bundle when it is there and the modules name it, with the exit code it returns', () => {
    writeBundle(FAKE);
    const r = run();
    expect(r.stdout).toBe('bundle number x');
    expect(r.status).toBe(3);
  });

  it("runs the command's own bundle when there is one, the whole CLI otherwise", () => {
    writeBundle(FAKE);
    writeBundle(FAKE_NUMBER, true, 'siptool-number.cjs');
    expect(run().stdout).toBe('number bundle');
    const other = spawnSync(process.execPath, [join(dir, 'bin', 'siptool.cjs'), '--color', 'probe', 'x'], { encoding: 'utf8', env: { ...process.env, SIPTOOL_NO_BUNDLE: '' } });
    expect(other.stdout).toBe('bundle --color probe x');
  });

  it('runs a command line with an option its bundle leaves out (whole-cli-for=) from the whole CLI', () => {
    writeBundle(FAKE);
    writeBundle(FAKE_NUMBER.replace('fedcba9876543210', 'fedcba9876543210 whole-cli-for=--report,--other'), true, 'siptool-number.cjs');
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(dir, 'bin', 'siptool.cjs'), ...args], { encoding: 'utf8', env: { ...process.env, SIPTOOL_NO_BUNDLE: '' } }).stdout;
    expect(cli('number', 'x')).toBe('number bundle');
    expect(cli('number', 'x', '--reporter')).toBe('number bundle');
    expect(cli('number', '--report', 'r.html', 'x')).toBe('bundle number --report r.html x');
    expect(cli('number', '--other=1', 'x')).toBe('bundle number --other=1 x');
  });

  it('the probe bundle leaves --report to the whole CLI, which has its code', () => {
    expect(readFileSync(join(CLI, 'siptool-probe.cjs'), 'latin1')).toMatch(/^\/\/ siptool-bundle [0-9a-f]{16} whole-cli-for=--report\n/);
    expect(readFileSync(join(CLI, 'siptool-probe.cjs'), 'latin1')).toContain('the probe bundle has no probe-report-html');
  });

  it('falls back to the ES modules when the modules do not name the bundle (a build by tsc alone), it has no id, with --debug, or SIPTOOL_NO_BUNDLE is set', () => {
    writeBundle(FAKE, false);
    expect(run().stdout).toBe('modules');
    // a command's bundle the modules do not name: not the whole CLI either
    writeBundle(FAKE);
    writeBundle(FAKE_NUMBER, false, 'siptool-number.cjs');
    expect(run().stdout).toBe('modules');
    rmSync(join(dir, 'dist', 'cli', 'siptool-number.cjs'));
    writeBundle(FAKE.replace('siptool-bundle', 'something'));
    expect(run().stdout).toBe('modules');
    writeBundle(FAKE);
    expect(run({ SIPTOOL_NO_BUNDLE: '1' }).stdout).toBe('modules');
    const debug = spawnSync(process.execPath, [join(dir, 'bin', 'siptool.cjs'), 'number', '--debug'], { encoding: 'utf8', env: { ...process.env, SIPTOOL_NO_BUNDLE: '' } });
    expect(debug.stdout).toBe('modules');
  });

  it("reads and compiles a bundle through Node's bindings on Node 20.20+, through fs and vm otherwise: the same run, no warning", () => {
    writeBundle('// siptool-bundle 0123456789abcdef\n(function (exports, require, module, __filename, __dirname) {exports.main = async () => { process.stdout.write("vm loaded: " + process.moduleLoadList.includes("NativeModule vm")); return 4; };\n})');
    const raw = /^v20\.2\d\./.test(process.version);
    const r = run();
    expect([r.stdout, r.status, r.stderr]).toEqual([`vm loaded: ${!raw}`, 4, '']);
    const plain = run({ SIPTOOL_PLAIN_LOAD: '1' });
    expect([plain.stdout, plain.status, plain.stderr]).toEqual(['vm loaded: true', 4, '']);
    // process.binding would print a deprecation warning under --pending-deprecation: not used then
    const pending = spawnSync(process.execPath, ['--pending-deprecation', join(dir, 'bin', 'siptool.cjs'), 'number', 'x'], { encoding: 'utf8', env: { ...process.env, SIPTOOL_NO_BUNDLE: '' } });
    expect([pending.stdout, pending.status, pending.stderr]).toEqual(['vm loaded: true', 4, '']);
  });

  it("exits with the command's code at once, and through process.exit when something listens for 'exit'", () => {
    writeBundle('// siptool-bundle 0123456789abcdef\n(function (exports, require, module, __filename, __dirname) {exports.main = async (argv) => { if (argv.includes("listen")) process.on("exit", (c) => process.stdout.write("exit event " + c)); setTimeout(() => process.stdout.write("timer ran"), 5000); return 5; };\n})');
    const quiet = spawnSync(process.execPath, [join(dir, 'bin', 'siptool.cjs'), 'number', 'x'], { encoding: 'utf8', env: { ...process.env, SIPTOOL_NO_BUNDLE: '' }, timeout: 4000 });
    expect([quiet.stdout, quiet.status]).toEqual(['', 5]);
    const heard = spawnSync(process.execPath, [join(dir, 'bin', 'siptool.cjs'), 'number', 'listen'], { encoding: 'utf8', env: { ...process.env, SIPTOOL_NO_BUNDLE: '' }, timeout: 4000 });
    expect([heard.stdout, heard.status]).toEqual(['exit event 5', 5]);
  });

  it('falls back to the ES modules without a bundle, and ignores a cache that is not V8 code cache', () => {
    expect(run().stdout).toBe('modules');
    writeBundle(FAKE);
    writeFileSync(join(dir, 'dist', 'cli', 'siptool.cjs.0123456789abcdef.cache'), 'not a code cache');
    const r = run();
    expect(r.stdout).toBe('bundle number x');
    expect(r.stderr).toBe('');
  });
});
