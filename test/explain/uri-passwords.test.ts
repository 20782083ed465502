import { hideUriPasswords } from '../../src/core/syntax/chars.js';
import { mayHoldUriPassword, withoutUriPasswords } from '../../src/explain/util/uri-passwords.js';

// the expression of core/syntax/chars.ts, to tell where it matches
const URI_PASSWORD = /\b(sips?:[^\s:@;<>"]+):[^\s@<>"]*@/i;

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PARTS = ['sip', 'SIP', 'sips', 'SiPs', 'x', ':', ':', '@', '@', ';', ' ', '\t', '\x01', '\u00a0', '\u2003', '\ufeff', '<', '>', '"', 'alice', 'secret', '5060', 'host.example', '+1415', 'ſip', 'sıp', '/', '=', '\u017f'];

describe('withoutUriPasswords', () => {
  it('says "maybe" wherever the expression matches, and gives what hideUriPasswords gives (20,000 seeded strings)', () => {
    const rnd = random(11);
    let matches = 0;
    for (let n = 0; n < 20000; n++) {
      // mostly URI-shaped: scheme, user, colon, password, @, with any part around and inside
      const some = (max: number): string => {
        let out = '';
        for (let k = Math.floor(rnd() * (max + 1)); k > 0; k--) out += PARTS[Math.floor(rnd() * PARTS.length)]!;
        return out;
      };
      const pick = (xs: string[]): string => xs[Math.floor(rnd() * xs.length)]!;
      const s = some(3) + pick(['sip', 'SIPS', 'sips', 'Sip', '\u017fip', 'si', 'xsip', '']) + pick([':', ':', '']) + some(2) + pick([':', '']) + some(2) + pick(['@', '@', '']) + some(3);
      if (URI_PASSWORD.test(s)) {
        matches++;
        expect({ s, maybe: mayHoldUriPassword(s) }).toEqual({ s, maybe: true });
      }
      expect(withoutUriPasswords(s)).toBe(hideUriPasswords(s));
    }
    expect(matches).toBeGreaterThan(300);
  });

  it('hides a password and skips the expression for URIs without one', () => {
    expect(withoutUriPasswords('To sip:alice:secret@host.example;transport=tcp')).toBe('To sip:alice:(hidden)@host.example;transport=tcp');
    expect(withoutUriPasswords('SIPS:bob:pw@h')).toBe('SIPS:bob:(hidden)@h');
    expect(mayHoldUriPassword('ACK is sent to sip:+14155550100@carrier.example.net, but the Contact is sip:+14155550100@198.51.100.1:5060 (in the 200 of message 4)')).toBe(false);
    expect(mayHoldUriPassword('INVITE sip:bob@host.example:5060 SIP/2.0')).toBe(false);
  });
});
