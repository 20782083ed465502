import { hideUriPasswords } from '../../src/core/syntax/chars.js';

/** The rule as the regular expression states it, without the quick test in front of it. */
function reference(s: string): string {
  return s.includes('@') ? s.replace(/\b(sips?:[^\s:@;<>"]+):[^\s@<>"]*@/gi, '$1:(hidden)@') : s;
}

describe('hideUriPasswords', () => {
  it('hides the password of sip: and sips: URIs', () => {
    expect(hideUriPasswords('INVITE sip:alice:secret@example.com SIP/2.0')).toBe('INVITE sip:alice:(hidden)@example.com SIP/2.0');
    expect(hideUriPasswords('<SIPS:bob:pw@host:5061>, <sip:carol:x@h>')).toBe('<SIPS:bob:(hidden)@host:5061>, <sip:carol:(hidden)@h>');
  });

  it('leaves text without a password as it is', () => {
    for (const s of ['INVITE sip:+14155550100@carrier.example.net SIP/2.0', 'sip:a@b:5060', 'no uri: here', 'a@b', '', 'sip:host:5060']) expect(hideUriPasswords(s)).toBe(s);
  });

  it('agrees with the regular expression alone on seeded variations', () => {
    const parts = ['sip:', 'sips:', 'SIP:', 'user', ':', 'pw', '@', 'host', ':5060', ' ', ';', '<', '>', '"', 'x'];
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 5000; i++) {
      let s = '';
      for (let k = rnd(10); k >= 0; k--) s += parts[rnd(parts.length)];
      expect([s, hideUriPasswords(s)]).toEqual([s, reference(s)]);
    }
  });
});
