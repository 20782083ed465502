import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeFd, openForReading, readInto, writeFrom } from '../../src/cli/raw-fs.js';

/** The file calls of a one-shot run (Node's fs binding on Node 20.20+, node:fs elsewhere) behave as node:fs's. */
describe('raw file calls', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'siptool-rawfs-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('write a range of bytes at the position and read them back in pieces', () => {
    const file = join(dir, 'f');
    const fd = openSync(file, 'w');
    const bytes = Buffer.from('0123456789abcdef');
    expect(writeFrom(fd, bytes, 2, 5)).toBe(5);
    expect(writeFrom(fd, bytes, 10, 6)).toBe(6);
    closeSync(fd);
    expect(readFileSync(file, 'latin1')).toBe('23456abcdef');
    const r = openForReading(file);
    const into = Buffer.alloc(8);
    expect(readInto(r, into, 1, 4)).toBe(4);
    expect(readInto(r, into, 5, 3)).toBe(3);
    expect(into.toString('latin1', 1)).toBe('23456ab');
    expect(readInto(r, Buffer.alloc(100), 0, 100)).toBe(4);
    expect(readInto(r, Buffer.alloc(100), 0, 100)).toBe(0);
    closeFd(r);
  });

  it('throw what node:fs throws: a missing file, a closed descriptor', () => {
    expect(() => openForReading(join(dir, 'missing'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    writeFileSync(join(dir, 'g'), 'x');
    const fd = openForReading(join(dir, 'g'));
    closeFd(fd);
    expect(() => readInto(fd, Buffer.alloc(4), 0, 4)).toThrow(expect.objectContaining({ code: 'EBADF' }));
    expect(() => writeFrom(fd, Buffer.from('x'), 0, 1)).toThrow(expect.objectContaining({ code: 'EBADF' }));
    expect(() => closeFd(fd)).toThrow(expect.objectContaining({ code: 'EBADF' }));
  });
});
