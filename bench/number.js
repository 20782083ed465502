// siptool number: batch throughput through the real CLI (stdin → stdout) against
// libphonenumber-js called directly in a loop on the same lines, and the start-up cost of a
// one-number run against `node -e 0`. Prints the figures and whether each goal is met.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv, cpuTimeArgs, droppedCaCerts, droppedCaCertsNote } from './child-env.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const LINES = Number(process.env.BENCH_NUMBER_LINES ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const START_RUNS = Number(process.env.BENCH_START_RUNS ?? 21);
const node = process.execPath;

// --- a large mixed file, made here from a seeded generator -------------------------------
let seed = 0x5eed;
const rnd = (n) => {
  // mulberry32: a small seeded generator with good low bits
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (((t ^ (t >>> 14)) >>> 0) % n);
};
const d = (n) => Array.from({ length: n }, () => rnd(10)).join('');
const AREAS = ['201', '202', '212', '213', '229', '305', '312', '415', '503', '617', '702', '713', '818', '917'];
const area = () => AREAS[rnd(AREAS.length)];
const TEMPLATES = [
  () => `(${area()}) 555-01${d(2)}`,
  () => `${area()}-555-01${d(2)}`,
  () => `+1${area()}55501${d(2)}`,
  () => `1${area()}55501${d(2)}`,
  () => `011 44 20 7946 ${d(4)}`,
  () => `+44 20 7946 ${d(4)}`,
  () => `+49 30 ${d(6)}`,
  () => `+33 1 ${d(2)} ${d(2)} ${d(2)} ${d(2)}`,
  () => `+61 2 ${d(4)} ${d(4)}`,
  () => `+91 81234 ${d(5)}`,
  () => `+55 11 9${d(4)}-${d(4)}`,
  () => `+81 3-${d(4)}-${d(4)}`,
  () => `+34 612 ${d(2)} ${d(2)} ${d(2)}`,
  () => `+39 02 ${d(4)} ${d(4)}`,
  () => `+31 6 ${d(8)}`,
  () => `+27 71 ${d(3)} ${d(4)}`,
  () => `+234 802 ${d(3)} ${d(4)}`,
  () => `+52 55 ${d(4)} ${d(4)}`,
  () => `sip:+1${area()}55501${d(2)}@trunk.example.com;user=phone`,
  () => `tel:+44-20-7946-${d(4)}`,
  () => d(3 + rnd(4)),
  () => 'not a number',
];
const lines = Array.from({ length: LINES }, () => TEMPLATES[rnd(TEMPLATES.length)]());
const dir = mkdtempSync(join(tmpdir(), 'siptool-bench-'));
const file = join(dir, 'numbers.txt');
writeFileSync(file, lines.join('\n') + '\n');

// the raw library: what a minimal script would do with the same stdin (parse, validate, E.164)
const rawScript = join(dir, 'raw.mjs');
writeFileSync(
  rawScript,
  `import { parsePhoneNumberFromString } from ${JSON.stringify(join(root, 'node_modules/libphonenumber-js/max/index.js'))};
import { createInterface } from 'node:readline';
const out = [];
let n = 0;
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  const p = parsePhoneNumberFromString(line, 'US');
  out.push(p && p.isValid() ? p.format('E.164') : '');
  if (++n % 4096 === 0) { process.stdout.write(out.join('\\n') + '\\n'); out.length = 0; }
}
process.stdout.write(out.length ? out.join('\\n') + '\\n' : '');
`,
);

// each process gets bench/cpu-time.cjs preloaded, which reports its CPU time

/** Runs `node args...` with the file on stdin; wall time and the child's own CPU time, in ms. */
function timed(args) {
  const input = openSync(file, 'r');
  const t = process.hrtime.bigint();
  const r = spawnSync(node, [...cpuTimeArgs, ...args], { stdio: [input, 'pipe', 'pipe', 'pipe'], maxBuffer: 512 * 1024 * 1024, env: childEnv });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  closeSync(input);
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, cpu: Number(r.output[3]?.toString() || NaN) / 1000, out: r.stdout.toString() };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cli = [join(root, 'bin/siptool.cjs'), 'number', 'normalize', '--country', 'US', '--plain'];

