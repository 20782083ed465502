import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../src/index.js';
import { FIXTURES, ROOT } from '../helpers/fixtures.js';

/** eslint's checkRuleFiles: every rule has its doc page, its test file and its fixtures. */
describe('rule catalogue', () => {
  const rules = [...RULES.values()];

  it('is sorted by id, ids are kebab-case and unique', () => {
    const ids = rules.map((r) => r.meta.id);
    expect(ids).toEqual([...ids].sort());
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe.each(rules.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
    it('lives in src/explain/rules/<id>.ts', () => {
      expect(existsSync(join(ROOT, 'src', 'explain', 'rules', `${id}.ts`))).toBe(true);
    });
    it('has docs/rules/<id>.md naming its reference and fix', () => {
      const p = join(ROOT, 'docs', 'rules', `${id}.md`);
      expect(existsSync(p)).toBe(true);
      const doc = readFileSync(p, 'utf8');
      expect(doc).toMatch(new RegExp(`^# ${id}\\b`, 'm'));
      expect(doc).toContain(rule.meta.ref.split(';')[0]!.trim());
      expect(doc).toMatch(/## How to fix/);
    });
    it('has test/explain/rules/<id>.test.ts using the RuleTester', () => {
      const p = join(ROOT, 'test', 'explain', 'rules', `${id}.test.ts`);
      expect(existsSync(p)).toBe(true);
      expect(readFileSync(p, 'utf8')).toContain('testRule(');
    });
    it('has fixtures/explain/<id>/ with valid-* and invalid-* files used by its test', () => {
      const dir = join(FIXTURES, 'explain', id);
      const files = existsSync(dir) ? readdirSync(dir) : [];
      expect(files.some((f) => f.startsWith('valid-'))).toBe(true);
      expect(files.some((f) => f.startsWith('invalid-'))).toBe(true);
      const test = readFileSync(join(ROOT, 'test', 'explain', 'rules', `${id}.test.ts`), 'utf8');
      for (const f of files) expect(test).toContain(`${id}/${f}`);
    });
    it('has complete metadata', () => {
      const m = rule.meta;
      for (const k of ['description', 'ref', 'fix'] as const) expect(m[k].length).toBeGreaterThan(10);
      expect(Object.keys(m.messages).length).toBeGreaterThan(0);
    });
  });
});
