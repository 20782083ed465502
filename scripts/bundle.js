// Builds the one-file CLIs that bin/siptool.cjs loads (docs/startup.md): dist/cli/siptool.cjs, the
// whole CLI, and dist/cli/siptool-<command>.cjs for the common commands, with only that command's
// code (esbuild, from the ES modules tsc wrote to dist/); then trains a V8 code cache for each by
// running its command on the bundled fixtures (probe against a small OPTIONS responder on
// 127.0.0.1 started here). Run by `npm run build` after tsc. Why: a one-shot run is mostly
// start-up, and compiling one file from a code cache costs a fraction of loading ~100 ES modules.
//
// Each file's first line is "// siptool-bundle <id>" (a hash of the code); its cache is
// <file>.<id>.cache, so a cache never meets code it was not made for. A cache only helps the
// same Node.js binary with the same V8 flags; V8 rejects it otherwise and the bundle is
// compiled from source (slower, same behaviour).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { LPN_FAST_PATHS, withFastPath } from './lpn-fast-paths.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cliDir = join(root, 'dist', 'cli');
const PACKAGE_VERSION = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const bin = join(root, 'bin', 'siptool.cjs');

// libphonenumber-js goes into the bundle (see bundledLpn in src/number/lib.ts): its ES module
// entry `max` (the CommonJS one lacks Metadata, which siptool reads). Of its metadata (157 KB)
// only the calling codes go into the bundle; the countries' numbering plans go into a data file
// beside it, and a plan is read from there and parsed when the library first asks for that
// country (lpnLazyPlans below): a run for one number reads and parses a few KB instead of
// parsing all 245 plans (about 5 ms and a scavenge or two of start-up), and the bundle and its
// code cache are 150 KB smaller each.
const lpnRoot = dirname(createRequire(import.meta.url).resolve('libphonenumber-js/package.json'));
const bundledLpn = {
  name: 'siptool-bundled-lpn',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]number[\\/]lib\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const body = /function bundledLpn\(\) \{\s*return undefined;\s*\}/;
      if (!body.test(text)) throw new Error(`${args.path}: bundledLpn() not found; update scripts/bundle.js`);
      lpnChecked ??= checkLpnUses();
      // createRequire serves only the ES modules' ways of loading the library: node:module (~0.7 ms
      // to load) is required if it is ever called
      const moduleImport = "import { createRequire } from 'node:module';";
      if (text.split(moduleImport).length !== 2) throw new Error(`${args.path}: "${moduleImport}" not found once; update scripts/bundle.js`);
      const contents = text.replace(body, 'function bundledLpn() { return require("siptool-lpn"); }').replace(moduleImport, "const createRequire = (url) => require('node:module').createRequire(url);");
      return { contents, loader: 'js' };
    });
    // only the functions siptool calls, so that the rest of the library (as-you-type formatting,
    // finding numbers in text: 60 KB) is neither carried nor set up at start
    b.onResolve({ filter: /^siptool-lpn$/ }, () => ({ path: 'siptool-lpn', namespace: 'siptool-lpn' }));
    // the library's modules as it also ships them for modern engines (es6-modern: the same source,
    // native classes instead of Babel's helpers, whose set-up cost ~0.3 ms of every run); its
    // `max` wrappers call Metadata and PhoneNumber as functions, which a native class refuses,
    // so those two are subclasses here. The bundle test compares every country's answers with
    // the package's. (sideEffects: false, as the package says of all its modules: what siptool
    // does not call is left out.)
    b.onResolve({ filter: /^\.\.\/es6\// }, (args) => (/[\\/]libphonenumber-js[\\/]core$/.test(args.resolveDir) ? { path: join(lpnRoot, 'es6-modern', args.path.slice('../es6/'.length)), sideEffects: false } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'siptool-lpn' }, () => {
      const max = JSON.stringify(join(lpnRoot, 'max', 'index.js'));
      const wrapped = ['Metadata', 'PhoneNumber'];
      const lines = [`export { ${LPN_USED.filter((n) => !wrapped.includes(n)).join(', ')} } from ${max};`];
      lines.push(`import metadata from ${JSON.stringify(join(lpnRoot, 'metadata.max.json.js'))};`);
      lines.push(`import { Metadata as CoreMetadata, PhoneNumber as CorePhoneNumber } from ${JSON.stringify(join(lpnRoot, 'core', 'index.js'))};`);
      lines.push('export class Metadata extends CoreMetadata { constructor() { super(metadata); } }');
      lines.push('export class PhoneNumber extends CorePhoneNumber { constructor(number) { super(number, metadata); } }');
      return { contents: lines.join('\n'), loader: 'js', resolveDir: lpnRoot };
    });
    b.onLoad({ filter: /[\\/]libphonenumber-js[\\/]metadata\.max\.json\.js$/ }, () => ({ contents: (lpnMetadataModule ??= lpnLazyPlans(JSON.parse(readFileSync(join(lpnRoot, 'metadata.max.json'), 'utf8')))), loader: 'js' }));
    // plain digits skip two of the parser's regular expressions (scripts/lpn-fast-paths.js)
    const fastPaths = new Set();
    b.onLoad({ filter: /[\\/]libphonenumber-js[\\/].*\.js$/ }, (args) => {
      // one copy of the library: a module of the Babel build next to the modern one would be a second class of each
      if (/[\\/]libphonenumber-js[\\/]es6[\\/]/.test(args.path)) throw new Error(`${args.path}: the bundle takes the library's es6-modern modules; something imports its es6 build`);
      for (const f of LPN_FAST_PATHS) if (f.module.test(args.path)) fastPaths.add(f);
      return { contents: withFastPath(args.path, lpnPlanReads(args.path, readFileSync(args.path, 'utf8'))), loader: 'js' };
    });
    b.onEnd(() => {
      const missing = LPN_FAST_PATHS.filter((f) => !fastPaths.has(f));
      if (missing.length > 0) throw new Error(`libphonenumber-js: no module ${missing.map((f) => f.module).join(', ')} in the bundle; update scripts/lpn-fast-paths.js`);
    });
  },
};

