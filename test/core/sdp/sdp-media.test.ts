import { parseSdp } from '../../../src/core/sdp/parse-sdp.js';
import {
  attributeValues,
  candidates,
  cryptos,
  effectiveConnection,
  fmtps,
  isRtpProto,
  mediaDirection,
  parseCandidate,
  parseCrypto,
  parseRtpmap,
  ptime,
  rtpmaps,
} from '../../../src/core/sdp/sdp-media.js';
import type { Sdp } from '../../../src/core/sdp/types.js';
import { CARRIER_G711, crlf, HOLD, IPV6, SRTP_SDES, WEBRTC_OFFER } from './sdp-samples.js';

const sdpOf = (text: string): Sdp => parseSdp(text).sdp;

describe('rtpmaps', () => {
  test('carrier offer: rtpmap lines in m= order', () => {
    expect(rtpmaps(sdpOf(CARRIER_G711).media[0]!)).toEqual([
      { payloadType: 0, encoding: 'PCMU', clockRate: 8000, channels: null },
      { payloadType: 8, encoding: 'PCMA', clockRate: 8000, channels: null },
      { payloadType: 101, encoding: 'telephone-event', clockRate: 8000, channels: null },
    ]);
  });

  test('static payload types fill in when there is no rtpmap', () => {
    const sdp = sdpOf(crlf('v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0', 'm=audio 4000 RTP/AVP 18 3 4 9 0 8 101', 'a=rtpmap:101 telephone-event/8000'));
    expect(rtpmaps(sdp.media[0]!).map((r) => `${r.payloadType} ${r.encoding}/${r.clockRate}`)).toEqual([
      '18 G729/8000', '3 GSM/8000', '4 G723/8000', '9 G722/8000', '0 PCMU/8000', '8 PCMA/8000', '101 telephone-event/8000',
    ]);
    expect(rtpmaps(sdp.media[0]!)[4]).toEqual({ payloadType: 0, encoding: 'PCMU', clockRate: 8000, channels: null });
    const l16 = sdpOf(crlf('v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0', 'm=audio 4000 RTP/AVP 10 11 96', 'm=image 4002 udptl t38'));
    expect(rtpmaps(l16.media[0]!)).toEqual([
      { payloadType: 10, encoding: 'L16', clockRate: 44100, channels: 2 },
      { payloadType: 11, encoding: 'L16', clockRate: 44100, channels: null },
    ]);
    expect(rtpmaps(l16.media[1]!)).toEqual([]);
  });

  test('WebRTC offer: opus with 2 channels, red, telephone-event at two rates', () => {
    const audio = rtpmaps(sdpOf(WEBRTC_OFFER).media[0]!);
    expect(audio[0]).toEqual({ payloadType: 111, encoding: 'opus', clockRate: 48000, channels: 2 });
    expect(audio.map((r) => r.payloadType)).toEqual([111, 63, 9, 0, 8, 13, 110, 126]);
  });

  test.each([
    ['101 telephone-event/8000', { payloadType: 101, encoding: 'telephone-event', clockRate: 8000, channels: null }],
    ['111 opus/48000/2', { payloadType: 111, encoding: 'opus', clockRate: 48000, channels: 2 }],
    ['101 telephone-event', null],
    ['128 foo/8000', null],
    ['x foo/8000', null],
    ['101 /8000', null],
  ])('parseRtpmap(%j)', (value, expected) => {
    expect(parseRtpmap(value)).toEqual(expected);
  });
});

test('fmtps: parameters by payload type', () => {
  expect(fmtps(sdpOf(CARRIER_G711).media[0]!)).toEqual(new Map([[101, '0-16']]));
  expect(fmtps(sdpOf(WEBRTC_OFFER).media[1]!)).toEqual(new Map([[97, 'apt=96']]));
});

describe('mediaDirection', () => {
  const base = ['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0'];
  test.each([
    ['no attribute anywhere', [], [], 'sendrecv'],
    ['media sendonly (hold)', [], ['a=sendonly'], 'sendonly'],
    ['session recvonly applies to the media', ['a=recvonly'], [], 'recvonly'],
    ['media overrides session', ['a=inactive'], ['a=sendrecv'], 'sendrecv'],
  ])('%s', (_name, session, media, expected) => {
    const sdp = sdpOf(crlf(...base, ...session, 'm=audio 4000 RTP/AVP 0', ...media));
    expect(mediaDirection(sdp.media[0]!, sdp)).toBe(expected);
  });

  test('hold sample', () => {
    const sdp = sdpOf(HOLD);
    expect(mediaDirection(sdp.media[0]!, sdp)).toBe('sendonly');
    expect(effectiveConnection(sdp.media[0]!, sdp)?.address).toBe('0.0.0.0');
  });
});

