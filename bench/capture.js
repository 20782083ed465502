// Capture reading: siptool's streaming pcap reader against tshark on the same generated capture.
// A ~64 MB capture of many calls (UDP and TCP, with handshakes and closes, each call with its own
// media ports: see bench/capture-gen.js for why that matters to tshark) is written with siptool's
// own pcap writer; siptool reads every SIP message and its Call-ID, tshark runs
// `tshark -r FILE -Y sip -T fields -e sip.Call-ID`. A 16 MB capture shows how time grows with size.
// Goals (issue 6): >= 50x faster than tshark on 64 MB, time linear in size, peak memory < 300 MB.
// BENCH_CAPTURE_MB=64 sets the large size; BENCH_TSHARK=0 skips tshark.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './capture-gen.js';

const here = dirname(fileURLToPath(import.meta.url));
const LARGE_MB = Number(process.env.BENCH_CAPTURE_MB ?? 64);
const SMALL_MB = LARGE_MB / 4;
const RUNS = Number(process.env.BENCH_CAPTURE_RUNS ?? 3);
const TSHARK = process.env.BENCH_TSHARK !== '0' && spawnSync('sh', ['-c', 'command -v tshark']).status === 0;
const TIME_V = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0;

/**
 * Runs a command, under /usr/bin/time -v when available: wall time, CPU time (user + system)
 * and peak RSS. CPU time is printed too because wall time on a shared machine depends on load.
 */
