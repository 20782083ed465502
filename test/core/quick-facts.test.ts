import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseMessage, parseMessages, type AnySipMessage } from '../../src/core/index.js';
import type { NameAddr } from '../../src/core/headers/name-addr.js';
import type { Via } from '../../src/core/headers/via.js';
import { parserFor } from '../../src/core/header-parsers.js';
import { ignoreProblems } from '../../src/core/syntax/report.js';
import { ROOT } from '../helpers/fixtures.js';
import { prng } from '../helpers/prng.js';
import { BRANCH_END, BRANCH_TIER, plainViaBranch, plainViaBranchPattern, plainViaEnd, quickBranch } from '../../src/core/quick-facts.js';

/**
 * The accessors' fast paths (tag, branch and Call-ID read straight from the head text, the
 * usual headers parsed in place without copying the value) must give exactly what the full,
 * checking parse gives. `lazy` parses without validation, so the accessors take their fast
 * paths; `full` runs every field's checking parser over its lexValue first, so the structured
 * accessors return those values.
 */
const lazy = (buf: Buffer): AnySipMessage | undefined => parseMessage(buf, { validate: false }).message;
function full(buf: Buffer): AnySipMessage | undefined {
  const m = parseMessage(buf).message;
  // every field through its checking parser: the accessors below then return those values
  if (m) for (const h of m.headers) void h.valueProblems;
  return m;
}

function addr(na: NameAddr | undefined): unknown {
  return na === undefined ? undefined : { displayName: na.displayName, uriText: na.uriText, bracketed: na.bracketed, params: na.params.items };
}

function via(v: Via): unknown {
  return { ...v, params: v.params.items };
}

/** Facts from the accessors (fast paths on a lazy parse). */
function facts(m: AnySipMessage): unknown {
  const contacts = m.contacts;
  return {
    fromTag: m.fromTag,
    toTag: m.toTag,
    branch: m.branch,
    callId: m.callId,
    cseq: m.cseq,
    contacts: contacts === '*' ? '*' : contacts.map(addr),
  };
}

/** The same facts read from the full structured values. */
function slowFacts(m: AnySipMessage): unknown {
  const contacts = m.contacts;
  return {
    fromTag: m.from?.params.get('tag') ?? undefined,
    toTag: m.to?.params.get('tag') ?? undefined,
    branch: m.topVia?.params.get('branch') ?? undefined,
    callId: m.get('Call-ID')?.parsed() as string | undefined,
    cseq: m.cseq,
    contacts: contacts === '*' ? '*' : contacts.map(addr),
  };
}

/** A structured value in comparable form (NameAddr and Via objects as plain data). */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object' && 'uriText' in v) return addr(v as NameAddr);
  if (v !== null && typeof v === 'object' && 'transport' in v) return via(v as Via);
  return v;
}

const IN_PLACE = ['Call-ID', 'Contact', 'CSeq', 'From', 'To', 'Via', 'Route', 'Record-Route', 'P-Asserted-Identity'];

/** Every field with an in-place parser: its light value equals its parser's value over lexValue. */
function inPlaceAgrees(label: string, m: AnySipMessage): void {
  for (const name of IN_PLACE) {
    for (const h of m.getAll(name)) {
      expect([label, name, plain(h.parsed())]).toEqual([label, name, plain(parserFor(name)!(h.lexValue, ignoreProblems))]);
    }
  }
}

function same(label: string, buf: Buffer): void {
  const a = lazy(buf);
  const b = full(buf);
  const c = lazy(buf);
  if (!a || !b || !c) return;
  expect([label, facts(a)]).toEqual([label, slowFacts(b)]);
  inPlaceAgrees(label, c);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(sip|txt|dat)$/.test(n) ? [p] : [];
  });
}