console.log(`batch: ${LINES} mixed lines (${TEMPLATES.length} spellings, 15 countries, URIs, invalid lines); ${ROUNDS} interleaved rounds`);
const t = { cli: [], raw: [], cliCpu: [], rawCpu: [] };
let check;
for (let r = 0; r < ROUNDS; r++) {
  const a = timed(cli);
  const b = timed([rawScript]);
  t.cli.push(a.ms);
  t.raw.push(b.ms);
  t.cliCpu.push(a.cpu);
  t.rawCpu.push(b.cpu);
  check ??= { a: a.out.split('\n'), b: b.out.split('\n') };
}
const agree = check.a.filter((x, i) => x !== '' && x === check.b[i]).length;
const rate = (ms) => Math.round((LINES * 1000) / ms).toLocaleString('en');
const wallRatio = median(t.raw) / median(t.cli);
const cpuRatio = median(t.rawCpu) / median(t.cliCpu);
console.log(`  ${'numbers/s'.padStart(52)}  ${'by CPU time'.padStart(12)}`);
console.log(`  siptool number normalize --plain   ${rate(median(t.cli)).padStart(16)}  ${rate(median(t.cliCpu)).padStart(12)}   (whole process: start, stdin, stdout)`);
console.log(`  libphonenumber-js loop (max)       ${rate(median(t.raw)).padStart(16)}  ${rate(median(t.rawCpu)).padStart(12)}   (whole process, same stdin and stdout, readline)`);
console.log(`  results identical on ${agree} of ${LINES} lines (the others are URIs, IDD, ambiguous or invalid lines that siptool reads differently)`);
console.log(`  ratio ${wallRatio.toFixed(2)}x by wall time, ${cpuRatio.toFixed(2)}x by CPU time; goal >= 0.8x: ${cpuRatio >= 0.8 ? 'met' : 'NOT met'} (judged by CPU time, which other processes on a shared machine do not stretch)`);

// --- start-up: one number vs node -e 0 ---------------------------------------------------
// each command runs with bench/cpu-time.cjs preloaded (so its CPU time is known), the baseline
// too, so the preload's own cost is on both sides
const startCmds = {
  'node -e 0': ['-e', '0'],
  'siptool --version': [join(root, 'bin/siptool.cjs'), '--version'],
  'siptool number normalize (1 number)': [join(root, 'bin/siptool.cjs'), 'number', 'normalize', '--country', 'US', '(229) 316-0013'],
  'import libphonenumber-js/max only': [join(root, 'node_modules/libphonenumber-js/max/index.js')],
};
const wall = Object.fromEntries(Object.keys(startCmds).map((k) => [k, []]));
const cpu = Object.fromEntries(Object.keys(startCmds).map((k) => [k, []]));
for (let r = 0; r < START_RUNS; r++) {
  for (const [k, args] of Object.entries(startCmds)) {
    const t0 = process.hrtime.bigint();
    const res = spawnSync(node, [...cpuTimeArgs, ...args], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'], env: childEnv });
    wall[k].push(Number(process.hrtime.bigint() - t0) / 1e6);
    cpu[k].push(Number(res.output[3]?.toString() || NaN) / 1000);
    if (res.status !== 0) throw new Error(`${k} exited ${res.status}: ${res.stderr}`);
  }
}
console.log(`\nstart-up: median of ${START_RUNS} interleaved runs (wall time; CPU time of the process)`);
if (droppedCaCerts) console.log(droppedCaCertsNote);
const base = median(wall['node -e 0']);
const baseCpu = median(cpu['node -e 0']);
for (const k of Object.keys(startCmds)) {
  console.log(`  ${k.padEnd(38)} ${median(wall[k]).toFixed(1).padStart(7)} ms ${(median(wall[k]) / base).toFixed(2)}x   ${median(cpu[k]).toFixed(1).padStart(7)} ms CPU ${(median(cpu[k]) / baseCpu).toFixed(2)}x`);
}
const one = 'siptool number normalize (1 number)';
const startRatio = median(wall[one]) / base;
const startCpuRatio = median(cpu[one]) / baseCpu;
// met only when both are: wall time is what a user waits, CPU time what a loaded machine does not stretch
const startMet = startRatio <= 1.25 && startCpuRatio <= 1.25;
console.log(`  goal <= 1.25x node -e 0: ${startMet ? 'met' : 'NOT met'} (${startRatio.toFixed(2)}x wall, ${startCpuRatio.toFixed(2)}x CPU)`);
if (!startMet) {
  console.log(`  why: ${(median(wall[one]) - base).toFixed(0)} ms on top of node's own start: reading and deserializing the number bundle and its code cache,`);
  console.log(`       libphonenumber-js and the plan of each country used, the number code (docs/startup.md); "siptool --version" (the whole-CLI bundle) is ${(median(wall['siptool --version']) / base).toFixed(2)}x`);
}
