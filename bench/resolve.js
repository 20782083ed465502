// RFC 3263 resolution of the full NAPTR → SRV → A/AAAA zone (full.test in
// fixtures/dns/dnsmasq/interop.json) against a local dnsmasq, started and stopped here by PID:
// siptool's resolver (each level's queries in parallel, a cache for the run) against the very
// same lookups done one after another, the way a shell script of dig calls would do them: with
// siptool's own client awaited one query at a time, and with the real `dig` when installed.
// Twice: on loopback (dnsmasq answers in a fraction of a millisecond), and through a relay that
// adds BENCH_RTT_MS (default 20 ms) of round-trip time, like a recursive resolver on the network.
// Prints medians, the median of the per-round ratios, and the dependent round trips (at most 3).
import { spawn } from 'node:child_process';
import { NetworkDnsClient, resolveSip } from '../dist/index.js';
import { startDelayRelay } from './delay-relay.js';
import { startDnsmasq, which } from './dnsmasq.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const RTT = Number(process.env.BENCH_RTT_MS ?? 20);
const TARGET = 'full.test';
const now = () => performance.now();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const asked = (r) => r.lookups.flatMap((l) => l.answers.filter((a) => !a.cached).map((a) => [a.name, a.type]));

const dnsmasq = await startDnsmasq();
if (!dnsmasq) {
  console.log('dnsmasq is not installed: resolve benchmark skipped (apt-get install dnsmasq)');
  process.exit(0);
}
const dig = which('dig');
let worstRounds = 0;

async function measure(label, server, rounds) {
  const client = () => new NetworkDnsClient({ servers: [server], timeoutMs: 2000, tries: 1 });
  const full = await resolveSip(TARGET, { dns: client() });
  const minimal = await resolveSip(TARGET, { dns: client(), probe: false });
  const qs = asked(full);
  const minQs = asked(minimal);
  const resolveOnce = async (probe) => {
    const t = now();
    const r = await resolveSip(TARGET, { dns: client(), probe });
    worstRounds = Math.max(worstRounds, r.stats.roundTrips);
    return now() - t;
  };
  const oneByOne = async (list) => {
    const c = client();
    const t = now();
    for (const [name, type] of list) await c.query(name, type);
    return now() - t;
  };
  // one dig process per query, each waited for (asynchronously: the relay runs in this process)
  const digOnce = (name, type) => new Promise((res) => spawn(dig, ['+short', '+tries=1', '+time=2', '-p', String(server.port), `@${server.address}`, name, type], { stdio: 'ignore' }).on('close', res));
  const digScript = async (list) => {
    const t = now();
    for (const [name, type] of list) await digOnce(name, type);
    return now() - t;
  };
  for (let i = 0; i < 2; i++) await resolveOnce(true);
  const s = { full: [], seq: [], dig: [], min: [], minSeq: [] };
  for (let i = 0; i < rounds; i++) {
    s.full.push(await resolveOnce(true));
    s.seq.push(await oneByOne(qs));
    if (dig) s.dig.push(await digScript(qs));
    s.min.push(await resolveOnce(false));
    s.minSeq.push(await oneByOne(minQs));
  }
  const ratio = (a, b) => `${median(a.map((x, i) => x / b[i])).toFixed(1)}x the time`;
  const row = (what, xs, note) => console.log(`  ${what.padEnd(52)} ${median(xs).toFixed(1).padStart(8)} ms   ${note}`);
  console.log(`\n${label}`);
  row(`siptool resolve: ${qs.length} queries, parallel by level`, s.full, `${full.stats.roundTrips} dependent round trips`);
  row(`the same ${qs.length} queries one after another (siptool client)`, s.seq, ratio(s.seq, s.full));
  if (dig) row(`the same ${qs.length} queries as a script of dig calls`, s.dig, ratio(s.dig, s.full));
  row(`RFC 3263 path only: ${minQs.length} queries, parallel by level`, s.min, `${minimal.stats.roundTrips} dependent round trips`);
  row(`the same ${minQs.length} queries one after another`, s.minSeq, ratio(s.minSeq, s.min));
}

try {
  console.log(`zone ${TARGET}: NAPTR → SRV → A/AAAA on dnsmasq (pid ${dnsmasq.pid}), ${ROUNDS} interleaved rounds; dig: ${dig ?? 'not installed'}; node ${process.version}`);
  await measure(`loopback (dnsmasq at ${dnsmasq.server.address}:${dnsmasq.server.port})`, dnsmasq.server, ROUNDS);
  if (RTT > 0) {
    const relay = await startDelayRelay(dnsmasq.server, RTT);
    try {
      await measure(`through a relay adding ${RTT} ms round-trip time (BENCH_RTT_MS)`, relay.server, Math.max(5, Math.round(ROUNDS / 2)));
    } finally {
      await relay.stop();
    }
  }
  const ok = worstRounds <= 3;
  console.log(`\ngoal: at most 3 dependent round trips for NAPTR → SRV → A/AAAA: ${ok ? 'MET' : 'NOT MET'} (worst seen: ${worstRounds})`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await dnsmasq.stop();
}
