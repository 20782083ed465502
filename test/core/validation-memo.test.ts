import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseMessage, parseMessages, type AnySipMessage, type Problem } from '../../src/core/index.js';
import { validateMessage, ValidationMemo } from '../../src/core/validate-message.js';
import { parseSdpOnce } from '../../src/core/sdp/parse-sdp-once.js';
import { ROOT } from '../helpers/fixtures.js';

/**
 * ValidateOptions.memo (internal, used by explain per checked call): header values and
 * Request-URIs seen before are not parsed again; problems, their positions and the parsed
 * values must be exactly those of validating each message on its own.
 */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(sip|txt|dat)$/.test(n) ? [p] : [];
  });
}

function validated(m: AnySipMessage, transport: 'datagram' | 'stream', memo?: ValidationMemo): Problem[] {
  const problems: Problem[] = [];
  validateMessage(m, problems, { transport, ...(memo ? { memo } : {}) });
  return problems;
}

/** The parsed values validation leaves on the message, in comparable form. */
function values(m: AnySipMessage): unknown {
  return {
    headers: m.headers.map((h) => [h.name, h.parsed(), h.valueProblems]),
    requestUri: m.kind === 'request' ? m.requestUri : undefined,
  };
}

describe('validateMessage with a memo', () => {
  it('finds what validating each message alone finds, on every fixture message, with one memo for all', () => {
    const memo = new ValidationMemo();
    let n = 0;
    for (const f of files(join(ROOT, 'fixtures'))) {
      for (const e of parseMessages(readFileSync(f)).entries) {
        if (!e.message) continue;
        const bytes = Buffer.from(e.message.source!.input.subarray(e.start, e.end));
        // twice: the second time every value is in the memo; then once more after a blank line,
        // so that the same values sit at other positions
        for (const input of [bytes, bytes, Buffer.concat([Buffer.from('\r\n\r\n'), bytes])]) {
          for (const transport of ['datagram', 'stream'] as const) {
            const alone = parseMessage(input, { validate: false, transport }).message!;
            const shared = parseMessage(input, { validate: false, transport }).message!;
            expect([f, validated(shared, transport, memo)]).toEqual([f, validated(alone, transport)]);
            expect([f, values(shared)]).toEqual([f, values(alone)]);
            n++;
          }
        }
      }
    }
    expect(n).toBeGreaterThan(300);
  });

  it('reports a shared bad value at each message own position', () => {
    const memo = new ValidationMemo();
    const msg = (pad: string): AnySipMessage =>
      parseMessage(Buffer.from(`OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n${pad}Max-Forwards: 7x\r\nTo: <sip:a@b>\r\nFrom: <sip:c@d>;tag=1\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`), { validate: false }).message!;
    const first = validated(msg(''), 'datagram', memo).filter((p) => p.header === 'Max-Forwards');
    const second = validated(msg('X-Pad: 1\r\n'), 'datagram', memo).filter((p) => p.header === 'Max-Forwards');
    expect(first.length).toBeGreaterThan(0);
    expect(second.map((p) => p.code)).toEqual(first.map((p) => p.code));
    expect(second.map((p) => p.line)).toEqual(first.map((p) => p.line + 1));
  });

  it('parses an SDP body once per memo for bodies with the same bytes, problems at each message own position', () => {
    const memo = new ValidationMemo();
    // m= before c= and an rtpmap with no clock rate: problems inside the body
    const sdp = 'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 96\r\na=rtpmap:96 opus\r\n';
    const msg = (pad: string, body = sdp): AnySipMessage =>
      parseMessage(
        Buffer.from(`INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n${pad}Max-Forwards: 70\r\nTo: <sip:a@b>\r\nFrom: <sip:c@d>;tag=1\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\nContent-Length: ${body.length}\r\n\r\n${body}`),
        { validate: false },
      ).message!;
    const a = msg('');
    const b = msg('X-Pad: 1\r\n');
    const first = validated(a, 'datagram', memo).filter((p) => p.message.startsWith('SDP:'));
    const second = validated(b, 'datagram', memo).filter((p) => p.message.startsWith('SDP:'));
    expect(first.length).toBeGreaterThan(0);
    expect(second).toEqual(validated(msg('X-Pad: 1\r\n'), 'datagram').filter((p) => p.message.startsWith('SDP:')));
    expect(second.map((p) => p.line)).toEqual(first.map((p) => p.line + 1));
    // the second body (another Buffer, same bytes) took the first one's parse, which the media rules then read
    expect(b.body).not.toBe(a.body);
    expect(parseSdpOnce(b.body)).toBe(parseSdpOnce(a.body));
    // a body that differs is parsed on its own
    const other = msg('', sdp.replace('opus', 'opus/48000/2'));
    expect(validated(other, 'datagram', memo).filter((p) => p.message.startsWith('SDP:')).length).toBeLessThan(first.length);
  });

  it('shares header values between memos (values repeated across calls), placed per message', () => {
    const msg = (pad: string): AnySipMessage =>
      parseMessage(Buffer.from(`OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n${pad}Max-Forwards: 7x\r\nTo: <sip:a@b>\r\nFrom: <sip:c@d>;tag=1\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`), { validate: false }).message!;
    const a = msg('');
    const b = msg('X-Pad: 1\r\n');
    const first = validated(a, 'datagram', new ValidationMemo());
    const second = validated(b, 'datagram', new ValidationMemo());
    expect(second).toEqual(validated(msg('X-Pad: 1\r\n'), 'datagram'));
    expect(second.filter((p) => p.header === 'Max-Forwards').map((p) => p.line)).toEqual(first.filter((p) => p.header === 'Max-Forwards').map((p) => p.line + 1));
    expect(b.get('To')!.parsed()).toBe(a.get('To')!.parsed());
  });
});
