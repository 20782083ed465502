import { formatFindingsJunit, xmlText } from '../../src/format/findings-junit.js';
import { reportOf } from './explain-report.js';

/** A small well-formedness check: balanced tags, quoted attributes, only XML 1.0 characters, entities escaped. */
function wellFormed(xml: string): void {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
  expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^>]*\?>\n/, '');
  const tags = body.match(/<[^>]*>/g) ?? [];
  expect(body.replace(/<[^>]*>/g, '')).not.toMatch(/[<>]/);
  for (const t of tags.slice(0, 100000)) {
    if (t.endsWith('/>')) continue;
    if (t.startsWith('</')) expect(stack.pop()).toBe(t.slice(2, -1));
    else stack.push(t.slice(1).split(/[\s>]/)[0]!);
  }
  expect(stack).toEqual([]);
}

describe('format junit', () => {
  it('one testsuite per input, one testcase per message, failures at --fail-on and above', () => {
    const { report } = reportOf(['fixtures/sip/real/call-flow.sip', 'fixtures/explain/private-contact/invalid-pod-ip-in-200.sip']);
    const xml = formatFindingsJunit(report, { failOn: 'error' });
    wellFormed(xml);
    expect(xml).toContain('<testsuites name="siptool explain" tests="10" failures="1" errors="0">');
    expect(xml).toContain('<testsuite name="fixtures/sip/real/call-flow.sip" tests="9" failures="0" errors="0" skipped="0">');
    expect(xml).toContain('<testsuite name="fixtures/explain/private-contact/invalid-pod-ip-in-200.sip" tests="1" failures="1"');
    expect(xml).toMatch(/<failure type="private-contact" message="Contact 10\.42\.3\.17 is a private address/);
    // warnings below --fail-on are listed, not failed
    expect(xml).toMatch(/<system-out>[^<]*8:19 warning Contact 10\.12\.4\.7/);
  });

  it('--fail-on warning fails the warnings too; never fails nothing', () => {
    const { report } = reportOf(['fixtures/sip/real/call-flow.sip']);
    expect(formatFindingsJunit(report, { failOn: 'warning' })).toContain('tests="9" failures="1"');
    expect(formatFindingsJunit(report, { failOn: 'never' })).not.toContain('<failure');
  });

  it('escapes markup and replaces characters XML cannot hold', () => {
    expect(xmlText('a<b & "c" \'d\'>')).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
    expect(xmlText('x\u0001y\u000bz\ud800')).toBe('x\\x01y\\x0bz\\ud800');
    expect(xmlText('tab\tok, emoji 😀')).toBe('tab\tok, emoji 😀');
  });

  it('gives what a character-by-character escape gives, on random text (plain text is returned as it is)', () => {
    // the escape as documented, written out independently
    const reference = (s: string): string =>
      s.replace(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g, (ch) => {
        if (ch.length === 2) return ch;
        const c = ch.charCodeAt(0);
        if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) return c < 0x100 ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
        return ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' } as Record<string, string>)[ch] ?? ch;
      });
    const pool = ['a', 'Z', ' ', '\t', '\n', '\r', '&', '<', '>', '"', "'", '\u0000', '\u0008', '\u000b', '\u001f', '\u007f', 'é', '\ud83d', '\ude00', '\ufffe', '\uffff', '\ufffd', '中'];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let n = 0; n < 2000; n++) {
      let s = '';
      for (let k = next() % 24; k > 0; k--) s += pool[next() % pool.length];
      expect(xmlText(s)).toBe(reference(s));
    }
    const plain = 'INVITE sip:+14155550100@carrier.example SIP/2.0 (frame 12) é 中';
    expect(xmlText(plain)).toBe(plain);
  });
});
