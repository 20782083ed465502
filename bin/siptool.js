#!/usr/bin/env node
// The siptool command. All logic lives in dist/; this file only picks how to load it and sets
// the exit code. A one-shot run (one number, one OPTIONS ping) is mostly start-up, so the build
// (scripts/bundle.js) also writes the whole CLI as one file, dist/cli/siptool.cjs, with V8 code
// caches trained per command: that file is compiled from its cache instead of loading about a
// hundred ES modules. The ES modules (dist/cli/main.js) are used when the bundle is missing or
// older than them (a build by tsc alone) or when SIPTOOL_NO_BUNDLE is set. docs/startup.md.
import { createRequire } from 'node:module';

// builtins through require: an ES import of node:fs builds its ES facade, which loads fs streams
const require = createRequire(import.meta.url);
const { readFileSync, statSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');
const { fileURLToPath } = require('node:url');
const { Script, constants } = require('node:vm');

const main = loadBundle() ?? (await import('../dist/cli/main.js')).main;
process.exitCode = await main(process.argv);

function loadBundle() {
  if (process.env.SIPTOOL_NO_BUNDLE) return undefined;
  const file = fileURLToPath(new URL('../dist/cli/siptool.cjs', import.meta.url));
  let source;
  try {
    if (statSync(file).mtimeMs < statSync(new URL('../dist/cli/main.js', import.meta.url)).mtimeMs) return undefined;
    source = readFileSync(file, 'latin1'); // the bundle is ASCII (scripts/bundle.js checks)
  } catch {
    return undefined;
  }
  // first line: "// siptool-bundle <id>" then the wrapper; caches are named after the id
  const id = /^\/\/ siptool-bundle ([0-9a-f]{16})\n/.exec(source)?.[1];
  if (!id) return undefined;
  const train = process.env.SIPTOOL_CODE_CACHE_OUT;
  const command = process.argv.slice(2).find((a) => !a.startsWith('-'));
  const caches = train ? [train] : [...(/^[a-z]+$/.test(command ?? '') ? [command] : []), 'main'].map((name) => `${file}.${id}.${name}.cache`);
  let cachedData;
  for (const cache of caches) {
    try {
      cachedData = readFileSync(cache);
      break;
    } catch {
      // no cache for this command: the next one, or compiled from source
    }
  }
  const script = new Script(source, { filename: file, cachedData, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  if (train) process.once('exit', () => writeFileSync(train, script.createCachedData()));
  return module.exports.main;
}
