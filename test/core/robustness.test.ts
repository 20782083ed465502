import fc from 'fast-check';
import { parseMessage, parseMessages, rebuildMessage, StreamFramer, type ParseResult } from '../../src/index.js';
import { messageToJson } from '../../src/core/to-json.js';
import { fixture, fixtureNames } from '../helpers/fixtures.js';
import { prng } from '../helpers/prng.js';

/** Everything a caller may do with a parse result must work on any input. */
function exercise(input: Buffer): ParseResult {
  const r = parseMessage(input);
  for (const p of r.problems) {
    expect(p.offset).toBeGreaterThanOrEqual(0);
    expect(p.offset).toBeLessThanOrEqual(input.length);
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.column).toBeGreaterThanOrEqual(1);
  }
  if (r.message) {
    JSON.stringify(messageToJson(r.message, r.problems));
    rebuildMessage(r.message);
    void r.message.vias, r.message.contacts, r.message.cseq, r.message.from, r.message.to;
  }
  return r;
}

const corpus = [
  ...fixtureNames('sip/rfc4475', '.dat').map((f) => fixture('sip', 'rfc4475', f)),
  ...fixtureNames('sip/real', '.sip').map((f) => fixture('sip', 'real', f)),
  ...fixtureNames('sip/ipv6', '.sip').map((f) => fixture('sip', 'ipv6', f)),
];

const SPECIAL = [';', ',', '"', '<', '>', ':', '%', '[', ']', '\\', '\r\n', '\r\n ', '\n', '\0', '=', '@', '?', '\xff', ' ', '\t', '0', '99999999999999999999'];

function mutate(input: Buffer, rnd: () => number): Buffer {
  const b = Buffer.from(input);
  const n = 1 + Math.floor(rnd() * 4);
  let out = b;
  for (let k = 0; k < n; k++) {
    const at = Math.floor(rnd() * out.length);
    const op = Math.floor(rnd() * 5);
    if (op === 0) out[at] = Math.floor(rnd() * 256);
    else if (op === 1) out = Buffer.concat([out.subarray(0, at), Buffer.from(SPECIAL[Math.floor(rnd() * SPECIAL.length)]!, 'latin1'), out.subarray(at)]);
    else if (op === 2) out = Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + Math.floor(rnd() * 40)))]);
    else if (op === 3) out = Buffer.concat([out.subarray(0, at), out.subarray(at, at + 60), out.subarray(at)]);
    else out = out.subarray(0, at);
  }
  return out;
}

describe('robustness: no input crashes the parser', () => {
  it('mutation fuzzer over the corpus (deterministic, 12k cases)', () => {
    const rnd = prng(20261125);
    for (let i = 0; i < 12000; i++) {
      const input = mutate(corpus[i % corpus.length]!, rnd);
      exercise(input);
      parseMessages(input);
      new StreamFramer().push(input);
    }
  });

  it('property: arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        exercise(Buffer.from(bytes));
      }),
      { numRuns: 3000, seed: 4475 },
    );
  });

  it('property: SIP-shaped text made of grammar pieces', () => {
    const piece = fc.constantFrom('INVITE ', 'sip:', 'sips:', 'tel:', '+1', 'a', '@', 'host', '[2001:db8::1]', ':5060', ';', ',', '"', '<', '>', ' ', '\r\n', '\r\n ', 'Via: ', 'SIP/2.0/UDP ', 'To: ', 'From: ', 'Contact: ', 'CSeq: 1 INVITE', 'Content-Length: ', '12', 'tag=', 'branch=z9hG4bK', '=', '%', '%2', '%41', '\\', 'SIP/2.0', ' 200 OK', '\r\n\r\n', 'v=0\r\n', 'm=audio 0 RTP/AVP 0\r\n', 'Content-Type: application/sdp', 'multipart/mixed;boundary=x', '--x\r\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 120 }), (parts) => {
        const text = parts.join('');
        exercise(Buffer.from(text, 'latin1'));
        parseMessages(text);
      }),
      { numRuns: 3000, seed: 3261 },
    );
  });
});

