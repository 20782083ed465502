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

  /** The inputs on which `reader` and `pattern` disagree (compared as JSON). */
  const disagreements = (reader: (s: string) => unknown, pattern: (s: string) => unknown): string[] => inputs.filter((s) => JSON.stringify(reader(s)) !== JSON.stringify(pattern(s)));

  it('hasMark', () => {
    expect(disagreements((s) => hasMark(s, ',;/*?-', true), (s) => /[\s,;/*?-]|\.\./.test(s))).toEqual([]);
    expect(disagreements((s) => hasMark(s, ',/*?-', false), (s) => /[\s,/*?-]/.test(s))).toEqual([]);
  });

  it('schemeOf, isDigits, sipUserOf', () => {
    expect(disagreements(schemeOf, (s) => /^([a-z][a-z0-9+.-]*):/i.exec(s)?.[1]?.toLowerCase())).toEqual([]);
    expect(disagreements(isDigits, (s) => /^\d+$/.test(s))).toEqual([]);
    expect(disagreements(sipUserOf, (s) => /^sips?:([^@;?]+)@/i.exec(s)?.[1] ?? null)).toEqual([]);
  });

  it('transportPrefix, plainHostPort', () => {
    expect(disagreements(transportPrefix, (s) => {
      const p = /^(udp|tcp|tls|ws|wss|sctp):(?!\/\/)(.+)$/i.exec(s);
      return p ? { proto: p[1], rest: p[2] } : null;
    })).toEqual([]);
    expect(disagreements(plainHostPort, (s) => {
      const h = /^([^:[\]]+)(?::(\d+))?$/.exec(s);
      return h ? { host: h[1], port: h[2] } : null;
    })).toEqual([]);
  });

  it('the samples reach every answer (the comparison is not vacuous)', () => {
    expect(inputs.filter((s) => transportPrefix(s) !== null).length).toBeGreaterThan(100);
    expect(inputs.filter((s) => sipUserOf(s) !== null).length).toBeGreaterThan(20);
    expect(inputs.filter((s) => plainHostPort(s)?.port !== undefined && plainHostPort(s) !== null).length).toBeGreaterThan(20);
    expect(inputs.filter((s) => hasMark(s, ',/*?-', false)).length).toBeGreaterThan(1000);
  });
});
