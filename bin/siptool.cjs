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
const { readFileSync, writeFileSync } = builtin('node:fs');
const { Script } = builtin('node:vm');

// (not node:path: "/" serves on every platform, and path's functions would be compiled for this)
const dist = `${__dirname}/../dist/cli`;
const join = (dir, name) => `${dir}/${name}`;
// A file as a one-byte string: read as bytes, the way the cache is read, and copied (latin1).
// The bundles are ASCII (scripts/bundle.js checks) and main.js is searched for an ASCII line; a
// UTF-8 read would check every byte of a ~300 KB bundle (~1M instructions) for the same string.
const readLatin1 = (file) => {
  const bytes = readFileSync(file);
  return typeof bytes.latin1Slice === 'function' ? bytes.latin1Slice(0, bytes.length) : bytes.toString('latin1');
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
    cachedData = readFileSync(cache);
  } catch {
    // no cache (yet): compiled from source
  }
  const script = new Script(source, { filename: file, cachedData });
  const module = { exports: {} };
  // the bundle requires only builtins (served as above) and packages of the same node_modules
  const bundleRequire = (id) => (id.startsWith('node:') && process.getBuiltinModule?.(id)) || require(id);
  script.runInThisContext()(module.exports, bundleRequire, module, file, dist);
  if (process.env.SIPTOOL_CODE_CACHE_OUT) process.once('exit', () => writeFileSync(cache, script.createCachedData()));
  return module.exports.main;
})();
(bundled ? Promise.resolve(bundled) : import('../dist/cli/main.js').then((m) => m.main))
  .then((main) => main(process.argv))
  // main resolves when the command is done (its output written synchronously, its sockets and
  // files closed): exit at once rather than wait for V8's housekeeping tasks (a scavenge)
  .then((code) => process.exit(code));
