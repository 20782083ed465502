import { closeSync, openSync, readSync } from 'node:fs';
import { defaultRandom, type RandomSource } from '../core/ids.js';

const POOL_BYTES = 4096;

/**
 * Random bytes from the kernel's CSPRNG (/dev/urandom), read 4 KB at a time: for the Call-IDs,
 * tags, branches and cnonces of a probe this costs a tenth of a millisecond, where loading
 * node:crypto or Web Crypto costs a few (a one-shot probe is mostly start-up). Where there is
 * no /dev/urandom (Windows), core's default (Web Crypto).
 */
export function osRandom(): RandomSource {
  let pool: Buffer = Buffer.alloc(0);
  let used = 0;
  return (n) => {
    if (used + n > pool.length) {
      const fresh = readUrandom(Math.max(POOL_BYTES, n));
      if (!fresh) return defaultRandom(n);
      pool = fresh;
      used = 0;
    }
    const out = Buffer.from(pool.subarray(used, used + n));
    pool.fill(0, used, used + n); // a byte is handed out once
    used += n;
    return out;
  };
}

function readUrandom(n: number): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync('/dev/urandom', 'r');
    const buf = Buffer.alloc(n);
    let got = 0;
    for (let i = 0; got < n && i < 16; i++) got += readSync(fd, buf, got, n - got, null);
    return got === n ? buf : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