describe('robustness: limits give a problem, not a hang', () => {
  it('a 10 MB header line is cut at the header limit', () => {
    const input = Buffer.concat([Buffer.from('INVITE sip:a@example.com SIP/2.0\r\nX-Huge: '), Buffer.alloc(10 * 1024 * 1024, 0x61), Buffer.from('\r\n\r\n')]);
    const r = exercise(input);
    expect(r.problems.map((p) => p.code)).toContain('SIP_LIMIT_EXCEEDED');
    expect(r.message?.kind).toBe('request');
  });

  it('a 10 MB start line is cut at the header limit', () => {
    const r = exercise(Buffer.concat([Buffer.from('INVITE sip:'), Buffer.alloc(10 * 1024 * 1024, 0x61), Buffer.from(' SIP/2.0\r\n\r\n')]));
    expect(r.problems.map((p) => p.code)).toContain('SIP_LIMIT_EXCEEDED');
  });

  it('too many header fields are cut at the count limit', () => {
    const r = exercise(Buffer.from('OPTIONS sip:a@b SIP/2.0\r\n' + 'X-A: 1\r\n'.repeat(5000) + '\r\n'));
    expect(r.message!.headers.length).toBe(1000);
    expect(r.problems.find((p) => p.code === 'SIP_LIMIT_EXCEEDED')?.line).toBe(1002);
  });

  it('a body over the limit is cut', () => {
    const r = parseMessage(Buffer.from('MESSAGE sip:a@b SIP/2.0\r\nContent-Type: text/plain\r\nContent-Length: 99999999999\r\n\r\nhi'), { limits: { maxBodyBytes: 1024 } });
    expect(r.problems.map((p) => p.code)).toContain('SIP_LIMIT_EXCEEDED');
  });

  it('hostile header values report a bounded number of problems', () => {
    const evil = 'OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h' + ';'.repeat(60000) + '\r\nContact: ' + ','.repeat(60000) + '\r\nTo: ' + '"'.repeat(50001) + '\r\n\r\n';
    const r = exercise(Buffer.from(evil));
    expect(r.problems.length).toBeLessThan(200);
    expect(r.problems.filter((p) => p.code === 'SIP_LIMIT_EXCEEDED' && p.severity === 'warning').length).toBeGreaterThanOrEqual(2);
  });
});

describe('robustness: work grows linearly with input size', () => {
  /** CPU time of parsing `make(n)`, best of 3 (CPU time, so a busy machine does not skew it). */
  function cpu(make: (n: number) => Buffer, n: number): number {
    const input = make(n);
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      const t = process.cpuUsage();
      parseMessages(input);
      const d = process.cpuUsage(t);
      best = Math.min(best, d.user + d.system);
    }
    return best;
  }

  const shapes: Array<[string, (n: number) => Buffer]> = [
    ['many headers', (n) => Buffer.from('OPTIONS sip:a@b SIP/2.0\r\n' + 'Via: SIP/2.0/UDP h;branch=z9hG4bKx\r\n'.repeat(Math.min(n, 999)) + 'X: ' + 'a'.repeat(n * 10) + '\r\n\r\n')],
    ['many messages', (n) => Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n'.repeat(n))],
    ['params', (n) => Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nContact: <sip:a@b>' + ';p=1'.repeat(n) + '\r\n\r\n')],
    ['params without "="', (n) => Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h' + ';rport'.repeat(n) + ';branch=z9hG4bKx\r\nContact: <sip:a@b>' + ';lr'.repeat(n) + '\r\n\r\n')],
    ['folded lines', (n) => Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nX-Fold: a' + '\r\n b'.repeat(n) + '\r\n\r\n')],
    ['bodies without length', (n) => Buffer.from(('MESSAGE sip:a@b SIP/2.0\nContent-Type: text/plain\n\n' + 'text line\n'.repeat(20) + '\n').repeat(n))],
  ];

  it.each(shapes)('%s: 16x the input costs far less than 256x the time', (_name, make) => {
    const small = cpu(make, 2000);
    const large = cpu(make, 32000);
    // linear gives ~16x; quadratic would give ~256x. The slack absorbs timer noise.
    expect(large).toBeLessThan(small * 16 * 4 + 50_000);
  });
});

describe('robustness: a start line longer than the limit', () => {
  it('is one limit problem, not a bogus message with the rest as its body', () => {
    const r = parseMessage(Buffer.concat([Buffer.from('INVITE sip:'), Buffer.alloc(300 * 1024, 0x61), Buffer.from(' SIP/2.0\r\nVia: x\r\n\r\nbody')]));
    const codes = r.problems.map((p) => p.code);
    expect(codes).toContain('SIP_LIMIT_EXCEEDED');
    expect(codes).not.toContain('SIP_CONTENT_TYPE_MISSING');
    expect(r.message?.body.length ?? 0).toBe(0);
  });
});
