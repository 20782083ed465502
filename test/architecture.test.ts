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
  format: /^(core|format|errors|explain)$/,
  explain: /^(core|explain|errors|number|npm:ipaddr\.js)$/,
  // transport: sockets (dgram/net/tls), ws for RFC 7118, fs only for --ca/--cert/--key files and the keylog sink
  transport: /^(core|transport|errors|node:(dgram|net|tls|fs)|npm:ws)$/,
  // probe: the use-case logic on top of transport (and dns once it lands); crypto for digest hashes
  probe: /^(core|dns|transport|probe|errors|node:crypto)$/,
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
