import { fstatSync, statSync } from 'node:fs';
import { nodeBinding } from '../net/node-binding.js';
import { writeFrom } from './raw-fs.js';

/**
 * Standard output and error, written with fs.writeSync on file descriptors 1 and 2 instead of
 * process.stdout/process.stderr. Node builds those stream objects on first use, and for a pipe
 * that means a net.Socket and the stream machinery: about 4 ms, a tenth of what siptool adds to
 * a bare `node` for a one-number run or a one-shot probe (docs/startup.md). On Linux
 * process.stdout writes synchronously to files, pipes and terminals too, so the order of output
 * is the same, and code that still uses process.stdout (ora, prompts) mixes safely with this.
 *
 * A closed reader (`siptool explain big.pcap | head`) ends the process quietly with the exit code
 * it had, as before; a non-blocking descriptor that is full (a terminal shared with a spinner)
 * is waited on.
 */
export interface StdWriter {
  /** Writes all of the text before returning; always true (nothing to drain). */
  write(text: string | Uint8Array): boolean;
  /** True when the descriptor is a terminal. */
  readonly isTTY: boolean;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

function writeAll(fd: number, data: string | Uint8Array): void {
  // (UTF-8 is Buffer.from's default; naming it costs a lookup function compiled at first use)
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeFrom(fd, bytes, offset, bytes.length - offset);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 2); // the reader is slow: wait for room, like a blocking write
        continue;
      }
      if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    }
  }
}

/**
 * Whether fd is a terminal: what tty.isatty answers, asked of Node's tty_wrap binding
 * (net/node-binding.ts): node:tty would load node:net, and fstat builds a Stats object whose
 * functions V8 compiles at their first use (~0.4 ms of a one-shot run). Where the binding cannot
 * be used: a terminal is a character device; so is /dev/null (output thrown away, often by
 * scripts and benchmarks), told apart by its device number; anything else asks tty.isatty,
 * through process.getBuiltinModule (Node 20.16+), not node:module's createRequire (~0.7 ms to
 * load); without it, a character device is taken for a terminal.
 */
function isTerminal(fd: number): boolean {
  const isTTY = nodeBinding<{ isTTY?: (fd: number) => boolean }>('tty_wrap')?.isTTY;
  if (typeof isTTY === 'function') {
    try {
      return isTTY(fd) === true;
    } catch {
      // not the function expected: as below
    }
  }
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice()) return false;
    if (st.rdev === statSync('/dev/null').rdev) return false;
  } catch {
    return false;
  }
  const tty = (process as { getBuiltinModule?: (id: 'node:tty') => typeof import('node:tty') }).getBuiltinModule?.('node:tty');
  return tty ? tty.isatty(fd) : true;
}

function writer(fd: number): StdWriter {
  let tty: boolean | undefined;
  return {
    write(text) {
      writeAll(fd, text);
      return true;
    },
    get isTTY() {
      tty ??= isTerminal(fd);
      return tty;
    },
  };
}

export const stdout: StdWriter = writer(1);
export const stderr: StdWriter = writer(2);