function run(cmd, args) {
  const start = process.hrtime.bigint();
  const r = TIME_V ? spawnSync('/usr/bin/time', ['-v', cmd, ...args], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 }) : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr}`);
  const num = (re) => Number(re.exec(r.stderr ?? '')?.[1] ?? NaN);
  const cpuMs = (num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/)) * 1000;
  const kb = num(/Maximum resident set size \(kbytes\): (\d+)/);
  return { stdout: r.stdout, ms, cpuMs, peakMb: kb / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The reader in a child process, RUNS times: median wall and CPU time, the highest peak RSS. */
function read(file, mode) {
  const runs = Array.from({ length: RUNS }, () => {
    const r = run(process.execPath, [join(here, 'capture-read.js'), file, mode]);
    const out = JSON.parse(r.stdout.trim().split('\n').pop());
    // the child's own timer excludes node start-up; the RSS is from /usr/bin/time when available
    return { ...out, ms: out.ms, cpuMs: r.cpuMs, peakMb: Number.isNaN(r.peakMb) ? out.peakRss / 1024 / 1024 : r.peakMb };
  });
  return { ...runs[0], ms: median(runs.map((r) => r.ms)), cpuMs: median(runs.map((r) => r.cpuMs)), peakMb: Math.max(...runs.map((r) => r.peakMb)), all: runs.map((r) => Math.round(r.ms)) };
}

function tshark(file) {
  const r = run('tshark', ['-n', '-r', file, '-Y', 'sip', '-T', 'fields', '-e', 'sip.Call-ID']);
  const ids = r.stdout.split('\n').filter(Boolean).flatMap((l) => l.split(','));
  return { ms: r.ms, cpuMs: r.cpuMs, messages: ids.length, callIds: new Set(ids).size };
}

const fmt = (ms) => (Number.isNaN(ms) ? '?' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const dir = mkdtempSync(join(tmpdir(), 'siptool-bench-capture-'));
try {
  console.log(`node ${process.version}; reader runs per size: ${RUNS} (median); tshark: ${TSHARK ? spawnSync('tshark', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] : 'skipped'}\n`);
  const sizes = {};
  for (const [name, mb] of [['small', SMALL_MB], ['large', LARGE_MB]]) {
    const file = join(dir, `${name}.pcap`);
    const g = generate(file, mb);
    const full = read(file, 'validate');
    const lazy = read(file, 'lazy');
    sizes[name] = { file, ...g, full, lazy };
    console.log(`${(g.bytes / 1024 / 1024).toFixed(1)} MB capture: ${g.calls} calls, ${g.messages} SIP messages (half UDP, half TCP, media ports per call)`);
    console.log(`  siptool, messages validated: ${fmt(full.ms)} wall (runs ${full.all.join(', ')} ms), ${fmt(full.cpuMs)} CPU, ${full.messages} messages, ${full.callIds} Call-IDs, peak RSS ${full.peakMb.toFixed(0)} MB`);
    console.log(`  siptool, parsed lazily:      ${fmt(lazy.ms)} wall (runs ${lazy.all.join(', ')} ms), ${fmt(lazy.cpuMs)} CPU, peak RSS ${lazy.peakMb.toFixed(0)} MB`);
    if (full.messages !== g.messages) console.log(`  ! siptool read ${full.messages} messages, ${g.messages} were written`);
    if (TSHARK) {
      console.log('  tshark running ...');
      const t = tshark(file);
      sizes[name].tshark = t;
      console.log(`  tshark -Y sip -e sip.Call-ID: ${fmt(t.ms)} wall, ${fmt(t.cpuMs)} CPU, ${t.messages} messages, ${t.callIds} Call-IDs (${t.messages === full.messages ? 'same count as siptool' : `siptool read ${full.messages}`})`);
      console.log(`  ratio tshark / siptool: wall ${(t.ms / full.ms).toFixed(0)}x validated, ${(t.ms / lazy.ms).toFixed(0)}x lazy; CPU ${(t.cpuMs / full.cpuMs).toFixed(0)}x validated, ${(t.cpuMs / lazy.cpuMs).toFixed(0)}x lazy`);
    }
    rmSync(file);
  }
  const { small, large } = sizes;
  const sizeRatio = large.bytes / small.bytes;
  const wallRatio = large.full.ms / small.full.ms;
  const cpuRatio = large.full.cpuMs / small.full.cpuMs;
  const perMb = (x, k) => (x.full[k] / (x.bytes / 1024 / 1024)).toFixed(0);
  const peak = Math.max(...Object.values(sizes).flatMap((x) => [x.full.peakMb, x.lazy.peakMb]));
  console.log(`\nsize ratio large/small ${sizeRatio.toFixed(2)}; siptool time ratio (validated) ${wallRatio.toFixed(2)} wall, ${cpuRatio.toFixed(2)} CPU; lazy ${(large.lazy.ms / small.lazy.ms).toFixed(2)} wall` + (large.tshark && small.tshark ? `; tshark ${(large.tshark.ms / small.tshark.ms).toFixed(2)} wall, ${(large.tshark.cpuMs / small.tshark.cpuMs).toFixed(2)} CPU` : ''));
  console.log(`siptool CPU ms per MB: ${perMb(small, 'cpuMs')} (${SMALL_MB} MB), ${perMb(large, 'cpuMs')} (${LARGE_MB} MB); a ratio below the size ratio is start-up and JIT warm-up spread over more data`);
  console.log(`peak memory from ${TIME_V ? '/usr/bin/time -v (maximum resident set size of the reader process)' : 'process.memoryUsage().rss sampled every 20 ms'}; siptool times are the median of ${RUNS} runs, validated = readCapture defaults\n`);
  const goal = (text, met) => console.log(`goal: ${text}: ${met === undefined ? 'NOT MEASURED' : met ? 'MET' : 'NOT MET'}`);
  const speed = (t, s) => (large.tshark ? large.tshark[t] / large.full[s] : NaN);
  goal(`siptool >= 50x faster than tshark on ${LARGE_MB} MB (wall ${speed('ms', 'ms').toFixed(0)}x, CPU ${speed('cpuMs', 'cpuMs').toFixed(0)}x)`, large.tshark ? speed('ms', 'ms') >= 50 && (Number.isNaN(speed('cpuMs', 'cpuMs')) || speed('cpuMs', 'cpuMs') >= 50) : undefined);
  // linear: the large file costs no more per MB than the small one (+25% for noise); tshark grows faster
  const linear = (r) => r <= sizeRatio * 1.25;
  goal(`time linear in size: time ratio at most 1.25x the size ratio ${sizeRatio.toFixed(2)} (CPU ${cpuRatio.toFixed(2)}, wall ${wallRatio.toFixed(2)})`, Number.isNaN(cpuRatio) ? linear(wallRatio) : linear(cpuRatio) && linear(wallRatio));
  goal(`peak memory < 300 MB (measured ${peak.toFixed(0)} MB)`, peak < 300);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
