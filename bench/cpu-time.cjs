// Preloaded with `node -r bench/cpu-time.cjs script args...`: writes the CPU time the process
// used (user + system, microseconds) to file descriptor 3 when it exits. A preload rather than a
// wrapper script: the script then starts exactly as `node script` would; a wrapper that
// import()s it puts a CommonJS script such as bin/siptool.cjs through the ES module loader
// and its CommonJS lexer, which costs that run several ms more than it costs `node -e 0`.
'use strict';
const { writeSync } = require('node:fs');

process.on('exit', () => {
  const u = process.cpuUsage();
  try {
    writeSync(3, String(u.user + u.system));
  } catch {
    // no fd 3: run by hand
  }
});
