/** Real-world shaped SDP bodies (CRLF, RFC 4566 order), shared by the SDP tests. */

export const crlf = (...lines: string[]): string => lines.map((l) => l + '\r\n').join('');

/** A carrier (SBC) G.711 offer with RFC 4733 telephone-event. */
export const CARRIER_G711 = crlf(
  'v=0',
  'o=- 1693939413 1693939413 IN IP4 203.0.113.10',
  's=SBC',
  'c=IN IP4 203.0.113.10',
  't=0 0',
  'm=audio 16384 RTP/AVP 0 8 101',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-16',
  'a=ptime:20',
  'a=maxptime:40',
  'a=sendrecv',
);

const FINGERPRINT = 'sha-256 D2:FA:0E:C3:22:59:5E:14:95:69:92:3D:13:B4:84:24:2C:C2:A2:C0:3E:FD:34:8E:5E:EA:6F:AF:52:CE:E6:0F';

/** A browser (WebRTC) offer: BUNDLE, ICE candidates, DTLS fingerprint, rtcp-mux. */
export const WEBRTC_OFFER = crlf(
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1',
  'a=extmap-allow-mixed',
  'a=msid-semantic: WMS stream1',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
  'c=IN IP4 0.0.0.0',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0 network-id 1',
  'a=candidate:842163049 1 udp 1686052607 198.51.100.7 46243 typ srflx raddr 192.168.0.196 rport 46243 generation 0 network-id 1',
  'a=candidate:1853887674 1 tcp 1518280447 192.168.0.196 9 typ host tcptype active generation 0 network-id 1',
  'a=ice-ufrag:EsAw',
  'a=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y',
  'a=ice-options:trickle',
  `a=fingerprint:${FINGERPRINT}`,
  'a=setup:actpass',
  'a=mid:0',
  'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level',
  'a=sendrecv',
  'a=msid:stream1 track1',
  'a=rtcp-mux',
  'a=rtpmap:111 opus/48000/2',
  'a=rtcp-fb:111 transport-cc',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:63 red/48000/2',
  'a=fmtp:63 111/111',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:13 CN/8000',
  'a=rtpmap:110 telephone-event/48000',
  'a=rtpmap:126 telephone-event/8000',
  'a=ssrc:3570614608 cname:4TOk42mSjXCkVIa6',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97',
  'c=IN IP4 0.0.0.0',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=ice-ufrag:EsAw',
  'a=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y',
  `a=fingerprint:${FINGERPRINT}`,
  'a=setup:actpass',
  'a=mid:1',
  'a=recvonly',
  'a=rtcp-mux',
  'a=rtcp-rsize',
  'a=rtpmap:96 VP8/90000',
  'a=rtcp-fb:96 nack',
  'a=rtcp-fb:96 nack pli',
  'a=rtpmap:97 rtx/90000',
  'a=fmtp:97 apt=96',
);

/** An SDES-SRTP offer (RFC 4568 §9 style keys). */
export const SRTP_SDES = crlf(
  'v=0',
  'o=alice 2890844526 2890844526 IN IP4 192.0.2.10',
  's=-',
  'c=IN IP4 192.0.2.10',
  't=0 0',
  'm=audio 49170 RTP/SAVP 0 101',
  'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32',
  'a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:32 UNENCRYPTED_SRTCP',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-15',
);

/** A re-INVITE putting the call on hold: RFC 2543 style c=0.0.0.0 plus a=sendonly. */
export const HOLD = crlf(
  'v=0',
  'o=- 1 3 IN IP4 192.0.2.20',
  's=-',
  'c=IN IP4 0.0.0.0',
  't=0 0',
  'm=audio 5004 RTP/AVP 0',
  'a=sendonly',
);

/** IPv6 addresses in o= and c=. */
export const IPV6 = crlf(
  'v=0',
  'o=bob 2808844564 2808844564 IN IP6 2001:db8::1',
  's=-',
  'c=IN IP6 2001:db8::1',
  't=0 0',
  'm=audio 49172 RTP/AVP 8',
  'a=rtpmap:8 PCMA/8000',
);

/** An answer rejecting the video stream with port 0 (RFC 3264 §6). */
export const REJECTED_VIDEO = crlf(
  'v=0',
  'o=- 1 2 IN IP4 192.0.2.30',
  's=-',
  'c=IN IP4 192.0.2.30',
  't=0 0',
  'm=audio 49172 RTP/AVP 0',
  'a=rtpmap:0 PCMU/8000',
  'm=video 0 RTP/AVP 96',
);

/** The RFC 4566 §5 example: multicast c= with a TTL, every session field in order. */
export const MULTICAST_SEMINAR = crlf(
  'v=0',
  'o=jdoe 2890844526 2890842807 IN IP4 10.47.16.5',
  's=SDP Seminar',
  'i=A Seminar on the session description protocol',
  'u=http://www.example.com/seminars/sdp.pdf',
  'e=j.doe@example.com (Jane Doe)',
  'c=IN IP4 224.2.17.12/127',
  't=2873397496 2873404696',
  'a=recvonly',
  'm=audio 49170 RTP/AVP 0',
  'm=video 51372 RTP/AVP 99',
  'a=rtpmap:99 h263-1998/90000',
);

/** Every field type, in canonical order, including UTF-8 text. */
export const KITCHEN_SINK = crlf(
  'v=0',
  'o=jdoe 2890844526 2890842807 IN IP4 10.47.16.5',
  's=Grüße aus Köln',
  'i=Ein Seminar',
  'u=http://www.example.com/seminars/sdp.pdf',
  'e=j.doe@example.com (Jane Doe)',
  'e=Jane Doe <j.doe@example.com>',
  'p=+1 617 555-6011',
  'c=IN IP4 224.2.1.1/127/3',
  'b=CT:128',
  't=2873397496 2873404696',
  'r=604800 3600 0 90000',
  'r=7d 1h 0 25h',
  't=0 0',
  'z=2882844526 -1h 2898848070 0',
  'k=prompt',
  'a=recvonly',
  'a=tool:tööl 1.0 ✓',
  'm=audio 49170/2 RTP/AVP 0 96',
  'i=audio stream',
  'c=IN IP6 FF15::101/3',
  'c=IN IP4 host.example.com',
  'b=AS:64',
  'b=TIAS:64000',
  'k=clear:secret',
  'a=rtpmap:96 L16/16000/2',
  'a=ptime:20',
  'a=empty-value:',
  'm=application 5000 udp wb',
  'a=orient:portrait',
);

export const SAMPLES: ReadonlyArray<[string, string]> = [
  ['carrier G.711 offer', CARRIER_G711],
  ['WebRTC offer', WEBRTC_OFFER],
  ['SRTP SDES offer', SRTP_SDES],
  ['hold (c=0.0.0.0, sendonly)', HOLD],
  ['IPv6', IPV6],
  ['rejected m= (port 0)', REJECTED_VIDEO],
  ['multicast with TTL (RFC 4566 example)', MULTICAST_SEMINAR],
  ['kitchen sink', KITCHEN_SINK],
];