test('ptime', () => {
  expect(ptime(sdpOf(CARRIER_G711).media[0]!)).toBe(20);
  expect(ptime(sdpOf(IPV6).media[0]!)).toBeNull();
});

test('effectiveConnection: media c= first, else session c=', () => {
  const webrtc = sdpOf(WEBRTC_OFFER);
  expect(effectiveConnection(webrtc.media[0]!, webrtc)).toBe(webrtc.media[0]!.connections[0]);
  const ipv6 = sdpOf(IPV6);
  expect(effectiveConnection(ipv6.media[0]!, ipv6)).toBe(ipv6.connection);
});

describe('cryptos', () => {
  test('SRTP SDES offer', () => {
    expect(cryptos(sdpOf(SRTP_SDES).media[0]!)).toEqual([
      { tag: 1, suite: 'AES_CM_128_HMAC_SHA1_80', keyParams: ['inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32'], sessionParams: [] },
      { tag: 2, suite: 'AES_CM_128_HMAC_SHA1_32', keyParams: ['inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:32'], sessionParams: ['UNENCRYPTED_SRTCP'] },
    ]);
  });

  test('several key params', () => {
    expect(parseCrypto('1 AES_CM_128_HMAC_SHA1_80 inline:AAAA|2^20;inline:BBBB|2^20 KDR=1 UNAUTHENTICATED_SRTP')).toEqual({
      tag: 1, suite: 'AES_CM_128_HMAC_SHA1_80', keyParams: ['inline:AAAA|2^20', 'inline:BBBB|2^20'], sessionParams: ['KDR=1', 'UNAUTHENTICATED_SRTP'],
    });
    expect(parseCrypto('1 AES_CM_128_HMAC_SHA1_80')).toBeNull();
    expect(parseCrypto('x AES_CM_128_HMAC_SHA1_80 inline:AAAA')).toBeNull();
    expect(parseCrypto('1 AES_CM_128_HMAC_SHA1_80 AAAA')).toBeNull();
  });
});

describe('candidates', () => {
  test('WebRTC offer: host, srflx with raddr/rport, TCP with tcptype', () => {
    const c = candidates(sdpOf(WEBRTC_OFFER).media[0]!);
    expect(c).toHaveLength(3);
    expect(c[0]).toEqual({
      foundation: '1467250027', component: 1, transport: 'udp', priority: 2122260223, address: '192.168.0.196', port: 46243, type: 'host',
      extensions: [{ name: 'generation', value: '0' }, { name: 'network-id', value: '1' }],
    });
    expect(c[1]).toMatchObject({ type: 'srflx', address: '198.51.100.7', raddr: '192.168.0.196', rport: 46243 });
    expect(c[2]).toMatchObject({ transport: 'tcp', port: 9, extensions: [{ name: 'tcptype', value: 'active' }, { name: 'generation', value: '0' }, { name: 'network-id', value: '1' }] });
  });

  test.each([
    '1 1 udp 2122260223 192.0.2.1 5000 host',
    '1 x udp 2122260223 192.0.2.1 5000 typ host',
    '1 1 udp 2122260223 192.0.2.1 70000 typ host',
    '1 1 udp 2122260223 192.0.2.1 5000 typ relay raddr',
  ])('malformed: %s', (value) => {
    expect(parseCandidate(value)).toBeNull();
  });
});

test('isRtpProto', () => {
  expect(['RTP/AVP', 'RTP/SAVP', 'RTP/AVPF', 'RTP/SAVPF', 'UDP/TLS/RTP/SAVPF', 'TCP/RTP/AVP'].every(isRtpProto)).toBe(true);
  expect(['udptl', 'UDP/BFCP', 'UDP/DTLS/SCTP', 'TCP/MSRP', 'udp'].some(isRtpProto)).toBe(false);
});

test('attributeValues', () => {
  const sdp = sdpOf(WEBRTC_OFFER);
  expect(attributeValues(sdp.attributes, 'group')).toEqual(['BUNDLE 0 1']);
  expect(attributeValues(sdp.media[1]!.attributes, 'rtcp-fb')).toEqual(['96 nack', '96 nack pli']);
  expect(attributeValues(sdp.media[1]!.attributes, 'rtcp-mux')).toEqual([null]);
});
