import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sortProblems } from '../../src/core/problems.js';
import { splitMessages, type ParsedEntry } from '../../src/core/split-messages.js';
import { validateMessage } from '../../src/core/validate-message.js';
import type { FlowMessage } from '../../src/explain/flow-message.js';
import { forEachTextMessage, readTextMessages } from '../../src/explain/read-text.js';
import { ROOT } from '../helpers/fixtures.js';

/** Every text fixture (what explain reads as text, not as a capture). */
function textFixtures(dir = join(ROOT, 'fixtures')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return textFixtures(p);
    return /\.(sip|txt)$/.test(name) ? [p] : [];
  });
}

const FILES = textFixtures();

describe('text inputs read one message at a time', () => {
  it('has text fixtures to read', () => {
    expect(FILES.length).toBeGreaterThan(100);
  });

  it('splitMessages hands over what parseMessages returns, entry by entry, trailing text included', () => {
    const input = Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nContent-Length: 0\r\n\r\nnot SIP at all\r\n\r\nOPTIONS sip:c@d SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK2\r\nContent-Length: 0\r\n\r\n');
    const it = splitMessages(input);
    const first = it.next().value as ParsedEntry;
    // the text after the first message is known only once the second starts: it is on the first
    expect(first.problems.map((p) => p.code)).toContain('SIP_TRAILING_OCTETS');
    expect((it.next().value as ParsedEntry).message!.kind).toBe('request');
    expect(it.next().done).toBe(true);
  });

  it.each(FILES.map((f) => [f.slice(ROOT.length + 1), f]))('lazy reading, validated afterwards as explain does, gives the eager problems: %s', (_, file) => {
    const data = readFileSync(file);
    const eager = readTextMessages(data, file);
    const lazy: FlowMessage[] = [];
    const unread = forEachTextMessage(data, file, 0, (fm) => lazy.push(fm), { lazy: true });
    expect(unread).toEqual(eager.unread);
    expect(lazy.map((m) => m.index)).toEqual(eager.messages.map((m) => m.index));
    for (let i = 0; i < lazy.length; i++) {
      const fm = lazy[i]!;
      expect(fm.validateAs).toBe('datagram');
      // what ExplainRun does before the rules (explain-run.ts checkViews)
      validateMessage(fm.message, fm.problems, { transport: fm.validateAs!, headComplete: !fm.problems.some((p) => p.code === 'SIP_HEADERS_UNTERMINATED') });
      sortProblems(fm.problems);
      expect(fm.problems).toEqual(eager.messages[i]!.problems);
      expect(fm.origin).toEqual(eager.messages[i]!.origin);
    }
  });
});
