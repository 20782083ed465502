import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_PROFILES, NUMBER_PROBLEMS } from '../../src/index.js';
import { ROOT } from '../helpers/fixtures.js';

/** The docs stay in step with the data (like eslint's checkRuleFiles). */
describe('number docs', () => {
  const json = readFileSync(join(ROOT, 'docs/json/number.md'), 'utf8');
  const carriers = readFileSync(join(ROOT, 'docs/carriers.md'), 'utf8');

  it.each(Object.keys(NUMBER_PROBLEMS))('docs/json/number.md documents %s', (code) => {
    expect(json).toContain(`\`${code}\``);
  });

  it.each(BUILTIN_PROFILES.map((p) => [p.id, p] as const))('docs/carriers.md has %s with its sources', (id, p) => {
    expect(carriers).toContain(`### \`${id}\``);
    for (const v of [p.format, p.domestic, p.home, p.accepts, p.inbound, p.userPhone]) if (v?.source.url) expect(carriers).toContain(v.source.url);
  });
});