// made once per build, shared by the number and explain bundles (the plans file is written once)
let lpnChecked;
let lpnMetadataModule;

/** What siptool calls in libphonenumber-js, always as `lpn().name` (src/number/lib.ts). */
const LPN_USED = ['getCountryCallingCode', 'isSupportedCountry', 'Metadata', 'parseDigits', 'parsePhoneNumberFromString', 'PhoneNumber', 'validatePhoneNumberLength'];

/** Fails the build when a module in dist/ uses libphonenumber-js other than as lpn().name with a name in LPN_USED. */
function checkLpnUses() {
  const dist = join(root, 'dist');
  for (const f of readdirSync(dist, { recursive: true })) {
    if (!f.endsWith('.js')) continue;
    const code = readFileSync(join(dist, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const m of code.matchAll(/(?<!function )\blpn\(\)(?:\.(\w+))?/g)) {
      if (!LPN_USED.includes(m[1])) throw new Error(`dist/${f}: lpn()${m[1] ? `.${m[1]}` : ''} is not in LPN_USED (scripts/bundle.js): add it there`);
    }
  }
  return true;
}

/**
 * Writes the plans file (dist/cli/siptool-lpn-plans.<hash>.txt: every country's plan as JSON, one
 * after the other) and returns the metadata module: the version 4 metadata with
 * countries[code] = "<offset>+<length>" of that plan in the file, and a siptoolPlan(at) method
 * (not enumerable) that reads and parses one. lpnPlanReads' getCountryMetadata calls it on the
 * first use of a country and writes the plan back in place (countries is a dictionary-mode
 * object either way, 245 keys, so the write changes no shape and batch runs keep their speed).
 */
function lpnLazyPlans(meta) {
  if (meta.version !== 4 || typeof meta.countries !== 'object') throw new Error('metadata.max.json: not the version 4 layout scripts/bundle.js expects');
  let plans = '';
  const countries = {};
  for (const [code, plan] of Object.entries(meta.countries)) {
    const text = JSON.stringify(plan);
    countries[code] = `${plans.length}+${text.length}`;
    plans += text;
  }
  if (/[^\x20-\x7e]/.test(plans)) throw new Error('metadata.max.json: the plans are not printable ASCII (their offsets are byte offsets)');
  const name = `siptool-lpn-plans.${createHash('sha256').update(plans).digest('hex').slice(0, 16)}.txt`;
  writeFileSync(join(cliDir, name), plans);
  return `import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
const m = JSON.parse(${JSON.stringify(JSON.stringify({ ...meta, countries }))});
Object.defineProperty(m, 'siptoolPlan', {
  value(at) {
    const plus = at.indexOf('+');
    const offset = Number(at.slice(0, plus)), length = Number(at.slice(plus + 1));
    const file = join(__dirname, ${JSON.stringify(name)});
    const buf = Buffer.allocUnsafe(length);
    let fd;
    try {
      fd = openSync(file, 'r');
      for (let n = 0; n < length; ) {
        const got = readSync(fd, buf, n, length - n, offset + n);
        if (got === 0) throw new Error('the file is shorter than expected');
        n += got;
      }
    } catch (e) {
      throw new Error(\`cannot read the numbering plans (\${file}): \${e.message}; rebuild siptool (npm run build)\`);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    return JSON.parse(buf.latin1Slice(0, length));
  },
});
export default m;`;
}

/**
 * Every read of metadata.countries in the library's modules, checked: a country's plan is read only
 * through Metadata.getCountryMetadata, which parses it on first use. The build fails when a
 * module reads it another way (a new version of the library), or when the text to patch is gone.
 */
function lpnPlanReads(path, text) {
  let out = text;
  if (/[\\/]es6(?:-modern)?[\\/]metadata\.js$/.test(path)) {
    const patches = [
      [
        'return this.metadata.countries[countryCode];',
        "var countries = this.metadata.countries, plan = countries[countryCode]; if (typeof plan === 'string') countries[countryCode] = plan = this.metadata.siptoolPlan(plan); return plan;",
      ],
      // metadata before version 4 only (the bundled one is version 4), kept on the same path
      ["return this.metadata.countries['001'];", "return this.getCountryMetadata('001');"],
    ];
    for (const [from, to] of patches) {
      if (out.split(from).length !== 2) throw new Error(`${path}: "${from}" not found once; update scripts/bundle.js`);
      out = out.replace(from, to);
    }
  }
  const allowed = [
    /Object\.keys\(this\.metadata\.countries\)/, // the country codes
    /var countries = this\.metadata\.countries, plan = countries\[countryCode\];/, // the patched getCountryMetadata
    /isObject\((metadata|nationalNumber)\.countries\)/, // "is this a metadata object"
    /\\?`\.countries\\?` child object/, // an error message
    /metadataJson\.countries\.hasOwnProperty\(country\)/, // isSupportedCountry
  ];
  const spans = allowed.flatMap((re) => [...out.matchAll(new RegExp(re.source, 'g'))].map((m) => [m.index, m.index + m[0].length]));
  for (const m of out.matchAll(/\.countries\b/g)) {
    if (spans.some(([from, to]) => m.index >= from && m.index < to)) continue;
    const around = out.slice(Math.max(0, m.index - 30), m.index + 30);
    throw new Error(`${path}: reads metadata.countries where scripts/bundle.js does not expect it (…${around}…); a country's plan may still be text there`);
  }
  return out;
}

// ora (the spinner, an ES module package with ~10 of its own) is one CommonJS file beside the
// bundles, required when a spinner starts: only on an interactive stderr, and a bundle compiled
// from a code cache cannot import() an ES module in Node 20. Carried inside, its 55 KB (mostly
// the spinners' frames) were read at every start of every command.
const ORA_FILE = join('vendor', 'ora.cjs');
const oraOutside = {
  name: 'siptool-ora-outside',
  setup(b) {
    b.onResolve({ filter: /^ora$/ }, () => ({ path: 'ora', namespace: 'siptool-ora' }));
    // (siptool imports only ora's default export; as an ES module package siptool gets
    // module.exports as the default of a CommonJS module)
    b.onLoad({ filter: /.*/, namespace: 'siptool-ora' }, () => ({ contents: `module.exports = require(__dirname + ${JSON.stringify('/' + ORA_FILE.replace(/\\/g, '/'))}).default;`, loader: 'js' }));
  },
};

/** Writes dist/cli/vendor/ora.cjs: ora and its packages as one CommonJS file. */
async function bundleOra() {
  await build({
    stdin: { contents: "export { default } from 'ora';", resolveDir: root, loader: 'js' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: join(cliDir, ORA_FILE),
    legalComments: 'none',
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  });
}

// commander loads node:child_process at start for executable subcommands, which siptool has
// none of: load it when (if ever) spawn is called
const lazyChildProcess = {
  name: 'siptool-lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const line = "const childProcess = require('node:child_process');";
      if (!text.includes(line)) throw new Error(`${args.path}: "${line}" not found; update scripts/bundle.js`);
      return { contents: text.replace(line, "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };"), loader: 'js' };
    });
  },
};

