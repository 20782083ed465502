import rule from '../../../src/explain/rules/sip-syntax.js';
import { findingsOf, testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [{ name: 'a clean OPTIONS', input: { fixture: 'sip-syntax/valid-options.sip' } }],
  invalid: [
    { name: 'spaces inside <> (RFC 4475 badaspec)', input: { fixture: 'sip-syntax/invalid-spaces-in-brackets.sip' }, findings: [{ messageId: 'problem', line: 5, column: 23 }] },
    { name: 'a second message of the input, positioned within it', input: 'OPTIONS sip:a@example.com SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nMax-Forwards: 70\nFrom: <sip:a@example.com>;tag=1\nTo: <sip:a@example.com>\nCall-ID: x\nCSeq: 1 OPTIONS\nContent-Length: 0\n\nOPTIONS sip:b@example.com SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK2\nMax-Forwards: 300\nFrom: <sip:a@example.com>;tag=1\nTo: <sip:b@example.com>\nCall-ID: y\nCSeq: 2 OPTIONS\nContent-Length: 0\n\n', findings: [{ messageId: 'problem', line: 3, column: 15, messageIndex: 1 }] },
  ],
});

describe('rule sip-syntax keeps the problem severity and code', () => {
  it('relays a warning as a warning, an error as an error', () => {
    const found = findingsOf(rule, 'INVITE sip:a@example.com SIP/2.0\nVia: SIP/2.0/UDP h\nMax-Forwards: 70\nFrom: <sip:a@example.com>;tag=1\nTo: <sip:b@example.com>\nCall-ID: z\nCSeq: 1 BYE\nContent-Length: 0\n\n');
    expect(found.map((f) => [f.severity, f.message.match(/\[(\w+)\]$/)?.[1]])).toEqual([
      ['warning', 'SIP_VIA_BRANCH_MISSING'],
      ['error', 'SIP_CSEQ_METHOD_MISMATCH'],
    ]);
  });
});

describe('rule sip-syntax leaves four problems to the rules that explain them', () => {
  const codes = (text: string): string[] => findingsOf(rule, text).map((f) => f.message.match(/\[(\w+)\]$/)?.[1] ?? '');
  const head = (ruri: string, via: string, extra = ''): string => `INVITE ${ruri} SIP/2.0\nVia: ${via}\nMax-Forwards: 70\nFrom: <sip:a@example.com>;tag=1\nTo: <${ruri}>\nCall-ID: h\nCSeq: 1 INVITE\nContact: <sip:a@198.51.100.1>\n${extra}`;
  it('the Via cookie (via-branch-cookie)', () => {
    expect(codes(head('sip:b@example.com', 'SIP/2.0/UDP h;branch=abc', 'Content-Length: 0\n\n'))).toEqual([]);
  });
  it('a local tel: number (tel-local-no-context)', () => {
    expect(codes(head('tel:5551234', 'SIP/2.0/UDP h;branch=z9hG4bK1', 'Content-Length: 0\n\n'))).toEqual([]);
  });
  it('Content-Length on a stream transport (content-length-stream), but not on UDP', () => {
    expect(codes(head('sip:b@example.com', 'SIP/2.0/TCP h;branch=z9hG4bK1', '\n'))).toEqual([]);
    expect(codes(head('sip:b@example.com', 'SIP/2.0/UDP h;branch=z9hG4bK1', '\n'))).toEqual(['SIP_CONTENT_LENGTH_MISSING']);
  });
  it('a payload type without rtpmap (rtpmap-missing)', () => {
    const sdp = 'v=0\no=- 1 1 IN IP4 198.51.100.1\ns=-\nc=IN IP4 198.51.100.1\nt=0 0\nm=audio 4000 RTP/AVP 0 101\n';
    expect(codes(head('sip:b@example.com', 'SIP/2.0/UDP h;branch=z9hG4bK1', `Content-Type: application/sdp\nContent-Length: ${sdp.length + 6}\n\n${sdp}`))).toEqual([]);
  });
});
