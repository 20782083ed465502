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
  explain: /^(capture|core|explain|errors|number|npm:ipaddr\.js)$/,
  number: /^(core|number|errors|npm:libphonenumber-js|node:(fs|module|path))$/,
  // the resolver: the only importer of dns-packet; sockets, timers and resolv.conf, nothing above
  dns: /^(core|dns|errors|net|npm:dns-packet|node:dgram|node:net|node:dns\/promises|node:fs|node:timers|node:crypto|node:os|node:buffer)$/,
  // node:crypto: the hashes of the HTML report's inline style and script for its CSP; node:zlib: its compressed call data
  format: /^(core|format|errors|explain|number|dns|probe|node:crypto|node:zlib)$/,
  capture: /^(capture|core|errors|node:fs|node:stream|node:zlib)$/,
  // transport: sockets (dgram/net/tls), ws for RFC 7118, fs only for --ca/--cert/--key files and the keylog sink
  transport: /^(core|transport|errors|net|node:(dgram|net|tls|fs)|npm:ws)$/,
  // net: below the resolver and the transports, the UDP binding they share (nothing above)
  net: /^(net|node:dgram|node:util)$/,
  // probe: the use-case logic on top of transport and the resolver; crypto for digest hashes
  probe: /^(capture|core|dns|explain|number|transport|probe|errors|node:crypto)$/,
  // server: listeners, server transactions and the UAS of `siptool listen`, on top of transport
  server: /^(core|transport|server|errors|node:(dgram|net|tls))$/,
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

  it('only src/number imports libphonenumber-js (STYLE.md habit 13)', () => {
    const users = all.filter((f) => imports(f.text).some((s) => s.startsWith('libphonenumber-js'))).map((f) => f.path.split('/')[0]);
    expect([...new Set(users)]).toEqual(['number']);
  });

  it('src/number reads files only to load libphonenumber-js (in lib.ts)', () => {
    const bad = all.filter((f) => f.path.startsWith('number/') && f.path !== 'number/lib.ts' && imports(f.text).some((s) => s.startsWith('node:')));
    expect(bad.map((f) => f.path)).toEqual([]);
  });

  it('only src/dns imports dns-packet', () => {
    const bad = all.filter((f) => !f.path.startsWith('dns/') && imports(f.text).some((s) => s === 'dns-packet' || s.startsWith('dns-packet/'))).map((f) => f.path);
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