// every run reads package.json (the version) through PACKAGE_ROOT, two folders above the module:
// inside a bundle that is two above the bundle's own folder, without a round trip through a URL
// (pathToFileURL and fileURLToPath: about 0.8 ms of a run's start)
const bundleRoot = {
  name: 'siptool-bundle-root',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]cli[\\/]package-root\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const from = "join(dirname(fileURLToPath(import.meta.url)), '..', '..')";
      if (text.split(from).length !== 2) throw new Error(`${args.path}: "${from}" not found once; update scripts/bundle.js`);
      // (__dirname: the bundle's folder, as bin/siptool.cjs passes it; no node:path functions to compile)
      return { contents: text.replace(from, '`${__dirname}/../..`'), loader: 'js' };
    });
  },
};

/** The modules each command runs, as main.ts and the *-command.ts files import them when it runs. */
const COMMAND_MODULES = {
  number: ['number-normalize', 'number-explain'],
  probe: ['probe'],
  parse: ['parse'],
  explain: ['explain'],
};

/**
 * Options of a command whose code its own bundle leaves out, and the modules that serve them:
 * bin/siptool.cjs runs a command line with one of them from the whole CLI (siptool.cjs), told by
 * the bundle's first line. `probe --report` needs the HTML report and the whole rule engine, a
 * third of the probe bundle that every plain probe would read and set up.
 */
