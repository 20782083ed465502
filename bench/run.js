// npm run bench: every benchmark suite, one after another. Each suite compares siptool with
// peers measured in the same run and prints its ratios. BENCH=parse,resolve runs a subset.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SUITES = ['parse', 'number', 'resolve', 'capture', 'explain', 'report', 'probe'];

const here = dirname(fileURLToPath(import.meta.url));
const only = process.env.BENCH ? process.env.BENCH.split(',') : SUITES;
let failed = false;
for (const suite of SUITES.filter((s) => only.includes(s))) {
  console.log(`\n=== ${suite} ===`);
  const r = spawnSync(process.execPath, [join(here, `${suite}.js`)], { stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
