import { readFileSync } from 'node:fs';
import { splitMultipart, type BodyPart } from '../../../src/core/body/multipart.js';
import { readContentType, type MediaType } from '../../../src/core/headers/media-type.js';
import { parseSdp } from '../../../src/core/sdp/parse-sdp.js';
import { ignoreProblems } from '../../../src/core/syntax/report.js';

const ct = (s: string): MediaType => readContentType(s, ignoreProblems)!;
const bytes = (...chunks: Array<string | number[]>): Buffer =>
  Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'latin1') : Buffer.from(c))));
const typeOf = (p: BodyPart): string | null => (p.contentType ? `${p.contentType.type}/${p.contentType.subtype}` : null);

/** Every part body is exactly the bytes at its offset in the input. */
function expectViews(body: Buffer, parts: readonly BodyPart[]): void {
  for (const p of parts) expect(body.subarray(p.offset, p.offset + p.body.length).equals(p.body)).toBe(true);
}

describe('RFC 4475 §3.1.1.11 mpart01: multipart/mixed with a binary CMS part', () => {
  const file = readFileSync(new URL('../../../fixtures/sip/rfc4475/mpart01.dat', import.meta.url));
  const headerEnd = file.indexOf('\r\n\r\n');
  const head = file.toString('latin1', 0, headerEnd);
  const contentLength = Number(/^Content-Length: *(\d+)/m.exec(head)![1]);
  const contentType = /^Content-Type: *(.*)$/m.exec(head)![1]!.trim();
  const body = file.subarray(headerEnd + 4, headerEnd + 4 + contentLength);

  test('the fixture is what the test expects', () => {
    expect(contentLength).toBe(553);
    expect(body.length).toBe(553);
    expect(contentType).toBe('multipart/mixed;boundary=7a9cbec02ceef655');
  });

  test('two parts with the right types and exact byte lengths', () => {
    const { parts, problems } = splitMultipart(body, ct(contentType));
    expect(problems).toEqual([]);
    expect(parts.map(typeOf)).toEqual(['text/plain', 'application/octet-stream']);
    expect(parts.map((p) => p.body.length)).toEqual([5, 342]);
    expect(parts.map((p) => p.offset)).toEqual([83, 187]);
    expect(parts[0]!.body.toString('latin1')).toBe('Hello');
    expect(parts[0]!.headers).toEqual([
      { name: 'Content-Type', value: 'text/plain' },
      { name: 'Content-Transfer-Encoding', value: 'binary' },
    ]);
    const bin = parts[1]!.body;
    expect([...bin.subarray(0, 4)]).toEqual([0x30, 0x82, 0x01, 0x52]); // a DER SEQUENCE of 0x152 = 338 bytes, +4 header
    expect(bin.includes(0x00)).toBe(true);
    expect(bin.filter((b, i) => b === 0x0a && bin[i - 1] !== 0x0d).length).toBe(3); // the three bare LFs
    expect(bin.subarray(-2).equals(Buffer.from([0xd0, 0x05]))).toBe(true);
    expectViews(body, parts);
  });
});

const SIMPLE = bytes(
  'This is the preamble.  It is to be ignored, though it\r\nis a handy place for composition agents.\r\n\r\n',
  '--simple boundary\r\n',
  '\r\n',
  'This is implicitly typed plain US-ASCII text.\r\nIt does NOT end with a linebreak.',
  '\r\n--simple boundary\r\n',
  'Content-type: text/plain; charset=us-ascii\r\n',
  '\r\n',
  'This is explicitly typed plain US-ASCII text.\r\nIt DOES end with a linebreak.\r\n',
  '\r\n--simple boundary--\r\n',
  '\r\nThis is the epilogue.  It is also to be ignored.\r\n',
);

const SDP = 'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n';
const ISUP = [0x01, 0x00, 0x49, 0x00, 0x00, 0x03, 0x02, 0x00, 0x07, 0x04, 0x10, 0x0d, 0x0a, 0x2d, 0x2d, 0x75, 0x6e, 0x69, 0x0d, 0x00, 0x0a, 0x0a];

