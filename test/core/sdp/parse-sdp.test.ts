import { parseSdp } from '../../../src/core/sdp/parse-sdp.js';
import type { SdpProblem } from '../../../src/core/sdp/types.js';
import {
  CARRIER_G711,
  crlf,
  HOLD,
  IPV6,
  KITCHEN_SINK,
  MULTICAST_SEMINAR,
  REJECTED_VIDEO,
  SAMPLES,
  SRTP_SDES,
  WEBRTC_OFFER,
} from './sdp-samples.js';

const at = (ps: readonly SdpProblem[]): string[] => ps.map((p) => `${p.code === 'SIP_SDP_INVALID' ? 'E' : 'W'}@${p.line}:${p.column}`);

describe('parseSdp: real-world SDPs parse without problems', () => {
  test.each(SAMPLES)('%s', (_name, text) => {
    expect(parseSdp(text).problems).toEqual([]);
    expect(parseSdp(Buffer.from(text, 'utf8')).problems).toEqual([]);
  });

  test('carrier G.711 offer', () => {
    const { sdp } = parseSdp(CARRIER_G711);
    expect(sdp.version).toBe(0);
    expect(sdp.origin).toEqual({ username: '-', sessionId: '1693939413', sessionVersion: '1693939413', netType: 'IN', addrType: 'IP4', address: '203.0.113.10', line: 2 });
    expect(sdp.sessionName).toBe('SBC');
    expect(sdp.connection).toEqual({ netType: 'IN', addrType: 'IP4', address: '203.0.113.10', ttl: null, count: null, line: 4 });
    expect(sdp.timings).toEqual([{ start: '0', stop: '0', repeats: [], line: 5 }]);
    expect(sdp.media).toHaveLength(1);
    const m = sdp.media[0]!;
    expect([m.type, m.port, m.portCount, m.proto, m.formats, m.line]).toEqual(['audio', 16384, null, 'RTP/AVP', ['0', '8', '101'], 6]);
    expect(m.attributes.map((a) => [a.name, a.value, a.line])).toEqual([
      ['rtpmap', '0 PCMU/8000', 7],
      ['rtpmap', '8 PCMA/8000', 8],
      ['rtpmap', '101 telephone-event/8000', 9],
      ['fmtp', '101 0-16', 10],
      ['ptime', '20', 11],
      ['maxptime', '40', 12],
      ['sendrecv', null, 13],
    ]);
  });

  test('WebRTC offer: session attributes, two bundled m= blocks', () => {
    const { sdp } = parseSdp(WEBRTC_OFFER);
    expect(sdp.connection).toBeNull();
    expect(sdp.attributes.map((a) => [a.name, a.value])).toEqual([
      ['group', 'BUNDLE 0 1'],
      ['extmap-allow-mixed', null],
      ['msid-semantic', ' WMS stream1'],
    ]);
    expect(sdp.media.map((m) => [m.type, m.port, m.proto, m.formats.length, m.connections[0]?.address, m.line])).toEqual([
      ['audio', 9, 'UDP/TLS/RTP/SAVPF', 8, '0.0.0.0', 8],
      ['video', 9, 'UDP/TLS/RTP/SAVPF', 2, '0.0.0.0', 36],
    ]);
  });

  test('SRTP SDES offer', () => {
    const m = parseSdp(SRTP_SDES).sdp.media[0]!;
    expect(m.proto).toBe('RTP/SAVP');
    expect(m.attributes.filter((a) => a.name === 'crypto')).toHaveLength(2);
  });

  test('hold with c=0.0.0.0', () => {
    const { sdp } = parseSdp(HOLD);
    expect(sdp.connection?.address).toBe('0.0.0.0');
    expect(sdp.media[0]!.attributes).toEqual([{ name: 'sendonly', value: null, line: 7 }]);
  });

  test('IPv6', () => {
    const { sdp } = parseSdp(IPV6);
    expect(sdp.origin?.addrType).toBe('IP6');
    expect(sdp.connection).toEqual({ netType: 'IN', addrType: 'IP6', address: '2001:db8::1', ttl: null, count: null, line: 4 });
  });

  test('rejected m= with port 0 needs no rtpmap', () => {
    const { sdp } = parseSdp(REJECTED_VIDEO);
    expect(sdp.media.map((m) => [m.type, m.port])).toEqual([['audio', 49172], ['video', 0]]);
  });

  test('multicast c= with TTL and the informational fields', () => {
    const { sdp } = parseSdp(MULTICAST_SEMINAR);
    expect(sdp.connection).toEqual({ netType: 'IN', addrType: 'IP4', address: '224.2.17.12', ttl: 127, count: null, line: 7 });
    expect(sdp.information).toBe('A Seminar on the session description protocol');
    expect(sdp.uri).toBe('http://www.example.com/seminars/sdp.pdf');
    expect(sdp.emails).toEqual(['j.doe@example.com (Jane Doe)']);
    expect(sdp.media).toHaveLength(2);
  });

  test('kitchen sink: every field, UTF-8 text, multicast counts, port counts', () => {
    const { sdp } = parseSdp(KITCHEN_SINK);
    expect(sdp.sessionName).toBe('Grüße aus Köln');
    expect(sdp.phones).toEqual(['+1 617 555-6011']);
    expect(sdp.connection).toMatchObject({ address: '224.2.1.1', ttl: 127, count: 3 });
    expect(sdp.bandwidths).toEqual([{ type: 'CT', value: 128, line: 10 }]);
    expect(sdp.timings.map((t) => [t.start, t.stop, t.repeats])).toEqual([
      ['2873397496', '2873404696', ['604800 3600 0 90000', '7d 1h 0 25h']],
      ['0', '0', []],
    ]);
    expect(sdp.timezones).toBe('2882844526 -1h 2898848070 0');
    expect(sdp.key).toBe('prompt');
    expect(sdp.attributes[1]).toEqual({ name: 'tool', value: 'tööl 1.0 ✓', line: 18 });
    const [audio, app] = sdp.media;
    expect(audio).toMatchObject({ port: 49170, portCount: 2, information: 'audio stream', key: 'clear:secret' });
    expect(audio!.connections).toEqual([
      { netType: 'IN', addrType: 'IP6', address: 'FF15::101', ttl: null, count: 3, line: 21 },
      { netType: 'IN', addrType: 'IP4', address: 'host.example.com', ttl: null, count: null, line: 22 },
    ]);
    expect(audio!.bandwidths.map((b) => [b.type, b.value])).toEqual([['AS', 64], ['TIAS', 64000]]);
    expect(audio!.attributes.find((a) => a.name === 'empty-value')?.value).toBe('');
    expect(app).toMatchObject({ type: 'application', proto: 'udp', formats: ['wb'] });
  });
});

