import { readFile, stat } from 'node:fs/promises';
import { InputError, UsageError } from './cli-errors.js';

export interface Input {
  /** The path as given, or "<stdin>". */
  name: string;
  data: Buffer;
}

/**
 * Reads a file, or stdin for "-", refusing anything over `maxBytes` so memory stays bounded.
 * Errors are one clear line naming the file (InputError, exit 2).
 */
export async function readInput(path: string, maxBytes: number): Promise<Input> {
  if (path === '-') return { name: '<stdin>', data: await readStdin(maxBytes) };
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new InputError(`cannot read "${path}": it is a directory`, 'SIPTOOL_ERR_INPUT_IS_DIRECTORY');
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw fsError(path, e);
  }
  if (size > maxBytes) throw new InputError(`cannot read "${path}": it is ${size} bytes, over the limit of ${maxBytes}`, 'SIPTOOL_ERR_INPUT_TOO_LARGE');
  try {
    return { name: path, data: await readFile(path) };
  } catch (e) {
    throw fsError(path, e);
  }
}

function fsError(path: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : ((e as Error).message ?? String(e));
  return new InputError(`cannot read "${path}": ${why}`, code === 'ENOENT' ? 'SIPTOOL_ERR_INPUT_NOT_FOUND' : code === 'EISDIR' ? 'SIPTOOL_ERR_INPUT_IS_DIRECTORY' : 'SIPTOOL_ERR_INPUT', { cause: e });
}

async function readStdin(maxBytes: number): Promise<Buffer> {
  if (process.stdin.isTTY) throw new UsageError('no input: name a file, or pipe a message into stdin', 'SIPTOOL_ERR_STDIN_TTY');
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    total += b.length;
    if (total > maxBytes) throw new InputError(`cannot read <stdin>: more than ${maxBytes} bytes`, 'SIPTOOL_ERR_INPUT_TOO_LARGE');
    chunks.push(b);
  }
  return Buffer.concat(chunks, total);
}