describe('splitMultipart: well-formed bodies', () => {
  test('RFC 2046 §5.1.1 example: quoted boundary with a space, preamble and epilogue ignored, a part without headers', () => {
    const { parts, problems } = splitMultipart(SIMPLE, ct('multipart/mixed; boundary="simple boundary"'));
    expect(problems).toEqual([]);
    expect(parts).toHaveLength(2);
    expect(parts[0]!.headers).toEqual([]);
    expect(parts[0]!.contentType).toBeNull();
    expect(parts[0]!.body.toString()).toBe('This is implicitly typed plain US-ASCII text.\r\nIt does NOT end with a linebreak.');
    expect(parts[1]!.headers).toEqual([{ name: 'Content-type', value: 'text/plain; charset=us-ascii' }]);
    expect(parts[1]!.contentType?.params.get('charset')).toBe('us-ascii');
    expect(parts[1]!.body.toString()).toBe('This is explicitly typed plain US-ASCII text.\r\nIt DOES end with a linebreak.\r\n');
    expectViews(SIMPLE, parts);
  });

  test('SIP-T INVITE body: SDP plus binary ISUP whose bytes look like line ends and dashes (RFC 3204)', () => {
    const body = bytes(
      '--unique-boundary-1\r\nContent-Type: application/sdp\r\n\r\n', SDP,
      '\r\n--unique-boundary-1\r\nContent-Type: application/ISUP; version=nxv3; base=etsi121\r\nContent-Disposition: signal; handling=optional\r\n\r\n', ISUP,
      '\r\n--unique-boundary-1--\r\n',
    );
    const { parts, problems } = splitMultipart(body, ct('multipart/mixed;boundary=unique-boundary-1'));
    expect(problems).toEqual([]);
    expect(parts.map(typeOf)).toEqual(['application/sdp', 'application/isup']);
    expect(parts[0]!.body.toString()).toBe(SDP);
    expect(parseSdp(parts[0]!.body).problems).toEqual([]);
    expect([...parts[1]!.body]).toEqual(ISUP);
    expect(parts[1]!.headers[1]).toEqual({ name: 'Content-Disposition', value: 'signal; handling=optional' });
    expectViews(body, parts);
  });

  test('folded part headers are unfolded', () => {
    const body = bytes('--b\r\nContent-Type: text/plain;\r\n charset=utf-8\r\nX-Long: one\r\n\ttwo\r\n\r\nhi\r\n--b--');
    const { parts, problems } = splitMultipart(body, ct('multipart/mixed;boundary=b'));
    expect(problems).toEqual([]);
    expect(parts[0]!.headers).toEqual([{ name: 'Content-Type', value: 'text/plain; charset=utf-8' }, { name: 'X-Long', value: 'one two' }]);
    expect(parts[0]!.contentType?.params.get('charset')).toBe('utf-8');
    expect(parts[0]!.body.toString()).toBe('hi');
  });

  test('transport padding after the delimiter, an empty part, a headers-only part, and a line that only starts like the delimiter', () => {
    const body = bytes('--b  \r\n\r\n--b\t\r\nContent-Type: text/plain\r\n--b\r\nContent-Type: text/plain\r\n\r\n--bb is not a delimiter\r\n--b--');
    const { parts, problems } = splitMultipart(body, ct('multipart/mixed;boundary=b'));
    expect(problems).toEqual([]);
    expect(parts.map((p) => [typeOf(p), p.body.toString()])).toEqual([
      [null, ''],
      ['text/plain', ''],
      ['text/plain', '--bb is not a delimiter'],
    ]);
    expectViews(body, parts);
  });

  test('a nested multipart is a part with a multipart content type; callers recurse', () => {
    const inner = '--in\r\nContent-Type: text/plain\r\n\r\nplain\r\n--in\r\nContent-Type: text/html\r\n\r\n<b>html</b>\r\n--in--';
    const body = bytes(`--out\r\nContent-Type: multipart/alternative; boundary=in\r\n\r\n${inner}\r\n--out\r\nContent-Type: application/sdp\r\n\r\n${SDP}\r\n--out--\r\n`);
    const outer = splitMultipart(body, ct('multipart/mixed; boundary=out'));
    expect(outer.problems).toEqual([]);
    expect(outer.parts.map(typeOf)).toEqual(['multipart/alternative', 'application/sdp']);
    const nested = splitMultipart(outer.parts[0]!.body, outer.parts[0]!.contentType!);
    expect(nested.problems).toEqual([]);
    expect(nested.parts.map((p) => [typeOf(p), p.body.toString()])).toEqual([['text/plain', 'plain'], ['text/html', '<b>html</b>']]);
  });
});

