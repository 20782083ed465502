import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isTransportError, SiptoolError, TRANSPORT_ERROR_CODES, TransportError } from '../../src/index.js';
import { ROOT } from '../helpers/fixtures.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));
}

describe('TransportError', () => {
  it('is a SiptoolError with a code and details', () => {
    const e = new TransportError('TRANSPORT_ERR_TIMEOUT', 'x', { details: { timer: 'F' } });
    expect(e).toBeInstanceOf(SiptoolError);
    expect(e).toMatchObject({ name: 'TransportError', code: 'TRANSPORT_ERR_TIMEOUT', details: { timer: 'F' } });
    expect(isTransportError(e, 'TRANSPORT_ERR_TIMEOUT')).toBe(true);
    expect(isTransportError(e, 'TRANSPORT_ERR_CLOSED')).toBe(false);
  });

  it('every code used in src/ is declared, and every declared code is documented', () => {
    const used = new Set<string>();
    for (const f of files(join(ROOT, 'src'))) for (const m of readFileSync(f, 'utf8').matchAll(/TRANSPORT_ERR_[A-Z_]+/g)) used.add(m[0]);
    const declared = Object.keys(TRANSPORT_ERROR_CODES);
    expect([...used].filter((c) => !declared.includes(c))).toEqual([]);
    const docs = readFileSync(join(ROOT, 'docs', 'transport.md'), 'utf8') + readFileSync(join(ROOT, 'docs', 'errors.md'), 'utf8');
    expect(declared.filter((c) => !docs.includes(`\`${c}\``))).toEqual([]);
  });
});