describe('accessor fast paths (tag, branch, Call-ID, CSeq, Contact) and in-place parsing', () => {
  it('agree with the full parse on every fixture', () => {
    let n = 0;
    for (const f of files(join(ROOT, 'fixtures'))) {
      for (const e of parseMessages(readFileSync(f)).entries) {
        if (!e.message) continue;
        n++;
        same(f, Buffer.from(e.message.source!.input.subarray(e.start, e.end)));
      }
    }
    expect(n).toBeGreaterThan(100);
  });

  const SHAPES = [
    'Alice <sip:a@example.com>;tag=1928301774',
    '"Alice Smith" <sip:a@example.com>;tag=q1',
    '"A \\"q\\" B" <sip:a@example.com>;tag=esc',
    '"A <b>" <sip:a@example.com>;tag=q',
    '"open <sip:a@example.com>;tag=q',
    '"x"junk <sip:a@example.com>;tag=q',
    '<sip:a@example.com;tag=uri-param>;tag=real',
    '<sip:a@example.com>',
    '<sip:a@example.com> ',
    '<sip:a@example.com> ; TAG = x y ;tag=second',
    '<sip:a@example.com>;x="q;tag=no";tag=yes',
    '<sip:a@example.com>;x=1;Tag=cased;tag=second',
    '<sip:a@example.com>;tag;tag=second',
    '<sip:a@example.com>;tagx=1;tag=2',
    '<sip:a@example.com>;tag=a"b;c',
    '<sip:a@example.com>;tag=a,b',
    '<sip:a@example.com>;tag="quoted"',
    'sip:a@example.com;tag=addr-spec',
    'Bob "x" <sip:b@example.com>;tag=mid-quote',
    '<sip:a@example.com;tag=open',
    '<sip:a@example.com>;tag=;x',
    '<sip:a@example.com>;;tag=7',
    '<sip:a@example.com>junk;tag=8',
    '<sip:a@example.com>;tag=9 ',
  ];
  const VIAS = [
    'SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1',
    'SIP/2.0/UDP 192.0.2.1:5060;rport;branch=z9hG4bK1b;received=192.0.2.9',
    'SIP/2.0/TCP [2001:db8::1]:5061 ;rport; branch = z9hG4bK2 , SIP/2.0/UDP b.example;branch=z9hG4bK3',
    'SIP/2.0/UDP host:123456;branch=z9hG4bK4',
    'SIP/2.0/UDP host_x;branch=z9hG4bK5',
    'SIP / 2.0 / UDP host;branch=z9hG4bK6',
    'sip/2.0/udp host;branch=z9hG4bK6b',
    'SIP/2.0/UDP host;x="a;branch=b";branch=z9hG4bK7',
    'SIP/2.0/UDP host',
    'SIP/2.0/UDP host:abc;branch=z9hG4bK8',
    'SIP/2.0/UDP host:;branch=z9hG4bK8b',
    ',SIP/2.0/UDP host;branch=z9hG4bK9',
    'SIP/2.0/UDP host;BRANCH=z9hG4bKA;branch=second',
    'SIP/2.0/UDP host;branch;branch=second',
    'SIP/2.0/UDP host ;branch=z9hG4bKB ,',
    'SIP/2.0/UDP host;branch=z9hG4bKC,SIP/2.0/UDP other;branch=z9hG4bKD',
    'SIP/2.0/UDP host;x=<a,b>;branch=z9hG4bKE',
    'SIP/2.0/UDP host;branch=a"b',
  ];
  const CONTACTS = ['<sip:c@192.0.2.1:5060>', '*', ' * ', '"C" <sip:c@h>;expires=60, <sip:d@h>;q=0.5', 'sip:c@h;expires=5', '<sip:c@h>,,<sip:d@h>', ''];
  const message = (from: string, to: string, via: string, contact = CONTACTS[0]!, callId = 'q@h', cseq = '1 OPTIONS'): Buffer =>
    Buffer.from(
      `OPTIONS sip:b@example.com SIP/2.0\r\nVia: ${via}\r\nFrom: ${from}\r\nTo: ${to}\r\nCall-ID: ${callId}\r\nCSeq: ${cseq}\r\nContact: ${contact}\r\nRoute: <sip:p1@h;lr>, <sip:p2@h;lr>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n`,
      'latin1',
    );

  it('agree with the full parse on tricky shapes', () => {
    for (const [k, shape] of SHAPES.entries()) same(shape, message(shape, SHAPES[(k + 3) % SHAPES.length]!, VIAS[k % VIAS.length]!, CONTACTS[k % CONTACTS.length]));
    for (const v of VIAS) same(v, message(SHAPES[0]!, SHAPES[1]!, v));
    for (const callId of ['  a@b  ', 'a b', '\u00a0x\u00a0', '']) same(callId, message(SHAPES[0]!, SHAPES[1]!, VIAS[0]!, CONTACTS[0], callId));
    for (const cseq of ['  2  INVITE ', '3', 'x INVITE', '99999999999 BYE']) same(cseq, message(SHAPES[0]!, SHAPES[1]!, VIAS[0]!, CONTACTS[0], 'c', cseq));
  });

  it('agree with the full parse on values with a bare CR inside the line, and on folded values', () => {
    for (const shape of ['<sip:a@h>\r;tag=x', '<sip:a@h>;tag=x\ry', '<sip:a@h>;tag=x\r;tag=y', 'A\rB <sip:a@h>;tag=x', '<sip:a@h>;tag=x\r\n ;p=1', '<sip:a@h>\r\n ;tag=folded']) {
      same(JSON.stringify(shape), message(shape, shape, `SIP/2.0/UDP h;branch=b1${shape.includes('\n') ? '\r\n ;x=1' : '\r;x'}`));
    }
    same('via CR', message(SHAPES[0]!, SHAPES[0]!, 'SIP/2.0/UDP h;branch=z9\r;rport'));
    same('via folded', message(SHAPES[0]!, SHAPES[0]!, 'SIP/2.0/UDP h\r\n ;branch=z9hG4bKf'));
  });

  it('agree with the full parse on mutated values (seeded)', () => {
    const rnd = prng(0x7a9);
    const CHARS = [';', '=', ' ', '"', '<', '>', ',', ':', '[', ']', 't', 'a', 'g', 'b', 'r', '\t', '5', 'x', '\\', '\r', '\r\n ', '*', 'T'];
    const mutate = (s: string): string => {
      let out = s;
      for (let n = 1 + Math.floor(rnd() * 4); n > 0; n--) {
        const at = Math.floor(rnd() * (out.length + 1));
        const c = CHARS[Math.floor(rnd() * CHARS.length)]!;
        out = rnd() < 0.5 ? out.slice(0, at) + c + out.slice(at) : out.slice(0, at) + c + out.slice(at + 1);
      }
      return out;
    };
    for (let i = 0; i < 2000; i++) {
      const from = mutate(SHAPES[i % SHAPES.length]!);
      const to = mutate(SHAPES[(i * 7) % SHAPES.length]!);
      const v = mutate(VIAS[i % VIAS.length]!);
      const contact = mutate(CONTACTS[i % CONTACTS.length]!);
      same(`${from} | ${to} | ${v} | ${contact}`, message(from, to, v, contact, mutate('a@b '), mutate('12 INVITE')));
    }
  });

  it('follow edits: a field changed through the API is read from its new value', () => {
    const m = lazy(message(SHAPES[0]!, SHAPES[1]!, VIAS[0]!))!;
    expect([m.fromTag, m.toTag, m.branch, m.callId]).toEqual(['1928301774', 'q1', 'z9hG4bK1', 'q@h']);
    m.get('From')!.setValue('<sip:x@h>;tag=new-from');
    m.get('Via')!.setValue('SIP/2.0/TCP h;branch=z9hG4bKnew');
    m.get('Call-ID')!.setValue('new-call');
    expect([m.fromTag, m.branch, m.callId]).toEqual(['new-from', 'z9hG4bKnew', 'new-call']);
    m.set('To', '<sip:y@h>;tag=new-to');
    m.set('CSeq', '7 BYE');
    m.set('Contact', '<sip:z@h>');
    expect([m.toTag, m.cseq, (m.contacts as NameAddr[]).map((c) => c.uriText)]).toEqual(['new-to', { seq: 7, method: 'BYE' }, ['sip:z@h']]);
  });

  it('return the same structured value on every call (cached on the field)', () => {
    const m = lazy(message(SHAPES[0]!, SHAPES[1]!, VIAS[0]!))!;
    expect(m.cseq).toBe(m.cseq);
    expect(m.contacts).toBe(m.contacts);
    expect(m.cseq).toBe(m.get('CSeq')!.parsed());
    expect(m.from).toBe(m.get('From')!.parsed());
  });
});

