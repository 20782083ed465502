import { Readable } from 'node:stream';
import { csvField, csvQuoteOpen, splitCsvRecord } from '../../src/cli/csv.js';
import { readLineBatches, type InputLine } from '../../src/cli/line-source.js';

async function lines(chunks: Array<string | Buffer>, max = 16): Promise<InputLine[]> {
  const out: InputLine[] = [];
  for await (const batch of readLineBatches(Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))), max)) out.push(...batch);
  return out;
}

describe('readLineBatches', () => {
  it('splits on LF and CRLF across chunk borders, numbering lines', async () => {
    const r = await lines(['ab', 'c\r\nde\n', '\nf']);
    expect(r.map((l) => [l.number, l.text])).toEqual([[1, 'abc'], [2, 'de'], [3, ''], [4, 'f']]);
  });

  it('counts but does not keep a line over the limit, and goes on', async () => {
    const r = await lines(['short\n', 'x'.repeat(10), 'y'.repeat(10), 'z\nnext\n']);
    expect(r).toEqual([
      { number: 1, text: 'short', bytes: 5 },
      { number: 2, text: null, bytes: 21, problem: 'too-long' },
      { number: 3, text: 'next', bytes: 4 },
    ]);
  });

  it('reports bytes that are not UTF-8 as not text, and keeps a real U+FFFD', async () => {
    const r = await lines([Buffer.from([0x61, 0xff, 0xfe, 0x0a]), Buffer.from('\ufffd\n')]);
    expect(r[0]).toMatchObject({ text: null, problem: 'not-text' });
    expect(r[1]).toMatchObject({ text: '\ufffd' });
  });

  it('gives nothing for an empty stream', async () => {
    expect(await lines([])).toEqual([]);
  });
});

describe('CSV records', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['"a, b",c', ['a, b', 'c']],
    ['"say ""hi""",x', ['say "hi"', 'x']],
    ['a,,', ['a', '', '']],
    ['"multi\nline",x', ['multi\nline', 'x']],
    ['', ['']],
  ])('%j', (text, values) => {
    const r = splitCsvRecord(text);
    expect('fields' in r && r.fields.map((f) => f.value)).toEqual(values);
    expect('fields' in r && r.fields.map((f) => f.raw).join(',')).toBe(text);
  });

  it.each([['"open,x'], ['"a"b,c'], ['a"b,c']])('%j is not a record', (text) => {
    expect(splitCsvRecord(text)).toHaveProperty('error');
  });

  it('knows when a quoted field goes on to the next line', () => {
    expect(csvQuoteOpen('a,"b')).toBe(true);
    expect(csvQuoteOpen('a,"b""c"')).toBe(false);
  });

  it('quotes a value only when it has to', () => {
    expect(csvField('+12293160013')).toBe('+12293160013');
    expect(csvField('(229) 316-0013, x')).toBe('"(229) 316-0013, x"');
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField('a;b', ';')).toBe('"a;b"');
  });
});
