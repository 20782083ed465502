// The capture generator shared by bench/capture.js and bench/explain.js: calls (INVITE, 100, 180,
// 200, ACK, BYE, 200), half over UDP and half over TCP with handshakes and closes, written with
// siptool's own pcap writer until the file reaches the size asked for.
//
// Media: by default each call offers and answers its own RTP ports (the PBX from 20000 up, the
// carrier's media gateway from 30000 up, even ports from pools of 15,000, as media servers hand
// them out). `{ sharedMediaPort: true }` writes the captures of stops 6 to 15 instead, in which
// every call's offer and answer name the same address and port (203.0.113.10:40000): Wireshark's
// SDP dissector then sets up its RTP conversation on one address and port again and again, and
// tshark's time grows with the square of the number of calls (at 64 MB, 75 s instead of 5.7 s;
// `tshark --disable-protocol sdp` takes the 16 MB file from 6.2 to 1.7 s). No media server reuses
// one port for every call, so the per-call ports are the fair comparison.
import { statSync } from 'node:fs';
import { createPcapFile } from '../dist/index.js';

const sdp = (address, port) =>
  `v=0\r\no=- 20518 0 IN IP4 ${address}\r\ns=-\r\nc=IN IP4 ${address}\r\nt=0 0\r\nm=audio ${port} RTP/AVP 0 8 101\r\n` +
  'a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n';

/** Media ports a pool hands out: even, from `base`, 15,000 of them, one per call in turn. */
const MEDIA_POOL = 15_000;
const SHARED_SDP = sdp('203.0.113.10', 40000);

const CARRIER_CONTACT = 'Contact: <sip:+14155550100@198.51.100.1:5060>\r\n';

function message(start, call, cseq, method, via, body = '') {
  const response = start.startsWith('SIP/');
  // the To tag: in responses past 100, and in the in-dialog requests (ACK, BYE)
  const toTag = (response && !start.startsWith('SIP/2.0 100')) || method === 'ACK' || method === 'BYE' ? `;tag=${call.id}b` : '';
  // Contact: the PBX's in its INVITE, the carrier's in its 180 and 200 to the INVITE
  const contact = !response && method === 'INVITE' ? `Contact: <sip:+12125550100@${call.host}:${call.port};transport=${via.toLowerCase()}>\r\n` : response && method === 'INVITE' && !start.startsWith('SIP/2.0 100') ? CARRIER_CONTACT : '';
  return (
    `${start}\r\nVia: SIP/2.0/${via} ${call.host}:${call.port};branch=z9hG4bK${call.id}x${cseq}${method[0]};rport\r\nMax-Forwards: 70\r\n` +
    `From: "Alice" <sip:+12125550100@pbx.example.com>;tag=${call.id}a\r\nTo: <sip:+14155550100@carrier.example.net>${toTag}\r\n` +
    `Call-ID: ${call.id}@pbx.example.com\r\nCSeq: ${cseq} ${method}\r\n${contact}` +
    `User-Agent: siptool-bench\r\nAllow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\n${body ? 'Content-Type: application/sdp\r\n' : ''}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

/**
 * The messages of call `i` (INVITE, 100, 180, 200, ACK, BYE, 200), each with whether the PBX sent
 * it (else the carrier): over TCP for odd calls, UDP for even ones; its own media ports unless
 * `sharedMediaPort` (see the top of this file).
 */
export function callMessages(i, { sharedMediaPort = false } = {}) {
  const tcp = i % 2 === 1;
  const host = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  // client ports above 5060 and not registered to other tshark dissectors
  const call = { id: `c${i}`, host, port: tcp ? 30000 + (i % 20000) : 5060 };
  const via = tcp ? 'TCP' : 'UDP';
  const ruri = 'sip:+14155550100@carrier.example.net';
  const offer = sharedMediaPort ? SHARED_SDP : sdp('203.0.113.10', 20000 + 2 * (i % MEDIA_POOL));
  const answer = sharedMediaPort ? SHARED_SDP : sdp('198.51.100.20', 30000 + 2 * (i % MEDIA_POOL));
  return {
    tcp,
    pbx: { address: host, port: call.port },
    messages: [
      { fromPbx: true, text: message(`INVITE ${ruri} SIP/2.0`, call, 1, 'INVITE', via, offer) },
      { fromPbx: false, text: message('SIP/2.0 100 Trying', call, 1, 'INVITE', via) },
      { fromPbx: false, text: message('SIP/2.0 180 Ringing', call, 1, 'INVITE', via) },
      { fromPbx: false, text: message('SIP/2.0 200 OK', call, 1, 'INVITE', via, answer) },
      { fromPbx: true, text: message(`ACK ${ruri} SIP/2.0`, call, 1, 'ACK', via) },
      { fromPbx: true, text: message(`BYE ${ruri} SIP/2.0`, call, 2, 'BYE', via) },
      { fromPbx: false, text: message('SIP/2.0 200 OK', call, 2, 'BYE', via) },
    ],
  };
}

/**
 * Writes calls (callMessages) until the file reaches `mb` MB.
 * `sharedMediaPort`: every call's SDP names 203.0.113.10:40000 (see the top of this file).
 */
export function generate(file, mb, { sharedMediaPort = false } = {}) {
  const w = createPcapFile(file);
  const carrier = { address: '198.51.100.1', port: 5060 };
  let t = Date.UTC(2026, 0, 1);
  let calls = 0;
  let messages = 0;
  for (let i = 0; w.bytes < mb * 1024 * 1024; i++) {
    const { tcp, pbx, messages: sent } = callMessages(i, { sharedMediaPort });
    for (const m of sent) {
      (tcp ? w.tcp : w.udp).call(w, { src: m.fromPbx ? pbx : carrier, dst: m.fromPbx ? carrier : pbx, payload: m.text, time: (t += 3) });
      messages++;
    }
    if (tcp) w.tcpClose({ src: pbx, dst: carrier, time: (t += 1) });
    calls++;
  }
  w.end();
  return { calls, messages, bytes: statSync(file).size };
}
