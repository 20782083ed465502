import { defaultRandom, type RandomSource } from '../core/ids.js';
import { closeFd, openForReading, readInto } from './raw-fs.js';

const POOL_BYTES = 4096;

/**
 * Random bytes from the kernel's CSPRNG (/dev/urandom), read 4 KB at a time: for the Call-IDs,
 * tags, branches and cnonces of a probe this costs a tenth of a millisecond, where loading
 * node:crypto or Web Crypto costs a few (a one-shot probe is mostly start-up). Where there is
 * no /dev/urandom (Windows), core's default (Web Crypto).
 */
export function osRandom(): RandomSource {
  let pool: Buffer | undefined;
  let used = 0;
  return (n) => {
    if (pool === undefined || used + n > pool.length) {
      const fresh = readUrandom(Math.max(POOL_BYTES, n));
      if (!fresh) return defaultRandom(n);
      pool = fresh;
      used = 0;
    }
    // copied out and zeroed byte by byte (a byte is handed out once): a few bytes at a time, and
    // Buffer.from/fill would each be functions of Node's to compile at their first use
    const out = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) {
      out[i] = pool[used + i]!;
      pool[used + i] = 0;
    }
    used += n;
    return out;
  };
}

function readUrandom(n: number): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openForReading('/dev/urandom');
    const buf = Buffer.allocUnsafe(n); // filled by the reads below, or not returned
    let got = 0;
    for (let i = 0; got < n && i < 16; i++) got += readInto(fd, buf, got, n - got);
    return got === n ? buf : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeFd(fd);
  }
}
