import { hasMark, isDigits, plainHostPort, schemeOf, sipUserOf, transportPrefix } from '../../src/dns/target-text.js';

/** Random strings over characters that matter to these readers (and some that do not). */
function* samples(count: number): Generator<string> {
  const alphabet = ['a', 'S', 'i', 'p', 's', 'u', 'd', 'P', 't', 'c', 'l', 'w', 'W', ':', '/', '@', ';', '?', '.', '-', '+', ',', '*', '[', ']', '0', '5', '9', ' ', '\t', '\n', '\r', '\u00a0', '\u2028', '\u3000', 'é', '_', '='];
  const words = ['udp:', 'TCP:', 'tls:', 'ws:', 'WSS:', 'sctp:', 'sip:', 'SIPS:', 'tel:', '//', '..', '127.0.0.1', ':5060', 'user@', 'host.example'];
  let seed = 11;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < count; i++) {
    let s = '';
    const parts = rnd(6);
    for (let k = 0; k < parts; k++) s += rnd(3) === 0 ? words[rnd(words.length)] : alphabet[rnd(alphabet.length)];
    yield s;
  }
}

describe('target-text readers answer as their patterns', () => {
  const inputs = [...samples(30_000), '', 'udp:127.0.0.1:5060', 'udp://x', 'udp:', 'wss:a\nb', 'sip:alice@example.com', 'sips:@x', 'sip:a;b@c', 'host:5060', 'host:', ':5060', '[::1]:5060', 'a..b', 'a.b'];

  it('hasMark', () => {
    for (const s of inputs) {
      expect([s, hasMark(s, ',;/*?-', true)]).toEqual([s, /[\s,;/*?-]|\.\./.test(s)]);
      expect([s, hasMark(s, ',/*?-', false)]).toEqual([s, /[\s,/*?-]/.test(s)]);
    }
  });

  it('schemeOf, isDigits, sipUserOf', () => {
    for (const s of inputs) {
      expect([s, schemeOf(s)]).toEqual([s, /^([a-z][a-z0-9+.-]*):/i.exec(s)?.[1]?.toLowerCase()]);
      expect([s, isDigits(s)]).toEqual([s, /^\d+$/.test(s)]);
      expect([s, sipUserOf(s)]).toEqual([s, /^sips?:([^@;?]+)@/i.exec(s)?.[1] ?? null]);
    }
  });

  it('transportPrefix, plainHostPort', () => {
    for (const s of inputs) {
      const p = /^(udp|tcp|tls|ws|wss|sctp):(?!\/\/)(.+)$/i.exec(s);
      expect([s, transportPrefix(s)]).toEqual([s, p ? { proto: p[1], rest: p[2] } : null]);
      const h = /^([^:[\]]+)(?::(\d+))?$/.exec(s);
      expect([s, plainHostPort(s)]).toEqual([s, h ? { host: h[1], port: h[2] } : null]);
    }
  });
});
