import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FINDING_CODES } from '../../src/dns/findings.js';
import { ROOT } from '../helpers/fixtures.js';

describe('docs/resolve.md', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'resolve.md'), 'utf8');

  it.each(Object.entries(FINDING_CODES))('documents %s with its severity and reference', (code, info) => {
    const row = doc.split('\n').find((l) => l.startsWith(`| \`${code}\` |`));
    expect(row).toBeDefined();
    expect(row).toContain(`| ${info.severity} |`);
    expect(row).toContain(info.ref.replace(/\|/g, '\\|'));
  });

  it.each(['DNS_ERR_BAD_TARGET', 'DNS_ERR_BAD_SERVER', 'DNS_ERR_NO_SERVERS', 'DNS_ERR_BAD_OPTION'])('documents the error %s', (code) => {
    expect(doc).toContain(`| \`${code}\` |`);
  });

  it('docs/json/resolve.md names the schema the command prints', () => {
    expect(readFileSync(join(ROOT, 'docs', 'json', 'resolve.md'), 'utf8')).toContain('siptool.resolve/1');
  });
});