/** A small valid SDP; the malformed cases below change one or two lines of it. */
const BASE = [
  'v=0', //                                   1
  'o=- 1 1 IN IP4 192.0.2.1', //               2
  's=-', //                                   3
  'c=IN IP4 192.0.2.1', //                     4
  't=0 0', //                                 5
  'm=audio 4000 RTP/AVP 0 101', //             6
  'a=rtpmap:101 telephone-event/8000', //      7
  'a=fmtp:101 0-15', //                        8
];

const withLine = (n: number, line: string | null): string => crlf(...BASE.flatMap((l, i) => (i + 1 === n ? (line === null ? [] : [line]) : [l])));
const plus = (...lines: string[]): string => crlf(...BASE, ...lines);

// [name, SDP text, expected problems as (E|W)@line:column, words one of the messages contains]
const MALFORMED: ReadonlyArray<[string, string, string[], string]> = [
  ['empty input', '', ['E@1:1'], 'empty'],
  ['not starting with v=', withLine(1, null), ['E@1:1'], 'must start with v='],
  ['v=1', withLine(1, 'v=1'), ['E@1:3'], 'v= must be 0'],
  ['line without "="', withLine(3, 'garbage'), ['E@3:2', 'E@4:1'], 'not <type>=<value>'],
  ['space before "="', withLine(3, 's =-'), ['E@3:2', 'E@4:1'], 'not <type>=<value>'],
  ['unknown type letter', plus('x=foo'), ['E@9:1'], 'unknown SDP type "x="'],
  ['o= with 5 fields', withLine(2, 'o=- 1 1 IN IP4'), ['E@2:3'], 'o= needs 6 fields'],
  ['o= with a bad IPv4 address', withLine(2, 'o=- 1 1 IN IP4 192.0.2.999'), ['E@2:16'], 'not an IPv4 address'],
  ['o= non-numeric session id', withLine(2, 'o=- abc 1 IN IP4 192.0.2.1'), ['W@2:5'], 'not numeric'],
  ['o= with double spaces', withLine(2, 'o=-  1 1 IN IP4 192.0.2.1'), ['W@2:5'], 'single spaces'],
  ['s= missing', withLine(3, null), ['E@3:1'], 'no s= (session name)'],
  ['s= empty', withLine(3, 's='), ['W@3:3'], 's= is empty'],
  ['o= missing', withLine(2, null), ['E@2:1'], 'no o= (origin)'],
  ['t= missing', withLine(5, null), ['E@5:1'], 'no t= (timing)'],
  ['t= not numeric', withLine(5, 't=now later'), ['E@5:3'], 't= must be'],
  ['duplicate s=', withLine(3, 's=-\r\ns=again'), ['E@4:1'], 'more than one s='],
  ['c= missing everywhere', withLine(4, null), ['E@5:1'], 'no c= line'],
  ['c= with two fields', withLine(4, 'c=IN IP4'), ['E@4:3', 'E@6:1'], 'c= needs 3 fields'],
  ['c= bad IPv4', withLine(4, 'c=IN IP4 300.1.1.1'), ['E@4:10'], 'not an IPv4 address'],
  ['c= IPv6 address with IP4', withLine(4, 'c=IN IP4 2001:db8::1'), ['E@4:10'], 'IPv6 address but the address type is IP4'],
  ['c= IPv4 address with IP6', withLine(4, 'c=IN IP6 192.0.2.1'), ['E@4:10'], 'IPv4 address but the address type is IP6'],
  ['c= IPv4 multicast without TTL', withLine(4, 'c=IN IP4 224.2.1.1'), ['E@4:19'], 'needs a TTL'],
  ['c= multicast TTL above 255', withLine(4, 'c=IN IP4 224.2.1.1/256'), ['E@4:20'], 'TTL "256"'],
  ['c= unicast with a TTL', withLine(4, 'c=IN IP4 192.0.2.1/127'), ['E@4:19'], 'only allowed after a multicast'],
  ['c= multicast count 0', withLine(4, 'c=IN IP4 224.2.1.1/127/0'), ['E@4:24'], 'positive integer'],
  ['c= unknown address type', withLine(4, 'c=IN IPX 192.0.2.1'), ['W@4:6'], 'neither IP4 nor IP6'],
  ['m= port above 65535', withLine(6, 'm=audio 70000 RTP/AVP 0 101'), ['E@6:9'], 'port "70000"'],
  ['m= port count 0', withLine(6, 'm=audio 4000/0 RTP/AVP 0 101'), ['E@6:14'], 'number of ports'],
  ['m= without formats', withLine(6, 'm=audio 4000 RTP/AVP'), ['E@6:21', 'W@7:10', 'W@8:8'], 'at least one format'],
  ['m= with too few fields', withLine(6, 'm=audio'), ['E@6:8', 'W@8:8'], 'a media type, port and proto'],
  ['m= RTP format not an integer', withLine(6, 'm=audio 4000 RTP/AVP 0 101 telephone'), ['E@6:28'], 'not an RTP payload type'],
  ['m= RTP payload type 128', withLine(6, 'm=audio 4000 RTP/AVP 0 101 128'), ['E@6:28'], 'not an RTP payload type'],
  ['m= byte columns after UTF-8', withLine(6, 'm=audiö 4000 RTP/AVP 0 101 x'), ['E@6:29'], 'format "x"'],
  ['rtpmap for a payload type not on m=', plus('a=rtpmap:102 telephone-event/16000'), ['W@9:10'], 'not in the m= format list'],
  ['rtpmap without a clock rate', withLine(7, 'a=rtpmap:101 telephone-event'), ['W@6:1', 'W@7:10'], 'a=rtpmap must be'],
  ['rtpmap twice for one payload type', plus('a=rtpmap:101 telephone-event/16000'), ['W@9:10'], 'a second a=rtpmap'],
  ['fmtp for a format not on m=', plus('a=fmtp:18 annexb=no'), ['W@9:8'], 'not in the m= format list'],
  ['fmtp without parameters', withLine(8, 'a=fmtp:101'), ['W@8:8'], 'a=fmtp must be'],
  ['dynamic payload type without rtpmap', withLine(7, null), ['W@6:1'], 'payload type 101 has no a=rtpmap'],
  ['ptime not numeric', plus('a=ptime:twenty'), ['W@9:9'], 'a=ptime must be a number'],
  ['attribute without a name', plus('a=:x'), ['E@9:3'], 'no attribute name'],
  ['conflicting directions', plus('a=sendonly', 'a=inactive'), ['W@10:1'], 'conflicts with a=sendonly'],
  ['session-level rtpmap', withLine(5, 't=0 0\r\na=rtpmap:0 PCMU/8000'), ['W@6:1'], 'media-level attribute'],
  ['crypto on RTP/AVP', plus('a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR'), ['W@9:10'], 'proto RTP/AVP'],
  ['malformed crypto', plus('a=crypto:x AES_CM_128_HMAC_SHA1_80'), ['W@9:10'], 'a=crypto must be'],
  ['malformed candidate', plus('a=candidate:1 1 udp 2122260223 192.0.2.1 5000 host'), ['W@9:13'], 'a=candidate must be'],
  ['c= after t= (out of order)', crlf('v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 't=0 0', 'c=IN IP4 192.0.2.1', 'm=audio 4000 RTP/AVP 0'), ['W@5:1'], 'out of order'],
  ['c= and b= after t= (two warnings)', crlf('v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 't=0 0', 'c=IN IP4 192.0.2.1', 'b=AS:64', 'm=audio 4000 RTP/AVP 0'), ['W@5:1', 'W@6:1'], 'b= is out of order (RFC 4566 §5 puts it before t=)'],
  ['media a= before c=', crlf(...BASE.slice(0, 3), 't=0 0', 'm=audio 4000 RTP/AVP 0', 'a=sendrecv', 'c=IN IP4 192.0.2.1'), ['W@7:1'], 'out of order'],
  ['t= after m=', crlf(...BASE.slice(0, 4), 'm=audio 4000 RTP/AVP 0', 't=0 0'), ['W@6:1'], 'after the first m= line'],
  ['r= without t=', crlf(...BASE.slice(0, 4), 'r=7d 1h 0', 't=0 0', 'm=audio 4000 RTP/AVP 0'), ['W@5:1'], 'r= must directly follow'],
  ['bare LF line ends (one warning)', BASE.join('\n') + '\n', ['W@1:4'], 'bare LF'],
  ['mixed line ends', crlf(...BASE).replace('s=-\r\n', 's=-\n'), ['W@3:4'], 'bare LF'],
  ['empty line inside', withLine(5, '\r\nt=0 0'), ['W@5:1'], 'empty line'],
  ['three empty lines inside (one warning)', withLine(5, '\r\n\n\r\nt=0 0'), ['W@5:1', 'W@6:1'], '3 empty lines'],
  ['no CRLF after the last line', crlf(...BASE).slice(0, -2), ['W@8:16'], 'does not end with CRLF'],
  ['NUL byte inside a line', withLine(3, 's=a\0b'), ['E@3:4'], 'NUL'],
];

describe('parseSdp: malformed input reports the specific problem at the right place', () => {
  test.each(MALFORMED)('%s', (_name, text, expected, word) => {
    const { problems } = parseSdp(text);
    expect(at(problems)).toEqual(expected);
    expect(problems.map((p) => p.message).join('\n')).toContain(word);
  });

  test('trailing empty lines at the end are fine', () => {
    expect(parseSdp(crlf(...BASE) + '\r\n').problems).toEqual([]);
    expect(parseSdp(crlf(...BASE) + '\r\n\r\n').problems).toEqual([]);
  });

  test('a string and its UTF-8 bytes give the same result', () => {
    const text = withLine(3, 's=Grüße ✓');
    expect(parseSdp(Buffer.from(text, 'utf8'))).toEqual(parseSdp(text));
    expect(parseSdp(text).sdp.sessionName).toBe('Grüße ✓');
  });

  test('session-level c= covers every m= without its own', () => {
    const text = crlf(...BASE, 'm=video 5000 RTP/AVP 31');
    expect(parseSdp(text).problems).toEqual([]);
  });

  test('media-level c= on each m= replaces the session c=', () => {
    const text = crlf(...BASE.slice(0, 3), 't=0 0', 'm=audio 4000 RTP/AVP 0', 'c=IN IP4 192.0.2.1', 'm=video 5000 RTP/AVP 31');
    expect(at(parseSdp(text).problems)).toEqual(['E@7:1']);
  });

  test('malformed lines are skipped; what follows still belongs to the right block', () => {
    const { sdp } = parseSdp(crlf(...BASE.slice(0, 5), 'm=audio', 'a=sendonly', 'm=video 5000 RTP/AVP 31', 'a=recvonly'));
    expect(sdp.media.map((m) => m.attributes.map((a) => a.name))).toEqual([['sendonly'], ['recvonly']]);
  });
});
