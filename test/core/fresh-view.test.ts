import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildRequest, parseMessage, parseMessages, serializeMessageToString, validateMessage, type AnySipMessage, type Problem } from '../../src/core/index.js';
import { ROOT } from '../helpers/fixtures.js';

/**
 * SipMessage#freshView (internal, used by explain's streaming run): a new object over the same
 * parsed source that reads and validates exactly like the message it was made from, and shares
 * none of its caches.
 */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(sip|txt|dat)$/.test(n) ? [p] : [];
  });
}

/** What a reader sees of a message, in comparable form. */
function facts(m: AnySipMessage): unknown {
  return {
    kind: m.kind,
    startLine: m.startLine,
    headers: m.headers.map((h) => [h.name, h.value, h.valueProblems.map((p) => p.code)]),
    callId: m.callId,
    cseq: m.cseq,
    branch: m.branch,
    fromTag: m.fromTag,
    toTag: m.toTag,
    body: m.body.toString('latin1'),
    requestUri: m.kind === 'request' ? m.requestUri : undefined,
    text: serializeMessageToString(m),
  };
}

function validated(m: AnySipMessage, transport: 'datagram' | 'stream'): Problem[] {
  const problems: Problem[] = [];
  validateMessage(m, problems, { transport });
  return problems;
}

describe('SipMessage#freshView', () => {
  it('reads and validates like the lazily parsed message, on every fixture', () => {
    let n = 0;
    for (const f of files(join(ROOT, 'fixtures'))) {
      for (const e of parseMessages(readFileSync(f)).entries) {
        if (!e.message) continue;
        const bytes = Buffer.from(e.message.source!.input.subarray(e.start, e.end));
        for (const transport of ['datagram', 'stream'] as const) {
          const held = parseMessage(bytes, { validate: false, transport }).message!;
          // what explain reads while the message is held: Call-ID, branch, CSeq (builds a field)
          void held.callId;
          void held.branch;
          void held.cseq;
          const view = held.freshView();
          expect(view).toBeDefined();
          expect(view).not.toBe(held);
          expect([f, validated(view!, transport)]).toEqual([f, validated(parseMessage(bytes, { validate: false, transport }).message!, transport)]);
          expect([f, facts(view!)]).toEqual([f, facts(held)]);
          n++;
        }
      }
    }
    expect(n).toBeGreaterThan(200);
  });

  it('HeadIndex#readInPlace gives what the field would parse, without building it', () => {
    let n = 0;
    for (const f of files(join(ROOT, 'fixtures'))) {
      for (const e of parseMessages(readFileSync(f)).entries) {
        if (!e.message) continue;
        const bytes = Buffer.from(e.message.source!.input.subarray(e.start, e.end));
        const index = parseMessage(bytes, { validate: false }).message!.index!;
        const built = parseMessage(bytes, { validate: false }).message!.index!;
        for (let i = 0; i < index.count; i++) {
          const v = index.readInPlace(i);
          if (v === undefined) continue;
          expect([f, index.names[i], v]).toEqual([f, index.names[i], built.field(i).parsed()]);
          n++;
        }
        // a built field is not read again
        if (index.count > 0) {
          index.field(0);
          expect(index.readInPlace(0)).toBeUndefined();
        }
      }
    }
    expect(n).toBeGreaterThan(500);
  });

  it('shares no built field or parsed value with the message', () => {
    const held = parseMessage('OPTIONS sip:b@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCSeq: 1 OPTIONS\r\nCall-ID: x\r\nContent-Length: 0\r\n\r\n', { validate: false }).message!;
    const cseq = held.get('CSeq')!;
    const view = held.freshView()!;
    expect(view.get('CSeq')).not.toBe(cseq);
    expect(view.get('CSeq')!.parsed()).not.toBe(cseq.parsed());
    expect(view.cseq).toEqual(held.cseq);
    expect(view.body).not.toBe(held.body);
    expect(view.source).toBe(held.source);
  });

  it('is undefined for a built, edited or restructured message', () => {
    const text = 'OPTIONS sip:b@example.com SIP/2.0\r\nCSeq: 1 OPTIONS\r\nCall-ID: x\r\nContent-Length: 0\r\n\r\n';
    const lazy = (): AnySipMessage => parseMessage(text, { validate: false }).message!;
    expect(buildRequest({ method: 'OPTIONS', uri: 'sip:b@example.com', from: 'sip:a@example.com', to: 'sip:b@example.com', via: { transport: 'UDP', host: '192.0.2.1' } }).freshView()).toBeUndefined();
    expect(lazy().set('Subject', 'x').freshView()).toBeUndefined();
    const startLine = lazy();
    if (startLine.kind === 'request') startLine.uri = 'sip:c@example.com';
    expect(startLine.freshView()).toBeUndefined();
    const fieldEdited = lazy();
    fieldEdited.get('Call-ID')!.setValue('y');
    expect(fieldEdited.freshView()).toBeUndefined();
    const listed = lazy();
    void listed.headers;
    expect(listed.freshView()).toBeUndefined();
    expect(parseMessage(text).message!.freshView()).toBeUndefined(); // validated: its fields are built
  });
});
