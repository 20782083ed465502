import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './helpers/fixtures.js';

/**
 * The layering of STYLE.md (b), enforced: what each folder of src/ may import, and that only
 * src/cli touches the terminal libraries and the process.
 */
const SRC = join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const all = files(SRC).map((p) => ({ path: relative(SRC, p), text: readFileSync(p, 'utf8') }));

function imports(text: string): string[] {
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
}

/** The top-level folder (or file) under src/ that an import from `path` lands in. */
function target(path: string, spec: string): string {
  if (!spec.startsWith('.')) return spec.startsWith('node:') ? spec : `npm:${spec.split('/')[0]!.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]}`;
  const resolved = relative(SRC, join(SRC, path, '..', spec));
  return resolved.split('/')[0]!.replace(/\.js$/, '');
}

/** folder → what it may import (other src folders, npm packages, node: builtins). */
const ALLOWED: Record<string, RegExp> = {
  core: /^(core|errors|node:buffer|node:crypto)$/,
  capture: /^(capture|core|errors|node:fs|node:stream|node:zlib)$/,
  format: /^(core|format|errors|explain)$/,
  cli: /.*/,
};

describe('architecture', () => {
  it('has source files to check', () => {
    expect(all.length).toBeGreaterThan(30);
  });

  it.each(Object.keys(ALLOWED))('src/%s imports only what its layer may', (folder) => {
    const bad: string[] = [];
    for (const f of all.filter((x) => x.path.startsWith(folder + '/'))) {
      for (const spec of imports(f.text)) {
        const t = target(f.path, spec);
        if (!ALLOWED[folder]!.test(t)) bad.push(`${f.path} imports ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('only src/cli uses chalk, ora, commander, process.exit or writes to the terminal', () => {
    const bad = all
      .filter((f) => !f.path.startsWith('cli/'))
      .filter((f) => /from ['"](chalk|ora|commander)['"]|process\.exit\(|process\.(stdout|stderr)\.write|console\.(log|error)/.test(f.text))
      .map((f) => f.path);
    expect(bad).toEqual([]);
  });

  it('src/index.ts (the library API) does not pull in the CLI', () => {
    const index = all.find((f) => f.path === 'index.ts')!;
    expect(imports(index.text).filter((s) => s.includes('cli'))).toEqual([]);
  });

  it('keeps files small (split above ~450 lines, STYLE.md habit 15)', () => {
    const big = all.filter((f) => f.text.split('\n').length > 450).map((f) => `${f.path}: ${f.text.split('\n').length} lines`);
    expect(big).toEqual([]);
  });
});