describe('the plain Via scanners', () => {
  // the patterns they stand for: each scanner must end, and find the branch, where these do
  const PLAIN_VIA = /SIP\/2\.0\/[A-Za-z]+[ \t]+(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::[0-9]+)?/y;
  const PLAIN_VIA_BRANCH = plainViaBranchPattern(); // the pattern quickBranch uses once warm
  const compare = (s: string, i: number): void => {
    PLAIN_VIA.lastIndex = i;
    expect([s, plainViaEnd(s, i)]).toEqual([s, PLAIN_VIA.test(s) ? PLAIN_VIA.lastIndex : -1]);
    PLAIN_VIA_BRANCH.lastIndex = i;
    const m = PLAIN_VIA_BRANCH.exec(s);
    const at = plainViaBranch(s, i);
    expect([s, at < 0 ? null : [s.slice(at, BRANCH_END.at), BRANCH_END.at]]).toEqual([s, m === null ? null : [m[1], PLAIN_VIA_BRANCH.lastIndex]]);
  };

  it('agree with the patterns on usual and odd Vias', () => {
    const vias = [
      'SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds;rport',
      'sip/2.0/tcp host.example.com;rport;received=192.0.2.9;BRANCH=z9hG4bKx',
      'SIP/2.0/TLS [2001:db8::1]:5061;branch=z9hG4bKv6',
      'SIP/2.0/UDP h;branchx=1;branch=b2',
      'SIP/2.0/UDP h;branch;branch=b3',
      'SIP/2.0/UDP h;branch',
      'SIP/2.0/UDP h;branch=',
      'SIP/2.0/UDP h:;branch=b',
      'SIP/2.0/UDP h:50x;branch=b',
      'SIP/2.0/UDP [::1;branch=b',
      'SIP/2.0/UDP [];branch=b',
      'SIP/2.0/UDP\th ;branch=b',
      'SIP/2.0/ h;branch=b',
      'SIP/2.0/UDP\u00a0h;branch=b',
      'SIP/2.0/UDP h;x="q";branch=b',
      'SIP/2.0/UDP h;branch=a\u2028b',
      'SIP/2.0/UDP h;branch=\u0130x',
      'SIP/2.0/UDP h;x=\u017f;branch=b\u00ff',
      'SIP/2.0/UDP h;ſ=1;branch=b',
    ];
    for (const v of vias) for (const lead of ['', 'Via: ']) compare(lead + v, lead.length);
  });

  it('agree with the patterns on random text (seeded)', () => {
    const rnd = prng(0x51a);
    const PIECES = ['SIP/2.0/', 'sip/2.0/', 'UDP', 'tls', ' ', '\t', 'h', 'host.example', '192.0.2.1', '[', ']', '::1', ':', '5060', ';', 'branch', 'BRANCH', '=', 'z9hG4bK', ',', '"', '<', '>', '\u00a0', '\r', 'x', '-', '.', '~', '@', '\u3000', '\u017f'];
    for (let n = 0; n < 30000; n++) {
      let s = rnd() < 0.7 ? 'SIP/2.0/UDP h' : '';
      for (let k = Math.floor(rnd() * 12); k > 0; k--) s += PIECES[Math.floor(rnd() * PIECES.length)]!;
      compare(s, 0);
    }
  });
  it('quickBranch answers the same cold (scanner) and warm (pattern)', () => {
    const saved = { ...BRANCH_TIER };
    const rnd = prng(0x7b3);
    const PIECES = ['SIP/2.0/UDP h', 'sip/2.0/tcp [::1]:5', ';branch=', ';BRANCH=z9', ';rport', ';x="y"', ',SIP/2.0/UDP g;branch=b', ' ', '\t', 'z9hG4bK1', ';branch', ':5060', '<', '\u00a0'];
    try {
      for (let n = 0; n < 5000; n++) {
        let s = '';
        for (let k = 1 + Math.floor(rnd() * 8); k > 0; k--) s += PIECES[Math.floor(rnd() * PIECES.length)]!;
        const end = Math.floor(rnd() * (s.length + 1));
        Object.assign(BRANCH_TIER, { calls: 0, warmAfter: Infinity });
        const cold = quickBranch(s, 0, end);
        Object.assign(BRANCH_TIER, { calls: 0, warmAfter: 0 });
        expect([s, end, quickBranch(s, 0, end)]).toEqual([s, end, cold]);
      }
    } finally {
      Object.assign(BRANCH_TIER, saved);
    }
  });
});