describe('splitMultipart: problems', () => {
  // [name, body, content type, expected problems as severity@offset, a word the first message contains, part bodies]
  const CASES: ReadonlyArray<[string, Buffer, string, string[], string, string[]]> = [
    ['no boundary parameter', bytes('--b\r\n\r\nx\r\n--b--'), 'multipart/mixed', ['error@0'], 'without a boundary', []],
    ['empty boundary parameter', bytes('--\r\n\r\nx\r\n----'), 'multipart/mixed; boundary=""', ['error@0'], 'without a boundary', []],
    ['boundary never found', bytes('just some text\r\n'), 'multipart/mixed;boundary=b', ['error@0'], 'does not occur', []],
    ['boundary only in the middle of a line', bytes('text --b\r\nmore'), 'multipart/mixed;boundary=b', ['error@0'], 'does not occur', []],
    ['close delimiter missing', bytes('--b\r\n\r\none\r\n--b\r\n\r\ntwo\r\n'), 'multipart/mixed;boundary=b', ['error@24'], 'close delimiter', ['one', 'two\r\n']],
    ['only a close delimiter', bytes('preamble\r\n--b--\r\n'), 'multipart/mixed;boundary=b', ['error@10'], 'no body part', []],
    ['bare LF delimiters (one warning)', bytes('--b\n\none\n--b\n\ntwo\n--b--\n'), 'multipart/mixed;boundary=b', ['warning@3'], 'bare LF', ['one', 'two']],
    ['bare LF only before one delimiter', bytes('--b\r\n\r\none\n--b--\r\n'), 'multipart/mixed;boundary=b', ['warning@10'], 'bare LF', ['one']],
    ['a part without the empty line after its headers', bytes('--b\r\nHello there\r\n--b--'), 'multipart/mixed;boundary=b', ['error@5'], 'no empty line', ['Hello there']],
    ['a part header line without a colon', bytes('--b\r\nContent-Type: text/plain\r\nbogus\r\n\r\nx\r\n--b--'), 'multipart/mixed;boundary=b', ['error@31'], 'not <name>: <value>', ['x']],
    ['a bad part Content-Type', bytes('--b\r\nContent-Type: text\r\n\r\nx\r\n--b--'), 'multipart/mixed;boundary=b', ['error@5'], 'body part Content-Type', ['x']],
    ['a boundary longer than 70 characters', bytes(`--${'x'.repeat(71)}\r\n\r\nx\r\n--${'x'.repeat(71)}--`), `multipart/mixed;boundary=${'x'.repeat(71)}`, ['warning@0'], 'at most 70', ['x']],
  ];

  test.each(CASES)('%s', (_name, body, type, expected, word, bodies) => {
    const { parts, problems } = splitMultipart(body, ct(type));
    expect(problems.map((p) => `${p.severity}@${p.offset}`)).toEqual(expected);
    expect(problems.every((p) => p.code === 'SIP_MULTIPART_INVALID')).toBe(true);
    expect(problems[0]!.message).toContain(word);
    expect(parts.map((p) => p.body.toString('latin1'))).toEqual(bodies);
    expectViews(body, parts);
  });
});

test('random bytes never throw', () => {
  let seed = 42;
  const rnd = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const alphabet = [0x2d, 0x2d, 0x62, 0x0d, 0x0a, 0x3a, 0x20, 0x00, 0x41, 0xff];
  for (let i = 0; i < 2000; i++) {
    const body = Buffer.from(Array.from({ length: Math.floor(rnd() * 64) }, () => alphabet[Math.floor(rnd() * alphabet.length)]!));
    const { parts } = splitMultipart(body, ct('multipart/mixed;boundary=b'));
    expectViews(body, parts);
  }
});
