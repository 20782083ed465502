import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextSpool } from '../../src/cli/text-spool.js';

describe('TextSpool', () => {
  it('reads back any range of what was written, across its 256 KiB blocks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'siptool-spool-test-'));
    const spool = new TextSpool(join(dir, 'x'));
    try {
      let expected = '';
      for (let i = 0; i < 40_000; i++) {
        const piece = `line ${i} é\n`; // multi-byte too: sizes count bytes
        expected += piece;
        if (i % 2 === 0) spool.write(piece);
        else {
          const b = Buffer.from(`!!${piece}!!`);
          spool.write(b, 2, b.length - 2);
        }
      }
      const bytes = Buffer.from(expected);
      expect(spool.size).toBe(bytes.length);
      // a block is read into again for the next one: copy each as it comes
      const read = (from?: number, to?: number): string => {
        const parts: Buffer[] = [];
        for (const b of spool.read(from, to)) parts.push(Buffer.from(b));
        return Buffer.concat(parts).toString('latin1');
      };
      expect(read() === bytes.toString('latin1')).toBe(true);
      for (const [from, to] of [
        [0, 10],
        [262_140, 262_150],
        [100_000, 600_000],
        [bytes.length - 5, bytes.length],
        [7, 7],
      ] as const) {
        expect(read(from, to) === bytes.subarray(from, to).toString('latin1')).toBe(true);
      }
    } finally {
      spool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
