// Runs a script as `node script args...` would, and writes the CPU time the process used
// (user + system, microseconds) to file descriptor 3 when it exits. The benches compare CPU
// time besides wall time: on a shared machine other processes stretch wall time, not CPU time.
import { writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], resolve(script), ...args];
process.on('exit', () => {
  const u = process.cpuUsage();
  try {
    writeSync(3, String(u.user + u.system));
  } catch {
    // no fd 3: run by hand
  }
});
if (script !== '-') await import(pathToFileURL(resolve(script)).href);
