import { randomBytes } from 'node:crypto';
import { link, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from './cli-errors.js';

/**
 * Writes a file the user named, atomically: the content goes to a temporary file beside it,
 * which then takes the name in one step, so a reader never sees half a report. Without `force`
 * an existing file is never replaced (the temporary file is hard-linked to the name, which fails
 * if the name exists; where hard links are not supported, the name is checked first).
 */
export async function writeOutputFile(path: string, data: string | Buffer, opts: { force?: boolean } = {}): Promise<void> {
  if (!opts.force && (await exists(path))) throw exists_(path);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data, { flag: 'wx', mode: 0o644 });
  } catch (e) {
    throw writeError(path, e);
  }
  try {
    if (opts.force) {
      await rename(tmp, path);
      return;
    }
    try {
      await link(tmp, path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw exists_(path);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw e;
      if (await exists(path)) throw exists_(path);
      await rename(tmp, path);
      return;
    }
    await unlink(tmp);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e instanceof InputError ? e : writeError(path, e);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function exists_(path: string): InputError {
  return new InputError(`"${path}" already exists; not overwriting it (add --force to replace it)`, 'SIPTOOL_ERR_OUTPUT_EXISTS');
}

function writeError(path: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : ((e as Error).message ?? String(e));
  return new InputError(`cannot write "${path}": ${why}`, 'SIPTOOL_ERR_OUTPUT_WRITE', { cause: e });
}
