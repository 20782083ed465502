import { parseMessages, type SipRequest, type SipResponse } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';

const summary = (input: Buffer | string): string[] =>
  parseMessages(input).entries.map((e) => (e.message ? (e.message.kind === 'request' ? (e.message as SipRequest).method : String((e.message as SipResponse).status)) : '?'));

describe('parseMessages: files and pastes holding several messages', () => {
  it('splits a CRLF call flow framed by Content-Length', () => {
    const input = fixture('sip', 'real', 'call-flow.sip');
    const { entries } = parseMessages(input);
    expect(summary(input)).toEqual(['INVITE', '100', '183', 'PRACK', '200', '200', 'ACK', 'BYE', '200']);
    expect(entries.flatMap((e) => e.problems).filter((p) => p.severity !== 'info')).toEqual([]);
    expect(entries[2]!.message!.source!.position.line).toBe(33);
  });

  it('splits the same flow saved with LF line endings (Content-Length counted the CRs)', () => {
    const input = fixture('sip', 'real', 'call-flow-lf.txt');
    const { entries } = parseMessages(input);
    expect(summary(input)).toEqual(['INVITE', '100', '183', 'PRACK', '200', '200', 'ACK', 'BYE', '200']);
    const problems = entries.flatMap((e) => e.problems);
    expect([...new Set(problems.map((p) => p.code))].sort()).toEqual(['SIP_LINE_ENDING_LF', 'SIP_SDP_WARNING']);
    for (const p of problems.filter((x) => x.code === 'SIP_SDP_WARNING')) expect(p.message).toMatch(/LF/);
    expect(entries[0]!.message!.body.toString()).toMatch(/^v=0\no=- 20518/);
    expect(entries[0]!.message!.body.toString().endsWith('a=sendrecv\n')).toBe(true);
  });

  it('takes a body without Content-Length up to the next start line after a blank line', () => {
    const text = 'MESSAGE sip:a@example.com SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nContent-Type: text/plain\n\nhello\nSIP/2.0 200 OK is body text\n\n\nSIP/2.0 200 OK\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\n\n';
    const { entries } = parseMessages(text);
    expect(entries).toHaveLength(2);
    expect(entries[0]!.message!.body.toString()).toBe('hello\nSIP/2.0 200 OK is body text\n');
    expect((entries[1]!.message as SipResponse).status).toBe(200);
  });

  it('reports text between messages that is not SIP, and keeps going', () => {
    const text = 'OPTIONS sip:a@example.com SIP/2.0\r\nContent-Length: 0\r\n\r\n-- some note --\r\n\r\nOPTIONS sip:b@example.com SIP/2.0\r\nContent-Length: 0\r\n\r\n';
    const { entries } = parseMessages(text);
    expect(entries.map((e) => (e.message as SipRequest | undefined)?.uri)).toEqual(['sip:a@example.com', 'sip:b@example.com']);
    const skipped = entries[0]!.problems.find((p) => p.code === 'SIP_TRAILING_OCTETS')!;
    expect(skipped.line).toBe(4);
  });

  it('parses input with no start line at all as one message, to say what is wrong', () => {
    const { entries } = parseMessages('hello world\nthis is not SIP\n');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.message).toBeUndefined();
    expect(entries[0]!.problems.map((p) => p.code)).toContain('SIP_BAD_START_LINE');
  });

  it('gives positions relative to the whole file', () => {
    const input = fixture('sip', 'real', 'register-challenge-flow.sip');
    const { entries } = parseMessages(input);
    const auth = entries[1]!.message!.getAll('WWW-Authenticate');
    expect(auth.map((h) => h.line)).toEqual([18, 19]);
    const text = input.toString('latin1');
    expect(text.slice(auth[0]!.offset, auth[0]!.offset + 16)).toBe('WWW-Authenticate');
  });

  it('an empty input yields nothing', () => {
    expect(parseMessages('').entries).toEqual([]);
    expect(parseMessages('\r\n\r\n  \n').entries).toEqual([]);
  });
});
