// siptool explain on a large capture against tshark on the same file, in the same run.
// Captures of many calls (bench/capture-gen.js: half UDP, half TCP, each call with its own media
// ports) are written with siptool's own pcap writer at 16, 32 and 64 MB; `siptool explain
// --format json` (the whole pipeline: streaming reader, parser with full validation, every rule
// per call, the JSON report) runs on each, and `tshark -r FILE -Y sip -T fields -e sip.Call-ID`
// on the smallest and the largest. Then both run once more on a 16 MB capture in which every
// call names the same media address and port (the captures of stops 6 to 15; see
// capture-gen.js): tshark's SDP dissector makes that quadratic, which is where the earlier
// ratios of 15x to 25x came from. Printed: wall and CPU times, the ratio, siptool's peak RSS,
// and time per MB at each size; on the largest capture also the stylish, SARIF, GitHub and JUnit
// formats (time and peak RSS).
// Goals (issue 6): >= 50x faster than tshark at 64 MB, time linear in size, peak memory < 300 MB.
// BENCH_EXPLAIN_MB=64 sets the largest size; BENCH_TSHARK=0 skips tshark; BENCH_SHARED_MB=16
// sets the size of the shared-media-port capture (0 skips it; tshark takes 75 s at 64 MB).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { callMessages, generate } from './capture-gen.js';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', 'bin', 'siptool.cjs');
const LARGE_MB = Number(process.env.BENCH_EXPLAIN_MB ?? 64);
const SIZES = [LARGE_MB / 4, LARGE_MB / 2, LARGE_MB];
const SHARED_MB = Number(process.env.BENCH_SHARED_MB ?? 16);
const TSHARK = process.env.BENCH_TSHARK !== '0' && spawnSync('sh', ['-c', 'command -v tshark']).status === 0;
const TIME_V = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0;

