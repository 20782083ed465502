import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './cli-errors.js';

const MAX_FILES = 10000;

function toRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Expands glob patterns that the shell did not expand (quoted, or on Windows): `*`, `?` and
 * `**` for any depth, e.g. "captures/**\/*.pcap". Other arguments are kept as given. Matches
 * are sorted; a pattern that matches nothing is a usage error naming it.
 */
export function expandInputs(args: string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (arg === '-' || !/[*?]/.test(arg)) {
      out.push(arg);
      continue;
    }
    const parts = arg.split('/');
    let bases = [parts[0] === '' ? '/' : '.'];
    const prefix = parts[0] === '' ? '/' : '';
    const segs = parts[0] === '' ? parts.slice(1) : parts;
    for (let k = 0; k < segs.length; k++) {
      const seg = segs[k]!;
      const last = k === segs.length - 1;
      const next: string[] = [];
      for (const base of bases) {
        if (seg === '**') {
          // zero or more directories
          const stack = [base];
          while (stack.length > 0 && next.length < MAX_FILES) {
            const d = stack.pop()!;
            next.push(d);
            for (const e of safeList(d)) if (isDir(join(d, e)) && !e.startsWith('.')) stack.push(join(d, e));
          }
        } else if (!/[*?]/.test(seg)) {
          const p = join(base, seg);
          if (last ? exists(p) : isDir(p)) next.push(p);
        } else {
          const re = toRegExp(seg);
          for (const e of safeList(base)) {
            const p = join(base, e);
            if (re.test(e) && (last ? !isDir(p) : isDir(p))) next.push(p);
          }
        }
        if (next.length > MAX_FILES) throw new UsageError(`"${arg}" matches more than ${MAX_FILES} files`);
      }
      bases = next;
    }
    const files = bases.filter((p) => !isDir(p)).map((p) => (prefix && !p.startsWith('/') ? '/' + p : p)).sort();
    if (files.length === 0) throw new UsageError(`no file matches "${arg}"`, 'SIPTOOL_ERR_INPUT_NOT_FOUND');
    out.push(...files);
  }
  return out;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}
