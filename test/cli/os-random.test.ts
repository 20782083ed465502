import { osRandom } from '../../src/cli/os-random.js';
import { defaultRandom, newBranch, newCallId, newTag } from '../../src/core/ids.js';

describe('random bytes for probes', () => {
  it('osRandom gives the bytes asked for, across pool refills, never the same run twice', () => {
    const random = osRandom();
    const seen = new Set<string>();
    for (const n of [1, 12, 16, 24, 4096, 5000, 10, 3000, 2000]) {
      const b = random(n);
      expect(b.length).toBe(n);
      if (n >= 12) {
        const hex = b.toString('hex');
        expect(seen.has(hex)).toBe(false);
        seen.add(hex);
        expect(new Set(b).size).toBeGreaterThan(Math.min(n, 256) / 4); // not a constant fill
      }
    }
  });

  it('feeds the id generators like the default source does', () => {
    const random = osRandom();
    expect(newBranch(random)).toMatch(/^z9hG4bK[a-z0-9]{16}$/);
    expect(newTag(random)).toMatch(/^[a-z0-9]{10}$/);
    expect(newCallId(random, 'host.invalid')).toMatch(/^[a-z0-9]{24}@host\.invalid$/);
    expect(newCallId(random)).not.toBe(newCallId(random));
  });

  it('the default source (Web Crypto) gives fresh bytes too', () => {
    const a = defaultRandom(32);
    const b = defaultRandom(32);
    expect(a.length).toBe(32);
    expect(a.equals(b)).toBe(false);
  });
});