/** Runs a command with stdout to a file, under /usr/bin/time -v when available: wall, CPU (user + system), peak RSS. */
function run(cmd, args, outFile) {
  const fd = openSync(outFile, 'w');
  const start = process.hrtime.bigint();
  const r = TIME_V ? spawnSync('/usr/bin/time', ['-v', cmd, ...args], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' }) : spawnSync(cmd, args, { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  closeSync(fd);
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr}`);
  const num = (re) => Number(re.exec(r.stderr ?? '')?.[1] ?? NaN);
  const cpuMs = (num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/)) * 1000;
  return { ms, cpuMs, peakMb: num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024 };
}

function explain(file, out) {
  const r = run(process.execPath, [BIN, 'explain', '--format', 'json', '--fail-on', 'never', file], out);
  const doc = JSON.parse(readFileSync(out, 'utf8'));
  return { ...r, messages: doc.summary.messages, findings: doc.findings.length, callIds: new Set(doc.messages.map((m) => m.callId)).size };
}

function tshark(file, out) {
  const r = run('tshark', ['-n', '-r', file, '-Y', 'sip', '-T', 'fields', '-e', 'sip.Call-ID'], out);
  const ids = readFileSync(out, 'utf8').split('\n').filter(Boolean).flatMap((l) => l.split(','));
  return { ...r, messages: ids.length, callIds: new Set(ids).size };
}

/** The bench's calls (capture-gen.js) as a text file, blank-line separated, until it reaches `mb` MB; returns the number of calls. */
function writeTextLog(file, mb) {
  const fd = openSync(file, 'w');
  let bytes = 0;
  let i = 0;
  for (; bytes < mb * 1024 * 1024; i++) for (const m of callMessages(i).messages) bytes += writeSync(fd, m.text + '\r\n');
  closeSync(fd);
  return i;
}

const fmt = (ms) => (Number.isNaN(ms) ? '?' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const dir = mkdtempSync(join(tmpdir(), 'siptool-bench-explain-'));
try {
  console.log(`node ${process.version}; tshark: ${TSHARK ? spawnSync('tshark', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] : 'skipped'}\n`);
  const rows = [];
  for (const mb of SIZES) {
    const file = join(dir, `calls-${mb}.pcap`);
    const g = generate(file, mb);
    const s = explain(file, join(dir, 'out.json'));
    const row = { mb: g.bytes / 1024 / 1024, ...g, s };
    console.log(`${row.mb.toFixed(1)} MB capture: ${g.calls} calls, ${g.messages} SIP messages, media ports per call`);
    console.log(`  siptool explain --format json: ${fmt(s.ms)} wall, ${fmt(s.cpuMs)} CPU, peak RSS ${s.peakMb.toFixed(0)} MB; ${s.messages} messages, ${s.callIds} Call-IDs, ${s.findings} findings; ${(s.cpuMs / row.mb).toFixed(0)} ms CPU per MB`);
    if (s.messages !== g.messages) console.log(`  ! siptool read ${s.messages} messages, ${g.messages} were written`);
    if (TSHARK && (mb === SIZES[0] || mb === LARGE_MB)) {
      console.log('  tshark running ...');
      const t = tshark(file, join(dir, 'tshark.txt'));
      row.t = t;
      console.log(`  tshark -Y sip -e sip.Call-ID: ${fmt(t.ms)} wall, ${fmt(t.cpuMs)} CPU, ${t.messages} messages (${t.messages === s.messages ? 'same count as siptool' : `siptool read ${s.messages}`})`);
      console.log(`  ratio tshark / siptool: wall ${(t.ms / s.ms).toFixed(1)}x, CPU ${(t.cpuMs / s.cpuMs).toFixed(1)}x`);
    }
    if (mb === LARGE_MB) {
      // the other formats on the largest capture: the same pipeline, streamed and spooled too
      row.formats = {};
      for (const format of ['stylish', 'sarif', 'github', 'junit']) {
        const f = run(process.execPath, [BIN, 'explain', '--format', format, '--fail-on', 'never', file], join(dir, `out.${format}`));
        row.formats[format] = f;
        console.log(`  siptool explain --format ${format}: ${fmt(f.ms)} wall, ${fmt(f.cpuMs)} CPU, peak RSS ${f.peakMb.toFixed(0)} MB`);
      }
    }
    rows.push(row);
    rmSync(file);
  }
  {
    // a text log of the same size as the smallest capture, without timestamps (calls are then
    // held until 20,000 messages wait): messages parsed one at a time, validated when checked
    const file = join(dir, 'log.sip');
    const calls = writeTextLog(file, SIZES[0]);
    const s = explain(file, join(dir, 'out.json'));
    console.log(`\n${SIZES[0]} MB text log (the same calls, blank-line separated, no timestamps): ${calls} calls, ${s.messages} SIP messages`);
    console.log(`  siptool explain --format json: ${fmt(s.ms)} wall, ${fmt(s.cpuMs)} CPU, peak RSS ${s.peakMb.toFixed(0)} MB (the input is read whole: ${SIZES[0]} MB of it)`);
    rmSync(file);
  }
  if (TSHARK && SHARED_MB > 0) {
    // the earlier stops' capture: every call's SDP names 203.0.113.10:40000
    const file = join(dir, `shared-${SHARED_MB}.pcap`);
    const g = generate(file, SHARED_MB, { sharedMediaPort: true });
    const s = explain(file, join(dir, 'out.json'));
    console.log(`\n${(g.bytes / 1024 / 1024).toFixed(1)} MB capture, every call on media 203.0.113.10:40000 (stops 6 to 15): ${g.calls} calls, ${g.messages} SIP messages`);
    console.log(`  siptool explain --format json: ${fmt(s.ms)} wall, ${fmt(s.cpuMs)} CPU, peak RSS ${s.peakMb.toFixed(0)} MB`);
    console.log('  tshark running ...');
    const t = tshark(file, join(dir, 'tshark.txt'));
    const same = rows.find((r) => Math.round(r.mb) === SHARED_MB && r.t);
    console.log(`  tshark -Y sip -e sip.Call-ID: ${fmt(t.ms)} wall, ${fmt(t.cpuMs)} CPU, ${t.messages} messages${same ? ` (${(t.cpuMs / same.t.cpuMs).toFixed(1)}x its CPU on the same size with media ports per call: its SDP dissector's conversation set-up)` : ''}`);
    console.log(`  ratio tshark / siptool on this capture: wall ${(t.ms / s.ms).toFixed(1)}x, CPU ${(t.cpuMs / s.cpuMs).toFixed(1)}x (not the goal's measure: no media server gives every call one port)`);
    rmSync(file);
  }
  const [small, , large] = rows;
  const sizeRatio = large.bytes / small.bytes;
  const cpuRatio = large.s.cpuMs / small.s.cpuMs;
  const wallRatio = large.s.ms / small.s.ms;
  console.log(`\ntime per MB (CPU): ${rows.map((r) => `${r.mb.toFixed(0)} MB ${(r.s.cpuMs / r.mb).toFixed(0)} ms`).join(', ')}`);
  console.log(`size ratio ${sizeRatio.toFixed(2)}: siptool CPU ratio ${cpuRatio.toFixed(2)}, wall ${wallRatio.toFixed(2)}` + (large.t && small.t ? `; tshark CPU ratio ${(large.t.cpuMs / small.t.cpuMs).toFixed(2)}, wall ${(large.t.ms / small.t.ms).toFixed(2)}` : ''));
  console.log(`peak memory from ${TIME_V ? '/usr/bin/time -v (maximum resident set size)' : 'not measured (no /usr/bin/time)'}\n`);
  const goal = (text, met) => console.log(`goal: ${text}: ${met === undefined ? 'NOT MEASURED' : met ? 'MET' : 'NOT MET'}`);
  const speed = large.t ? { wall: large.t.ms / large.s.ms, cpu: large.t.cpuMs / large.s.cpuMs } : undefined;
  goal(`siptool explain >= 50x faster than tshark at ${LARGE_MB} MB, media ports per call${speed ? ` (wall ${speed.wall.toFixed(1)}x, CPU ${speed.cpu.toFixed(1)}x)` : ''}`, speed ? speed.wall >= 50 && speed.cpu >= 50 : undefined);
  goal(`time linear in size: CPU time ratio at most 1.25x the size ratio ${sizeRatio.toFixed(2)} (measured ${cpuRatio.toFixed(2)})`, Number.isNaN(cpuRatio) ? wallRatio <= sizeRatio * 1.25 : cpuRatio <= sizeRatio * 1.25);
  const peak = Math.max(...rows.map((r) => r.s.peakMb));
  goal(`peak memory < 300 MB (measured ${peak.toFixed(0)} MB at ${rows.find((r) => r.s.peakMb === peak)?.mb.toFixed(0)} MB)`, Number.isNaN(peak) ? undefined : peak < 300);
  const formats = Object.entries(large.formats ?? {});
  const formatPeak = Math.max(...formats.map(([, f]) => f.peakMb));
  goal(`peak memory < 300 MB in every format at ${LARGE_MB} MB (${formats.map(([n, f]) => `${n} ${f.peakMb.toFixed(0)} MB`).join(', ')})`, formats.length === 0 || Number.isNaN(formatPeak) ? undefined : formatPeak < 300);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
