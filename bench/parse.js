// Parse throughput of siptool against the npm parsers `sip` and `drachtio-sip`,
// measured in the same process, interleaved round by round, on the same corpus, each parser
// producing the same facts. Prints messages/s, MB/s and the ratio to the fastest other parser.
import { loadCorpus } from './corpus.js';
import { PARSERS } from './parsers.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const MIN_MS = Number(process.env.BENCH_MS ?? 250);
const WARM_MS = 60;

function checkFacts(corpus) {
  const kept = [];
  for (const msg of corpus) {
    const results = PARSERS.map((p) => {
      try {
        return JSON.stringify(p.facts(msg.bytes));
      } catch (e) {
        return `throws: ${e.message}`;
      }
    });
    if (results.every((r) => r === results[0])) kept.push(msg);
    else {
      console.log(`  ! facts differ on a message of ${msg.file}; left out of the corpus for every parser:`);
      PARSERS.forEach((p, i) => console.log(`      ${p.name.padEnd(20)} ${results[i]}`));
    }
  }
  return kept;
}

/** Runs the whole corpus repeatedly for at least MIN_MS (after a short re-warm); returns messages per second. */
function measure(parser, corpus) {
  run(parser, corpus, WARM_MS); // re-warm this parser's code right before its timed window
  return run(parser, corpus, MIN_MS);
}

function run(parser, corpus, ms) {
  let sink = 0;
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  const budget = BigInt(ms) * 1_000_000n;
  while (elapsed < budget) {
    for (let i = 0; i < corpus.length; i++) sink += parser.facts(corpus[i].bytes).start === 0 ? 1 : 0;
    n += corpus.length;
    elapsed = process.hrtime.bigint() - start;
  }
  if (sink < 0) console.log(sink);
  return (n * 1e9) / Number(elapsed);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const corpus = checkFacts(loadCorpus());
const bytes = corpus.reduce((n, m) => n + m.bytes.length, 0);
console.log(`corpus: ${corpus.length} messages, ${bytes} bytes (avg ${Math.round(bytes / corpus.length)} B); ${ROUNDS} interleaved rounds of >= ${MIN_MS} ms per parser`);
console.log(`node ${process.version}, ${process.arch}\n`);

for (const p of PARSERS) run(p, corpus, 300); // warm up every parser
const samples = new Map(PARSERS.map((p) => [p.name, []]));
for (let r = 0; r < ROUNDS; r++) {
  const order = PARSERS.map((_, i) => PARSERS[(i + r) % PARSERS.length]);
  for (const p of order) samples.get(p.name).push(measure(p, corpus));
}

// The machine's speed drifts (shared hosts): compare within each round, then take the median.
const rate = new Map(PARSERS.map((p) => [p.name, median(samples.get(p.name))]));
const others = PARSERS.filter((p) => !p.name.startsWith('siptool'));
const fastest = others.reduce((a, b) => (rate.get(a.name) >= rate.get(b.name) ? a : b));
const ratioTo = (name) => median(samples.get(name).map((x, r) => x / samples.get(fastest.name)[r]));
const avgSize = bytes / corpus.length;
console.log(`${'parser'.padEnd(20)} ${'version'.padEnd(10)} ${'msgs/s'.padStart(10)} ${'MB/s'.padStart(7)} ${('vs ' + fastest.name).padStart(8)}`);
for (const p of PARSERS) {
  const r = rate.get(p.name);
  console.log(`${p.name.padEnd(20)} ${p.version.padEnd(10)} ${Math.round(r).toString().padStart(10)} ${((r * avgSize) / 1e6).toFixed(1).padStart(7)} ${(ratioTo(p.name).toFixed(2) + 'x').padStart(8)}   ${p.note}`);
}
const ratio = ratioTo('siptool');
const spread = samples.get('siptool').map((x, r) => x / samples.get(fastest.name)[r]).sort((a, b) => a - b);
console.log(`\nper-round ratio siptool / ${fastest.name}: median ${ratio.toFixed(2)}x (range ${spread[0].toFixed(2)}x to ${spread[spread.length - 1].toFixed(2)}x over ${ROUNDS} rounds)`);
console.log(`goal: siptool >= 3x the fastest other parser (${fastest.name}): ${ratio >= 3 ? 'MET' : 'NOT MET'}`);