const LEFT_OUT = {
  probe: { options: ['--report'], modules: ['probe-report-html'] },
};

/** The module of src/cli that declares a command's options (main.ts imports it when the command is named). */
const COMMAND_SPEC_MODULES = { number: 'number-command', probe: 'probe-command', listen: 'listen-command' };

// a command's own bundle leaves out what only the other commands run: main.ts sets up only the
// command named on the command line, so their actions can never be called in such a run
const onlyCommand = (command) => ({
  name: 'siptool-only-command',
  setup(b) {
    b.onResolve({ filter: /^\.\/[a-z-]+\.js$/ }, (args) => {
      const name = /([a-z-]+)\.js$/.exec(args.path)[1];
      if (args.kind !== 'dynamic-import') return undefined;
      // another command's option table and set-up (main.ts imports the one of the command named)
      const otherCommand = Object.entries(COMMAND_SPEC_MODULES).some(([c, m]) => m === name && c !== command);
      if (!otherCommand && !LEFT_OUT[command]?.modules.includes(name)) return undefined;
      return { path: name, namespace: 'siptool-other-command' };
    });
    b.onResolve({ filter: /^\.\/commands\/[a-z-]+\.js$/ }, (args) => {
      if (args.kind !== 'dynamic-import' || !/[\\/]dist[\\/]cli[\\/][a-z-]+\.js$/.test(args.importer)) return undefined;
      const name = /([a-z-]+)\.js$/.exec(args.path)[1];
      return COMMAND_MODULES[command].includes(name) ? undefined : { path: name, namespace: 'siptool-other-command' };
    });
    b.onLoad({ filter: /.*/, namespace: 'siptool-other-command' }, (args) => ({ contents: `throw new Error('the ${command} bundle has no ${args.path} (bin/siptool.cjs chose the wrong bundle)');`, loader: 'js' }));
  },
});

