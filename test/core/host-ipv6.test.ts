import { isIPv6 } from '../../src/core/uri/host.js';

/** The grammar check as it was before the two-colon shortcut (the reference). */
function reference(s: string): boolean {
  if (s.length < 2 || s.length > 45) return false;
  const dbl = s.indexOf('::');
  if (dbl !== s.lastIndexOf('::')) return false;
  const v4 = (t: string): boolean => /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(t) || /^\d{1,3}(\.\d{1,3}){3}$/.test(t) && t.split('.').every((p) => Number(p) <= 255);
  const countGroups = (part: string, allowV4Tail: boolean): number => {
    if (part === '') return 0;
    const groups = part.split(':');
    let n = 0;
    for (let g = 0; g < groups.length; g++) {
      const grp = groups[g]!;
      if (allowV4Tail && g === groups.length - 1 && grp.includes('.')) {
        if (!v4(grp)) return -1;
        n += 2;
      } else {
        if (!/^[0-9A-Fa-f]{1,4}$/.test(grp)) return -1;
        n += 1;
      }
    }
    return n;
  };
  if (dbl < 0) return countGroups(s, true) === 8;
  const left = countGroups(s.slice(0, dbl), false);
  const right = countGroups(s.slice(dbl + 2), true);
  return left >= 0 && right >= 0 && left + right <= 7;
}

describe('isIPv6', () => {
  it('reads the usual forms', () => {
    for (const yes of ['::', '::1', '2001:db8::1', 'fe80::1:2', '1:2:3:4:5:6:7:8', '::ffff:192.0.2.1', '1::', '1:2:3:4:5:6:192.0.2.1']) expect([yes, isIPv6(yes)]).toEqual([yes, true]);
    for (const no of ['', ':', '1', '127.0.0.1', '127.0.0.1:5060', 'host:5060', 'a:b', '1:2:3:4:5:6:7:8:9', '1::2::3', '[::1]', '::1:5060x', 'fe80::1%eth0', ':::']) expect([no, isIPv6(no)]).toEqual([no, false]);
  });

  it('answers as the full grammar check on 20,000 random strings of address characters', () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = '0123456789abcdefABCDEF:.:::g';
    const differ: string[] = [];
    let valid = 0;
    for (let i = 0; i < 20_000; i++) {
      let s = '';
      const len = rnd(20);
      for (let k = 0; k < len; k++) s += alphabet[rnd(alphabet.length)];
      if (isIPv6(s) !== reference(s)) differ.push(s);
      if (reference(s)) valid++;
    }
    expect(differ).toEqual([]);
    expect(valid).toBeGreaterThan(50); // the samples hold addresses too
  });
});
