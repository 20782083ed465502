/**
 * Small builders for rule test cases, in the shape of fixtures/explain: an outgoing INVITE from
 * app.example.com (198.51.100.20) to trunk.carrier.example and the carrier's responses. Text uses
 * LF (the RuleTester turns it into CRLF); Content-Length is computed for the CRLF form.
 */

export const SDP = [
  'v=0',
  'o=- 1 1 IN IP4 198.51.100.20',
  's=-',
  'c=IN IP4 198.51.100.20',
  't=0 0',
  'm=audio 40000 RTP/AVP 0 8 101',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-16',
  'a=sendrecv',
  '',
].join('\n');

export interface InviteOptions {
  method?: string;
  ruri?: string;
  to?: string;
  from?: string;
  via?: string;
  contact?: string | null;
  callId?: string;
  cseq?: string;
  maxForwards?: string;
  /** Extra header lines, each ending with "\n". */
  extra?: string;
  sdp?: string;
}

function withBody(head: string, body: string | undefined): string {
  if (!body) return `${head}Content-Length: 0\n\n`;
  const len = Buffer.byteLength(body.replace(/\r?\n/g, '\r\n'), 'utf8');
  return `${head}Content-Type: application/sdp\nContent-Length: ${len}\n\n${body}`;
}

export function invite(o: InviteOptions = {}): string {
  const method = o.method ?? 'INVITE';
  const ruri = o.ruri ?? 'sip:+14155550100@trunk.carrier.example';
  const contact = o.contact === undefined ? '<sip:app@198.51.100.20:5060>' : o.contact;
  let head = `${method} ${ruri} SIP/2.0\n`;
  head += `Via: ${o.via ?? 'SIP/2.0/UDP 198.51.100.20:5060;branch=z9hG4bKinv1;rport'}\n`;
  head += `Max-Forwards: ${o.maxForwards ?? '70'}\n`;
  head += `From: ${o.from ?? '<sip:+12125550100@app.example.com>;tag=a1'}\n`;
  head += `To: ${o.to ?? `<${ruri}>`}\n`;
  head += `Call-ID: ${o.callId ?? 'call-1@app.example.com'}\n`;
  head += `CSeq: ${o.cseq ?? `1 ${method}`}\n`;
  if (contact !== null) head += `Contact: ${contact}\n`;
  head += o.extra ?? '';
  return withBody(head, o.sdp);
}

export interface ResponseOptions {
  cseq?: string;
  /** The To tag parameter (";tag=c1" by default; "" for none). */
  toTag?: string;
  via?: string;
  callId?: string;
  from?: string;
  to?: string;
  extra?: string;
  sdp?: string;
}

export function response(status: number, reason: string, o: ResponseOptions = {}): string {
  let head = `SIP/2.0 ${status} ${reason}\n`;
  head += `Via: ${o.via ?? 'SIP/2.0/UDP 198.51.100.20:5060;branch=z9hG4bKinv1;rport=5060'}\n`;
  head += `From: ${o.from ?? '<sip:+12125550100@app.example.com>;tag=a1'}\n`;
  head += `To: ${o.to ?? '<sip:+14155550100@trunk.carrier.example>'}${o.toTag ?? ';tag=c1'}\n`;
  head += `Call-ID: ${o.callId ?? 'call-1@app.example.com'}\n`;
  head += `CSeq: ${o.cseq ?? '1 INVITE'}\n`;
  head += o.extra ?? '';
  return withBody(head, o.sdp);
}

/** An in-dialog request from the caller (tags a1/c1) to the carrier's gateway. */
export function inDialog(method: string, o: { ruri?: string; cseq?: string; branch?: string; route?: string; extra?: string; fromTag?: string; toTag?: string; via?: string } = {}): string {
  let head = `${method} ${o.ruri ?? 'sip:gw1.carrier.example'} SIP/2.0\n`;
  head += `Via: ${o.via ?? `SIP/2.0/UDP 198.51.100.20:5060;branch=${o.branch ?? 'z9hG4bKack1'};rport`}\n`;
  head += o.route ?? '';
  head += 'Max-Forwards: 70\n';
  head += `From: <sip:+12125550100@app.example.com>;tag=${o.fromTag ?? 'a1'}\n`;
  head += `To: <sip:+14155550100@trunk.carrier.example>${o.toTag === '' ? '' : `;tag=${o.toTag ?? 'c1'}`}\n`;
  head += 'Call-ID: call-1@app.example.com\n';
  head += `CSeq: ${o.cseq ?? `1 ${method}`}\n`;
  head += o.extra ?? '';
  return `${head}Content-Length: 0\n\n`;
}

/** Messages one after the other (each already ends with its blank line or body). */
export function flow(...messages: string[]): string {
  return messages.join('');
}