/**
 * Writes the ids of the bundles just built into dist/cli/main.js, the ES modules' entry they were
 * built from, as a "// siptool-bundles <id> <id>..." line (before its source map comment, so that
 * no mapped line moves): bin/siptool.cjs runs a bundle only when main.js names it, so a build by
 * tsc alone (which rewrites main.js) leaves the bundles unused until they are built again.
 */
function stampModules(ids) {
  const file = join(cliDir, 'main.js');
  const text = readFileSync(file, 'utf8').replace(/^\/\/ siptool-bundles .*\n/m, '');
  const line = `// siptool-bundles ${ids.join(' ')}\n`;
  const map = text.lastIndexOf('\n//# sourceMappingURL=');
  writeFileSync(file, map >= 0 ? text.slice(0, map + 1) + line + text.slice(map + 1) : `${text}${text.endsWith('\n') ? '' : '\n'}${line}`);
}

/** Writes dist/cli/siptool[-command].cjs; returns its file name and id. */
async function bundle(command) {
  const result = await build({
    entryPoints: [join(root, 'dist', 'cli', 'main.js')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    charset: 'ascii',
    legalComments: 'none',
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: !process.env.BUNDLE_NAMES,
    keepNames: false,
    // import.meta.url is the bundle's file URL, made when a module asks for it (a URL costs about
    // 0.5 ms at start, and a run may not need one: see bundleRoot)
    // the version a bundle reports: it is rebuilt from package.json at every build (no file read
    // at every start; the ES modules read package.json)
    define: { 'import.meta.url': '__siptoolBundle.url', SIPTOOL_BUNDLE_VERSION: JSON.stringify(PACKAGE_VERSION) },
    banner: { js: 'var __siptoolBundle = { get url() { return require("node:url").pathToFileURL(__filename).href; } };' },
    // CommonJS packages only some runs need stay in node_modules, required when used (no bytes
    // to read at every start): the WebSocket library, the DNS codec, ipaddr.js. (Not ora: an ES
    // module needs import(), which a script compiled from a code cache cannot do in Node 20.)
    // libphonenumber-js is inside only where numbers are the job.
    // commander too in the number and probe bundles: their plain command lines never load it
    // (src/cli/command-spec.ts), only help and errors do, which can afford compiling it
    external: ['ws', 'dns-packet', 'ipaddr.js', ...(command === 'number' || command === 'probe' ? ['commander'] : [])],
    // import() of a package left outside becomes require(): a script compiled from a code cache
    // cannot import() in Node 20
    supported: { 'dynamic-import': false },
    plugins: [...(command === 'number' || command === 'explain' ? [bundledLpn] : []), lazyChildProcess, bundleRoot, oraOutside, ...(command ? [onlyCommand(command)] : [])],
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].text;
  if (/[^\x00-\x7f]/.test(code)) throw new Error('the bundle is not ASCII (bin/siptool.cjs counts on a one-byte string)');
  // bin/siptool.cjs may compile it without a dynamic-import callback (Node's contextify binding)
  if (code.includes('import(')) throw new Error('the bundle has an import() (bin/siptool.cjs compiles bundles without a dynamic-import callback)');
  const id = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const file = join(cliDir, command ? `siptool-${command}.cjs` : 'siptool.cjs');
  // one line for the id, then a function expression: what bin/siptool.cjs compiles and calls
  const leftOut = command && LEFT_OUT[command] ? ` whole-cli-for=${LEFT_OUT[command].options.join(',')}` : '';
  writeFileSync(file, `// siptool-bundle ${id}${leftOut}\n(function (exports, require, module, __filename, __dirname) {${code}\n})`);
  return { file, id };
}

for (const f of readdirSync(cliDir)) if (/^siptool(-[a-z]+)?\.cjs(\..*\.cache)?$|^siptool-lpn-plans\..*\.txt$/.test(f)) rmSync(join(cliDir, f));
await bundleOra();
const bundles = { main: await bundle(null) };
for (const command of Object.keys(COMMAND_MODULES)) bundles[command] = await bundle(command);
stampModules(Object.values(bundles).map((b) => b.id));

// --- code caches -----------------------------------------------------------------------------
const fx = (p) => join(root, 'fixtures', p);
const responder = await optionsResponder();
const target = `udp:127.0.0.1:${responder.port}`;
const TRAINING = {
  main: [['--version'], ['--help']],
  // normalize only: a cache is deserialized whole at every start, and `number explain` code in it
  // (8% of it) slowed every one-number run by more than it saves an explain run
  number: [
    ['number', 'normalize', '--country', 'US', '(229) 316-0013'],
    ['number', 'normalize', '--json', '+44 20 7946 0000', 'sip:+12293160013@example.com;user=phone'],
  ],
  probe: [
    ['probe', target],
    ['probe', target, '--json'],
  ],
  parse: [
    ['parse', fx('sip/real/invite-carrier.sip')],
    ['parse', '--json', fx('sip/real/invite-carrier.sip')],
  ],
  explain: [
    ['explain', '--fail-on', 'never', fx('examples/app-invite-behind-nat.sip'), fx('examples/nat-call.pcapng')],
    ['explain', '--fail-on', 'never', '--format', 'json', fx('examples/app-invite-behind-nat.sip'), fx('examples/nat-call.pcapng')],
  ],
};
try {
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // V8 flags must be those of a plain run, or V8 rejects the cache
  delete env.SIPTOOL_NO_BUNDLE;
  for (const [name, runs] of Object.entries(TRAINING)) {
    const cache = `${bundles[name].file}.${bundles[name].id}.cache`;
    for (const args of runs) {
      // async: the probe's responder answers from this process meanwhile
      const r = await new Promise((res) => {
        execFile(process.execPath, [bin, ...args], { env: { ...env, SIPTOOL_CODE_CACHE_OUT: cache, NO_COLOR: '1' }, timeout: 60_000 }, (err, stdout, stderr) => res({ status: err ? err.code : 0, stderr }));
      });
      if (r.status !== 0) throw new Error(`code cache training: siptool ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    }
  }
} finally {
  responder.close();
}

/** Answers every OPTIONS on 127.0.0.1 with a 200 (the probe's training peer). */
async function optionsResponder() {
  const sock = createSocket('udp4');
  sock.on('message', (msg, rinfo) => {
    const text = msg.toString('latin1');
    if (!text.startsWith('OPTIONS ')) return;
    const keep = text.split('\r\n').filter((l) => /^(via|v|from|f|to|t|call-id|i|cseq):/i.test(l));
    const reply = ['SIP/2.0 200 OK', ...keep.map((l) => (/^(to|t):/i.test(l) ? `${l};tag=bundle` : l)), 'Content-Length: 0', '', ''].join('\r\n');
    sock.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise((res) => sock.bind(0, '127.0.0.1', res));
  return { port: sock.address().port, close: () => sock.close() };
}
