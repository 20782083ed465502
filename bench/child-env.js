// The environment of the processes whose start-up the benchmarks time (bench/number.js,
// bench/probe.js). NODE_EXTRA_CA_CERTS makes every node process read and parse those
// certificates when it starts (tens of ms on the development machine, where it is set): that
// would stretch `node -e 0` and flatter every start-up ratio. The processes run without it, as on
// a machine that does not set it; BENCH_KEEP_ENV=1 keeps it.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const childEnv = { ...process.env };
export const droppedCaCerts = !process.env.BENCH_KEEP_ENV && childEnv.NODE_EXTRA_CA_CERTS !== undefined;
if (droppedCaCerts) delete childEnv.NODE_EXTRA_CA_CERTS;

export const droppedCaCertsNote = '  (NODE_EXTRA_CA_CERTS is set here; these runs are without it, as on a machine that does not set it: BENCH_KEEP_ENV=1 keeps it)';

/** Node arguments that preload bench/cpu-time.cjs: the child writes its CPU time (us) to fd 3 at exit. */
export const cpuTimeArgs = ['-r', join(dirname(fileURLToPath(import.meta.url)), 'cpu-time.cjs')];
