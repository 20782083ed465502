import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { nodeBinding } from '../net/node-binding.js';

/**
 * The few synchronous file calls of a one-shot run (the probe's random bytes from /dev/urandom,
 * standard output and error), made on Node 20.20's fs binding the way fs.openSync, readSync and
 * writeSync make them, else through node:fs. The public functions validate their arguments in a
 * dozen small functions that V8 compiles at their first use (~1M instructions of a one-shot probe;
 * docs/startup.md). Only on Node 20.20 and later 20.x (whose binding signatures these are: a wrong
 * argument count aborts the process rather than throwing) and where net/node-binding.ts allows
 * process.binding; SIPTOOL_PLAIN_LOAD=1 asks for node:fs (bin/siptool.cjs reads the bundles the
 * same way under the same conditions).
 */
interface FsBinding {
  open(path: string, flags: number, mode: number): number;
  close(fd: number): void;
  read(fd: number, into: Uint8Array, offset: number, length: number, position: number): number;
  writeBuffer(fd: number, bytes: Uint8Array, offset: number, length: number, position: null, req: undefined, ctx: { errno?: number }): number;
}

let fsBinding: FsBinding | null | undefined;

function rawFs(): FsBinding | undefined {
  if (fsBinding === undefined) {
    const v = process.version;
    const known = v.startsWith('v20.2') && v[5] !== '.' && !process.env.SIPTOOL_PLAIN_LOAD;
    const b = known ? nodeBinding<Partial<FsBinding>>('fs') : undefined;
    fsBinding = b && typeof b.open === 'function' && typeof b.read === 'function' && typeof b.close === 'function' && typeof b.writeBuffer === 'function' ? (b as FsBinding) : null;
  }
  return fsBinding ?? undefined;
}

/** Opens a file for reading (throws as fs.openSync does). */
export function openForReading(path: string): number {
  const raw = rawFs();
  return raw ? raw.open(path, 0 /* O_RDONLY */, 0o666) : openSync(path, 'r');
}

/** Reads up to `length` bytes at the file's position into `into` at `offset`; 0 at the end. */
export function readInto(fd: number, into: Uint8Array, offset: number, length: number): number {
  const raw = rawFs();
  return raw ? raw.read(fd, into, offset, length, -1) : readSync(fd, into, offset, length, null);
}

/** Closes a descriptor. */
export function closeFd(fd: number): void {
  const raw = rawFs();
  if (raw) raw.close(fd);
  else closeSync(fd);
}

/**
 * Writes bytes offset..offset+length of `bytes` at the descriptor's position and returns how many
 * were written, as fs.writeSync does; a failed raw write is made again through fs.writeSync (it
 * wrote nothing), which throws the error Node builds for it (EAGAIN, EPIPE...).
 */
export function writeFrom(fd: number, bytes: Uint8Array, offset: number, length: number): number {
  const raw = rawFs();
  if (raw) {
    const ctx: { errno?: number } = {};
    const n = raw.writeBuffer(fd, bytes, offset, length, null, undefined, ctx);
    if (ctx.errno === undefined) return n;
  }
  return writeSync(fd, bytes, offset, length);
}
