import { StreamFramer, type SipRequest } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';

const flow = fixture('sip', 'real', 'call-flow.sip');
const EXPECTED = ['INVITE', '100', '183', 'PRACK', '200', '200', 'ACK', 'BYE', '200'];
const label = (m: { kind: string; method?: string; status?: number } | undefined): string => (m ? (m.kind === 'request' ? m.method! : String(m.status)) : '?');

function feed(framer: StreamFramer, chunks: Buffer[]): string[] {
  return chunks.flatMap((c) => framer.push(c)).map((f) => label(f.message as never));
}

describe('StreamFramer (RFC 3261 §18.3)', () => {
  it('frames a whole stream delivered at once', () => {
    expect(feed(new StreamFramer(), [flow])).toEqual(EXPECTED);
  });

  it.each([1, 2, 3, 7, 64, 1000])('frames the same stream cut into %i-byte chunks', (size) => {
    const chunks: Buffer[] = [];
    for (let i = 0; i < flow.length; i += size) chunks.push(flow.subarray(i, i + size));
    const framer = new StreamFramer();
    expect(feed(framer, chunks)).toEqual(EXPECTED);
    expect(framer.buffered).toBe(0);
  });

  it('returns each message byte-exact, with problems offset into the stream', () => {
    const framer = new StreamFramer();
    const out = framer.push(flow);
    expect(Buffer.concat(out.map((f) => f.raw)).equals(flow)).toBe(true);
    expect(out[2]!.message!.source!.position.line).toBe(33);
  });

  it('skips CRLF keep-alives between messages (RFC 5626 §3.5.1)', () => {
    const one = fixture('sip', 'real', 'options-ping.sip');
    const framer = new StreamFramer();
    const got = feed(framer, [Buffer.from('\r\n\r\n'), one, Buffer.from('\r\n'), Buffer.from('\r\n\r\n'), one]);
    expect(got).toEqual(['OPTIONS', 'OPTIONS']);
    expect(framer.keepAlives).toBe(3);
  });

  it('waits for a body that has not fully arrived', () => {
    const invite = fixture('sip', 'real', 'invite-carrier.sip');
    const framer = new StreamFramer();
    expect(framer.push(invite.subarray(0, invite.length - 10))).toEqual([]);
    const out = framer.push(invite.subarray(invite.length - 10));
    expect(out).toHaveLength(1);
    expect((out[0]!.message as SipRequest).body.toString()).toMatch(/a=sendrecv\r\n$/);
  });

  it('fails the stream when Content-Length is missing or broken (the connection must close)', () => {
    const framer = new StreamFramer();
    const out = framer.push(Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n\r\nOPTIONS sip:c@d SIP/2.0\r\n'));
    expect(out).toHaveLength(1);
    expect(framer.failed?.code).toBe('SIP_CONTENT_LENGTH_MISSING');
    expect(framer.push(Buffer.from('more'))).toEqual([]);
    const bad = new StreamFramer();
    bad.push(Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nContent-Length: -1\r\n\r\n'));
    expect(bad.failed?.code).toBe('SIP_CONTENT_LENGTH_INVALID');
  });

  it('stops at the header limit instead of buffering without end', () => {
    const framer = new StreamFramer({ limits: { maxHeaderBytes: 1024 } });
    framer.push(Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nX-Long: '));
    for (let i = 0; i < 10 && !framer.failed; i++) framer.push(Buffer.alloc(512, 0x61));
    expect(framer.failed?.code).toBe('SIP_LIMIT_EXCEEDED');
    expect(framer.buffered).toBe(0);
  });
});
