import { formatSdp } from '../../../src/core/sdp/format-sdp.js';
import { parseSdp } from '../../../src/core/sdp/parse-sdp.js';
import { emptySdp, type Sdp } from '../../../src/core/sdp/types.js';
import { crlf, SAMPLES } from './sdp-samples.js';

/** The structure without the `line` positions (they move when a layout is normalised). */
function withoutLines(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLines);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'line').map(([k, v]) => [k, withoutLines(v)]));
  }
  return value;
}

function roundTrip(text: string): { once: Sdp; formatted: string; twice: Sdp } {
  const once = parseSdp(text).sdp;
  const formatted = formatSdp(once);
  return { once, formatted, twice: parseSdp(formatted).sdp };
}

describe('formatSdp: canonical input comes back byte for byte', () => {
  test.each(SAMPLES)('%s', (_name, text) => {
    const { once, formatted, twice } = roundTrip(text);
    expect(formatted).toBe(text);
    expect(Buffer.from(formatted, 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(twice).toEqual(once);
  });
});

const BASE = ['v=0', 'o=- 7 7 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0', 'm=audio 4000 RTP/AVP 0', 'a=sendrecv'];

// Valid but not in canonical layout: format normalises it, and the structure survives.
const NON_CANONICAL: ReadonlyArray<[string, string]> = [
  ['bare LF line ends', BASE.join('\n') + '\n'],
  ['no line end after the last line', BASE.join('\r\n')],
  ['trailing empty lines', crlf(...BASE, '', '')],
  ['an empty line inside', crlf(...BASE.slice(0, 3), '', ...BASE.slice(3))],
  ['c= after t=', crlf('v=0', 'o=- 7 7 IN IP4 192.0.2.1', 's=-', 't=0 0', 'c=IN IP4 192.0.2.1', 'm=audio 4000 RTP/AVP 0')],
  ['media a= before c=', crlf('v=0', 'o=- 7 7 IN IP4 192.0.2.1', 's=-', 't=0 0', 'm=audio 4000 RTP/AVP 0', 'a=sendrecv', 'c=IN IP4 192.0.2.1')],
  ['double spaces in o=', crlf('v=0', 'o=-  7 7 IN IP4 192.0.2.1', ...BASE.slice(2))],
];

describe('formatSdp: parse → format → parse keeps the structure', () => {
  test.each(NON_CANONICAL)('%s', (_name, text) => {
    const first = parseSdp(text);
    expect(first.problems.filter((p) => p.code === 'SIP_SDP_INVALID')).toEqual([]);
    const { once, formatted, twice } = roundTrip(text);
    expect(formatted).not.toBe(text);
    expect(withoutLines(twice)).toEqual(withoutLines(once));
    expect(parseSdp(formatted).problems).toEqual([]);
    expect(formatSdp(twice)).toBe(formatted);
  });
});

describe('formatSdp: values built by hand', () => {
  test('an empty description is the empty string', () => {
    expect(formatSdp(emptySdp())).toBe('');
  });

  test('null fields are left out, attributes with and without values, RFC 4566 order', () => {
    const sdp: Sdp = {
      ...emptySdp(),
      version: 0,
      origin: { username: 'siptool', sessionId: '1', sessionVersion: '1', netType: 'IN', addrType: 'IP4', address: '192.0.2.9', line: 0 },
      sessionName: '-',
      connection: { netType: 'IN', addrType: 'IP4', address: '224.2.1.1', ttl: 16, count: 2, line: 0 },
      timings: [{ start: '0', stop: '0', repeats: [], line: 0 }],
      attributes: [{ name: 'recvonly', value: null, line: 0 }],
      media: [{
        type: 'audio', port: 5004, portCount: 2, proto: 'RTP/AVP', formats: ['0'], information: null,
        connections: [], bandwidths: [{ type: 'AS', value: 80, line: 0 }], key: null,
        attributes: [{ name: 'ptime', value: '20', line: 0 }], line: 0,
      }],
    };
    const text = formatSdp(sdp);
    expect(text).toBe(crlf(
      'v=0', 'o=siptool 1 1 IN IP4 192.0.2.9', 's=-', 'c=IN IP4 224.2.1.1/16/2', 't=0 0', 'a=recvonly',
      'm=audio 5004/2 RTP/AVP 0', 'b=AS:80', 'a=ptime:20',
    ));
    expect(parseSdp(text).problems).toEqual([]);
  });
});
