import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseMessage, parseMessages, type AnySipMessage } from '../../src/core/index.js';
import { ROOT } from '../helpers/fixtures.js';
import { prng } from '../helpers/prng.js';

/** What the full parse says (the accessors' fast paths must agree with it). */
function full(m: AnySipMessage): { fromTag: string | undefined; toTag: string | undefined; branch: string | undefined } {
  return {
    fromTag: m.from?.params.get('tag') ?? undefined,
    toTag: m.to?.params.get('tag') ?? undefined,
    branch: m.topVia?.params.get('branch') ?? undefined,
  };
}

function quick(m: AnySipMessage): { fromTag: string | undefined; toTag: string | undefined; branch: string | undefined } {
  return { fromTag: m.fromTag, toTag: m.toTag, branch: m.branch };
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(sip|txt|dat)$/.test(n) ? [p] : [];
  });
}

describe('From/To tag and Via branch fast paths', () => {
  it('agree with the full parse on every fixture', () => {
    let n = 0;
    for (const f of files(join(ROOT, 'fixtures'))) {
      for (const e of parseMessages(readFileSync(f)).entries) {
        if (!e.message) continue;
        n++;
        // two separate parses: the accessors must not lean on the full parse's cache
        const a = parseMessage(e.message.source!.input.subarray(e.start, e.end)).message!;
        const b = parseMessage(e.message.source!.input.subarray(e.start, e.end)).message!;
        expect([f, quick(a)]).toEqual([f, full(b)]);
      }
    }
    expect(n).toBeGreaterThan(100);
  });

  const SHAPES = [
    'Alice <sip:a@example.com>;tag=1928301774',
    '<sip:a@example.com;tag=uri-param>;tag=real',
    '<sip:a@example.com>',
    '<sip:a@example.com> ; TAG = x y ;tag=second',
    '<sip:a@example.com>;x="q;tag=no";tag=yes',
    '"A <b>" <sip:a@example.com>;tag=q',
    'sip:a@example.com;tag=addr-spec',
    '<sip:a@example.com;tag=open',
    '<sip:a@example.com>;tag=;x',
    '<sip:a@example.com>;;tag=7',
    '<sip:a@example.com>junk;tag=8',
  ];
  const VIAS = [
    'SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1',
    'SIP/2.0/TCP [2001:db8::1]:5061 ;rport; branch = z9hG4bK2 , SIP/2.0/UDP b.example;branch=z9hG4bK3',
    'SIP/2.0/UDP host:123456;branch=z9hG4bK4',
    'SIP/2.0/UDP host_x;branch=z9hG4bK5',
    'SIP / 2.0 / UDP host;branch=z9hG4bK6',
    'SIP/2.0/UDP host;x="a;branch=b";branch=z9hG4bK7',
    'SIP/2.0/UDP host',
    'SIP/2.0/UDP host:abc;branch=z9hG4bK8',
    ',SIP/2.0/UDP host;branch=z9hG4bK9',
    'SIP/2.0/UDP host;BRANCH=z9hG4bKA;branch=second',
    'SIP/2.0/UDP host ;branch=z9hG4bKB ,',
  ];
  const message = (from: string, to: string, via: string): Buffer =>
    Buffer.from(`OPTIONS sip:b@example.com SIP/2.0\r\nVia: ${via}\r\nFrom: ${from}\r\nTo: ${to}\r\nCall-ID: q\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n`, 'latin1');

  it('agree with the full parse on tricky shapes', () => {
    for (const [k, shape] of SHAPES.entries()) {
      const buf = message(shape, SHAPES[(k + 3) % SHAPES.length]!, VIAS[k % VIAS.length]!);
      expect([shape, quick(parseMessage(buf).message!)]).toEqual([shape, full(parseMessage(buf).message!)]);
    }
    for (const via of VIAS) {
      const buf = message(SHAPES[0]!, SHAPES[1]!, via);
      expect([via, quick(parseMessage(buf).message!)]).toEqual([via, full(parseMessage(buf).message!)]);
    }
  });

  it('agree with the full parse on mutated values (seeded)', () => {
    const rnd = prng(0x7a9);
    const CHARS = [';', '=', ' ', '"', '<', '>', ',', ':', '[', ']', 't', 'a', 'g', 'b', 'r', '\t', '5', 'x'];
    const mutate = (s: string): string => {
      let out = s;
      for (let n = 1 + Math.floor(rnd() * 4); n > 0; n--) {
        const at = Math.floor(rnd() * (out.length + 1));
        const c = CHARS[Math.floor(rnd() * CHARS.length)]!;
        out = rnd() < 0.5 ? out.slice(0, at) + c + out.slice(at) : out.slice(0, at) + c + out.slice(at + 1);
      }
      return out;
    };
    for (let i = 0; i < 3000; i++) {
      const from = mutate(SHAPES[i % SHAPES.length]!);
      const via = mutate(VIAS[i % VIAS.length]!);
      const buf = message(from, SHAPES[0]!, via);
      const a = parseMessage(buf).message;
      const b = parseMessage(buf).message;
      if (!a || !b) continue;
      expect([from, via, quick(a)]).toEqual([from, via, full(b)]);
    }
  });
});
