import { arrayItem, arrayItemsBytes } from '../../src/format/findings-json.js';

// The JSON spool writes the report's arrays a batch at a time with arrayItemsBytes; the text must
// be exactly what arrayItem gives element by element (which is JSON.stringify's, re-indented).
describe('arrayItemsBytes', () => {
  const values: object[] = [
    { index: 0, file: 'a.pcap', startLine: 'INVITE sip:+1@x SIP/2.0', time: 1767225600.003, src: { address: '10.0.0.1', port: 5060 }, callId: null },
    {},
    [],
    [1, 'two', { three: [3, { deep: 'é "quoted" \\ \u0001 \u2028' }] }],
    { message: 'line\nbreak\ttab', empty: [], nested: { empty: {} }, skipped: undefined, n: -0, big: 1e21, small: 1e-7 },
  ];
  const text = (batch: readonly object[], first: boolean): string => {
    const b = arrayItemsBytes(batch, first)!;
    return b.lead + b.bytes.toString('utf8', b.start, b.end);
  };

  it('gives the text of arrayItem for each element, first or not, as UTF-8 bytes', () => {
    for (const first of [true, false]) {
      expect(text(values, first)).toBe(values.map((v, i) => arrayItem(v, first && i === 0)).join(''));
      expect(text([values[0]!], first)).toBe(arrayItem(values[0], first));
      expect(text([values[3]!], first)).toBe(arrayItem(values[3], first));
    }
    expect(arrayItemsBytes([], true)).toBeUndefined();
  });
});
