/**
 * Synthetic call flows for report tests and benchmarks: `calls` INVITE dialogs of four messages
 * each (INVITE with SDP, 100, 200 with SDP, ACK), every tenth with a private Contact so there are
 * findings to draw. CRLF, deterministic.
 */
export function callCorpus(calls: number): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < calls; i++) {
    const id = `c${i}-${(i * 2654435761) >>> 0}@app.example.com`;
    const host = i % 10 === 0 ? '10.0.0.5' : '198.51.100.20';
    const sdp = ['v=0', `o=- ${i} 0 IN IP4 ${host}`, 's=-', `c=IN IP4 ${host}`, 't=0 0', 'm=audio 40000 RTP/AVP 0 101', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-15', ''].join('\r\n');
    const head = (first: string, via: string, extra: string[], body = ''): string =>
      [first, `Via: SIP/2.0/UDP ${via}`, 'Max-Forwards: 70', `From: <sip:+14155550100@app.example.com>;tag=f${i}`, `To: <sip:+442071838750@sip.carrier.example;user=phone>${first.startsWith('SIP/2.0 1') && first.includes('100') ? '' : `;tag=t${i}`}`, `Call-ID: ${id}`, ...extra, `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n');
    const via = `${host}:5060;branch=z9hG4bK${i}a;rport`;
    parts.push(head('INVITE sip:+442071838750@sip.carrier.example;user=phone SIP/2.0', via, ['CSeq: 1 INVITE', `Contact: <sip:app@${host}:5060>`, 'Content-Type: application/sdp'], sdp).replace(`;tag=t${i}`, ''));
    parts.push(head('SIP/2.0 100 Trying', via + ';received=203.0.113.9', ['CSeq: 1 INVITE']));
    parts.push(head('SIP/2.0 200 OK', via + ';received=203.0.113.9', ['CSeq: 1 INVITE', '<sip:gw1.carrier.example:5060>'.replace(/^/, 'Contact: '), 'Content-Type: application/sdp'], sdp.replaceAll(host, '203.0.113.50')));
    parts.push(head('ACK sip:gw1.carrier.example:5060 SIP/2.0', `${host}:5060;branch=z9hG4bK${i}b;rport`, ['CSeq: 1 ACK']));
  }
  return Buffer.from(parts.join(''), 'latin1');
}
