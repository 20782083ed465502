#!/usr/bin/env node
// The siptool command. All logic lives in dist/; this file only picks how to load it and sets
// the exit code. A one-shot run (one number, one OPTIONS ping) is mostly start-up, so the build
// (scripts/bundle.js) also writes the CLI as one file, dist/cli/siptool.cjs, and one file per
// common command with only its code (siptool-number.cjs...), each with a V8 code cache trained
// on that command: the file is compiled from its cache instead of loading about a hundred ES
// modules. The ES modules (dist/cli/main.js) are used when the bundle is missing or was not
// built from them (a build by tsc alone), with --debug, or when SIPTOOL_NO_BUNDLE is set.
// docs/startup.md.
'use strict';
// CommonJS, and named .cjs so that Node need not look for a package.json to learn it: starting
// from a script needs no ES module loader. Builtins come from process.getBuiltinModule (Node
// 20.16+), which skips require's resolution (each of its steps is a function V8 compiles on first
// use), else from require (an ES import of node:fs would build its ES facade and load fs streams)
const builtin = (id) => process.getBuiltinModule?.(id) ?? require(id);
const fs = builtin('node:fs');

// (not node:path: "/" serves on every platform, and path's functions would be compiled for this)
const dist = `${__dirname}/../dist/cli`;
const join = (dir, name) => `${dir}/${name}`;
// On Node 20.20 and later 20.x, the bundle and its cache are read and compiled through Node's own fs and
// contextify bindings, as fs.readFileSync and vm.Script do: node:vm (not in Node's start-up
// snapshot) and the two dozen functions of fs and vm that a start would otherwise compile at
// their first use cost ~2M instructions, about a millisecond (docs/startup.md). Only on the
// version whose binding signatures are known (a wrong argument count aborts the process, it
// cannot be caught), not under --pending-deprecation (process.binding would print a warning),
// and not with SIPTOOL_PLAIN_LOAD set; fs and vm otherwise.
const raw = (function rawBindings() {
  const env = process.env;
  const v = process.version;
  if (!v.startsWith('v20.2') || v[5] === '.' || typeof process.binding !== 'function' || env.SIPTOOL_PLAIN_LOAD) return undefined;
  if (process.execArgv.includes('--pending-deprecation') || (env.NODE_OPTIONS ?? '').includes('--pending-deprecation') || env.NODE_PENDING_DEPRECATION === '1') return undefined;
  try {
    return { fs: process.binding('fs'), Script: process.binding('contextify').ContextifyScript };
  } catch {
    return undefined;
  }
})();
// A file's bytes (a missing file throws, as readFileSync does)
const readBytes = (file) => {
  if (!raw) return fs.readFileSync(file);
  const fd = raw.fs.open(file, 0 /* O_RDONLY */, 0o666);
  try {
    const size = raw.fs.fstat(fd, false, undefined, true)?.[8];
    if (typeof size !== 'number' || size > 0x3fffffff) throw new Error(`cannot size ${file}`);
    const bytes = Buffer.allocUnsafe(size);
    let at = 0;
    for (let n = 1; at < size && n > 0; at += n) n = raw.fs.read(fd, bytes, at, size - at, -1);
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    raw.fs.close(fd);
  }
};
// A file as a one-byte string: read as bytes, the way the cache is read, and copied (latin1).
// The bundles are ASCII (scripts/bundle.js checks) and main.js is searched for an ASCII line; a
// UTF-8 read would check every byte of a ~300 KB bundle (~1M instructions) for the same string.
const readLatin1 = (file) => {
  const bytes = readBytes(file);
  return typeof bytes.latin1Slice === 'function' ? bytes.latin1Slice(0, bytes.length) : bytes.toString('latin1');
};
// The bundle compiled (from its cache when V8 accepts it) and run: its wrapper function. The
// bundles have no import() (scripts/bundle.js checks), so the raw script needs no dynamic-import
// callback; it is given a symbol of its own where vm would give its "no callback" one.
const compile = (source, filename, cachedData) => {
  if (!raw) {
    const script = new (builtin('node:vm').Script)(source, { filename, cachedData });
    return { script, run: script.runInThisContext() };
  }
  const script = new raw.Script(source, filename, 0, 0, cachedData, false, undefined, Symbol(filename));
  return { script, run: script.runInContext(null, -1, true, false, false) };
};
// called where it is written, in parentheses: V8 then compiles it with the file, in one pass,
// instead of pre-parsing it and parsing it again at its call
const bundled = (function loadBundle() {
  // --debug: the ES modules, so that stack traces name siptool's own files and functions
  if (process.env.SIPTOOL_NO_BUNDLE || process.argv.includes('--debug')) return undefined;
  // the command's own bundle (only its code) when the build made one, else the whole CLI
  const command = process.argv.slice(2).find((a) => !a.startsWith('-'));
  const names = [...(/^[a-z]+$/.test(command ?? '') ? [`siptool-${command}.cjs`] : []), 'siptool.cjs'];
  let file;
  let id;
  let source;
  try {
    // the build writes the ids of the bundles it made into the ES modules' dist/cli/main.js (a
    // "// siptool-bundles <id>..." line); a build by tsc alone rewrites main.js without them,
    // and a bundle whose id is not there is older than the modules. (Not file times: a stat
    // builds a Stats object, whose functions V8 compiles at their first use, ~0.3 ms.)
    const modules = readLatin1(join(dist, 'main.js'));
    const at = modules.lastIndexOf('\n// siptool-bundles ');
    const built = at < 0 ? '' : `${modules.slice(at + 19, modules.indexOf('\n', at + 1))} `;
    for (const name of names) {
      file = join(dist, name);
      // (a missing bundle throws here: not existsSync first, one function less to compile)
      try {
        source = readLatin1(file);
      } catch {
        continue;
      }
      // first line: "// siptool-bundle <id>[ whole-cli-for=<options>]" then the wrapper; the
      // cache is named after the id; a command line with one of those options (their code is
      // not in this bundle) runs from the whole CLI
      // (matched on the line alone: V8 compiles a regular expression to machine code at once
      // when its subject is a long string, ~0.1 ms)
      const first = /^\/\/ siptool-bundle ([0-9a-f]{16})(?: whole-cli-for=(\S+))?\n/.exec(source.slice(0, source.indexOf('\n') + 1));
      if (!first) return undefined;
      const leftOut = first[2]?.split(',');
      if (leftOut && process.argv.some((a) => leftOut.some((o) => a === o || a.startsWith(`${o}=`)))) continue;
      if (!built.includes(` ${first[1]} `)) return undefined;
      id = first[1];
      break;
    }
  } catch {
    return undefined;
  }
  if (!id) return undefined;
  const cache = process.env.SIPTOOL_CODE_CACHE_OUT ?? `${file}.${id}.cache`;
  let cachedData;
  try {
    cachedData = readBytes(cache);
  } catch {
    // no cache (yet): compiled from source
  }
  const { script, run } = compile(source, file, cachedData);
  const module = { exports: {} };
  // the bundle requires only builtins (served as above) and packages of the same node_modules
  const bundleRequire = (id) => (id.startsWith('node:') && process.getBuiltinModule?.(id)) || require(id);
  run(module.exports, bundleRequire, module, file, dist);
  if (process.env.SIPTOOL_CODE_CACHE_OUT) process.once('exit', () => fs.writeFileSync(cache, script.createCachedData()));
  return module.exports.main;
})();
(bundled ? Promise.resolve(bundled) : import('../dist/cli/main.js').then((m) => m.main))
  .then((main) => main(process.argv))
  // main resolves when the command is done (its output written synchronously, its sockets and
  // files closed): exit at once rather than wait for V8's housekeeping tasks (a scavenge)
  .then((code) => {
    // process.exit emits 'exit' and calls process.reallyExit; with no 'exit' listener (a plain
    // run has none: a spinner's or the cache training's would be) only the last step is left,
    // without the four functions of Node's that process.exit would compile on its way (~0.2M)
    if (process.listenerCount('exit') === 0 && typeof process.reallyExit === 'function') process.reallyExit(code ?? 0);
    process.exit(code);
  });
