import { createHash } from 'node:crypto';
import { formatReportHtml, LAZY_CALLS, LAZY_CHUNK, REPORT_CSP } from '../../src/format/report-html.js';
import { callCorpus } from '../helpers/call-corpus.js';
import { ladders, lazyBodies, reportHtml } from '../helpers/report-html.js';

/** Every tag name the report itself writes; anything else came from the input unescaped. */
const OUR_TAGS = new Set('html head meta title style body header h1 h2 h4 h5 h6 p div span section table thead tbody tr th td a details summary svg g rect text line polygon path circle pre code strong blockquote ul li dl dt dd mark input select option button footer script br'.split(' '));

function tagNames(html: string): Set<string> {
  return new Set([...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1]!.toLowerCase()));
}

const HOSTILE = Buffer.from(
  [
    'INVITE sip:+15551234567@evil.example;x="<script>alert(1)</script>" SIP/2.0',
    'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKevil"><img src=x onerror=alert(2)>',
    'Max-Forwards: 70',
    "From: \"</script><script>alert('3')</script>\" <sip:alice:s3cret@evil.example>;tag=1",
    'To: <sip:+15551234567@evil.example>',
    'Call-ID: <b>bold</b>\x00\x1b[31m@evil',
    'CSeq: 1 INVITE',
    'Contact: <sip:a@10.0.0.1:5060>',
    'X-Evil: </pre></details></svg><!-- --><script src="https://evil.example/x.js"></script>',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n'),
  'latin1',
);

describe('HTML report', () => {
  it('draws one arrow per message of each call and marks the findings on them', () => {
    const { html, input } = reportHtml(['fixtures/sip/real/call-flow.sip', 'fixtures/sip/real/register-challenge-flow.sip']);
    const svgs = ladders(html);
    expect(svgs).toHaveLength(input.flow.calls.length);
    input.flow.calls.forEach((call, i) => {
      const svg = svgs[i]!;
      expect(svg.match(/class="arrow"/g)).toHaveLength(call.messages.length);
      expect(svg.match(/<g class="msg[ "]/g)).toHaveLength(call.messages.length);
      // the arrows appear in message order
      expect([...svg.matchAll(/data-msg="(\d+)"/g)].map((m) => Number(m[1]) - 1)).toEqual(call.messages.map((m) => m.index));
    });
    // call-flow.sip: 3 hosts, the INVITE carries a warning (private-contact) drawn in its colour
    expect(svgs[0]!.match(/<g class="host"/g)).toHaveLength(3);
    expect(svgs[0]).toMatch(/<g class="msg sev-warning" data-msg="1"[^>]*><title>#1 10\.12\.4\.7:5061 → sip\.carrier\.example: INVITE \(SDP\) · [^<]*warning private-contact/);
    expect(svgs[0]).toMatch(/<g class="mark sev-warning">/);
    expect(svgs[0]).toMatch(/<text class="label"[^>]*>183 Session Progress \(SDP\)<\/text>/);
    // every finding is listed, and its rule documented with description, reference and fix
    for (const f of input.findings) {
      expect(html).toContain(`<a class="rule" href="#rule-${f.ruleId}">${f.ruleId}</a>`);
      expect(html).toContain(`id="rule-${f.ruleId}"`);
    }
    expect(html).toMatch(/<details class="rule" id="rule-private-contact"><summary><span class="badge sev-warning">1<\/span> <code>private-contact<\/code> <span class="cat">nat, default error<\/span>/);
    expect(html).toContain('<dt>Reference</dt><dd>RFC 3261');
  });

  it('expands each message to its full text with the problem line highlighted and the columns marked', () => {
    const { html, input } = reportHtml(['fixtures/sip/real/call-flow.sip']);
    expect(html.match(/<details class="message[^"]*" id="m-\d+">/g)).toHaveLength(input.flow.messages.length);
    // private-contact at 8:19 for 10 characters: line 8 of message 1, "10.12.4.7" marked
    const f = input.findings.find((x) => x.ruleId === 'private-contact')!;
    expect([f.messageIndex, f.line, f.column]).toEqual([0, 8, 19]);
    expect(html).toMatch(/<span class="l hl sev-warning" id="m-1-l8">Contact: &lt;sip:app@<mark class="sev-warning" title="private-contact">10\.12\.4\.7<\/mark>:5061;transport=tls&gt;<span class="why">/);
    // unmarked lines are there verbatim (escaped), one element per line for the line numbers
    expect(html).toContain('<span class="l">Call-ID: flow-5f4e3d2c1b@app.example.com</span>');
    expect(html.match(/<pre class="sip numbered">/g)).toHaveLength(input.flow.messages.length);
  });

  it('escapes hostile SIP text everywhere: no tag, attribute or control byte gets through', () => {
    for (const lazy of [false, true]) {
      const { html } = reportHtml([{ name: 'evil<i>.sip', data: HOSTILE }], { lazy, sections: [{ id: 'x', title: '<script>t</script>', text: '\x1b[1m<b>resolver</b>\x1b[0m\x07' }], ruleDocs: { 'private-contact': '# t\n\n<script>alert(4)</script> `<img>` **b**' } });
      expect([...tagNames(html)].filter((t) => !OUR_TAGS.has(t))).toEqual([]);
      // exactly one executable script: ours, at the end (plus the inert per-call blocks when lazy)
      expect(html.match(/<script>/g)).toHaveLength(1);
      expect(html.match(/<script[ >]/g)).toHaveLength(1 + (lazy ? 1 : 0));
      // a lazy report's call bodies are checked the same way, unpacked
      const body = lazy ? lazyBodies(html).join('\n') : '';
      if (lazy) expect([...tagNames(body)].filter((t) => !OUR_TAGS.has(t))).toEqual([]);
      expect(html).not.toMatch(/<(img|b|i)[ >]/);
      expect(html).not.toMatch(/<[a-z][^<>]*\sonerror=/i);
      expect(html + body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html + body).toContain('&lt;img src=x onerror=alert(2)&gt;');
      expect(html + body).toContain('branch=z9hG4bKevil<mark class="sev-error" title="sip-syntax">&quot;</mark>&gt;&lt;img');
      expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;\\x00\\x1b[31m@evil');
      expect(html).toContain('&lt;b&gt;resolver&lt;/b&gt;\\x07');
      // no raw control byte, and the URI password is hidden
      expect(html).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/);
      expect(html + body).not.toContain('s3cret');
      expect(html + body).toContain('sip:alice:(hidden)@evil.example');
      if (lazy) {
        expect(body).not.toMatch(/<\/?script|<!--|<(img|b|i)[ >]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/i);
        expect(body).toContain('X-Evil: &lt;/pre&gt;&lt;/details&gt;&lt;/svg&gt;&lt;!-- --&gt;');
      }
    }
  });

  it('loads nothing: no external URL, only in-page links, a CSP that admits only its own style and script', () => {
    const { html } = reportHtml([{ name: 'evil.sip', data: HOSTILE }, 'fixtures/sip/real/call-flow.sip']);
    const attrs = [...html.matchAll(/\s(src|href|xlink:href|action|srcset|poster|data)\s*=\s*"([^"]*)"/gi)];
    expect(attrs.length).toBeGreaterThan(5);
    for (const [, name, value] of attrs) {
      expect(name).toBe('href');
      expect(value).toMatch(/^#[a-z0-9-]+$/);
      expect(value).not.toMatch(/https?:\/\//);
    }
    expect(html).not.toMatch(/url\(|@import|<link|<iframe|<object|<embed|<base/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const hash = (s: string): string => createHash('sha256').update(s).digest('base64');
    expect(REPORT_CSP).toContain(`style-src 'sha256-${hash(style)}'`);
    expect(REPORT_CSP).toContain(`script-src 'sha256-${hash(script)}'`);
    expect(REPORT_CSP).toMatch(/^default-src 'none';/);
    expect(REPORT_CSP).not.toContain('unsafe');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    // the CSP comes before anything it governs
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/);
  });

  it('shows sections passed in already rendered (probe: resolver tree, TLS report) before the calls', () => {
    const { html } = reportHtml(['fixtures/sip/real/options-ping.sip'], {
      sections: [
        { id: 'resolve', title: 'Resolver', text: 'sip:example.com\n└─ NAPTR … \x1b[32mok\x1b[39m', severity: 'ok' },
        { id: 'tls', title: 'TLS', text: 'TLSv1.3 · certificate matches sip.example.com', severity: 'warning' },
      ],
    });
    expect(html).toContain('<section class="extra sev-ok" id="section-resolve"><h2>Resolver</h2><pre>sip:example.com\n└─ NAPTR … ok</pre></section>');
    expect(html).toContain('id="section-tls"');
    expect(html.indexOf('id="section-tls"')).toBeLessThan(html.indexOf('<section id="calls">'));
  });

  it('renders the rule pages inline from docs/rules text', () => {
    const { html } = reportHtml(['fixtures/sip/real/call-flow.sip'], { ruleDocs: { 'private-contact': '# private-contact\n\nSome **bold** and `code`.\n\n```\nContact: <sip:x>\n```\n\n> warning: quoted' } });
    expect(html).toContain('<div class="doc"><p class="docname">docs/rules/private-contact.md</p><h4>private-contact</h4>\n<p>Some <strong>bold</strong> and <code>code</code>.</p>\n<pre>Contact: &lt;sip:x&gt;</pre>\n<blockquote>warning: quoted</blockquote></div>');
  });

  it('stays usable for large inputs: a calls table, calls collapsed and filled in lazily', () => {
    const calls = LAZY_CALLS + 50;
    const { html, input } = reportHtml([{ name: 'many.sip', data: callCorpus(calls) }]);
    expect(input.flow.calls).toHaveLength(calls);
    expect(html.match(/<tr data-search=/g)).toHaveLength(calls);
    expect(html.match(/<details class="call[^>]*data-lazy="1">/g)).toHaveLength(calls);
    expect(html).not.toMatch(/<details class="call[^>]* open>/);
    // the bodies are compressed, LAZY_CHUNK calls per data block, and hold each call's ladder
    expect(html.match(/<script type="application\/x-siptool-calls"/g)).toHaveLength(Math.ceil(calls / LAZY_CHUNK));
    const bodies = lazyBodies(html);
    expect(bodies).toHaveLength(calls);
    bodies.forEach((b, i) => {
      expect(b).toMatch(new RegExp(`^\\s*<div class="ladder-wrap"><svg class="ladder" id="ladder-${i + 1}"`));
      expect(b.match(/class="arrow"/g)).toHaveLength(4);
    });
    expect(ladders(html)).toHaveLength(0);
    // bounded: the page holds a table row and a closed <details> per call, the bodies compress well
    expect(html.length / calls).toBeLessThan(4000);
    expect(html.length).toBeLessThan(bodies.join('').length / 2);
    // the findings table is cut, every finding still counted per rule
    expect(input.findings.length).toBeGreaterThan(calls);
  });

  it('shows times relative to the call start, and a message a host sends to itself as a loop', () => {
    const msg = (head: string, first: string, extra: string): string => [head, first, 'Via: SIP/2.0/UDP 198.51.100.20:5060;branch=z9hG4bKt1;rport', 'From: <sip:a@app.example>;tag=1', 'To: <sip:carrier.example>' + extra, 'Call-ID: t1', 'CSeq: 1 OPTIONS', 'Content-Length: 0', '', ''].join('\r\n');
    const log =
      msg('U 2026/11/25 10:23:45.123456 198.51.100.20:5060 -> 203.0.113.10:5060', 'OPTIONS sip:carrier.example SIP/2.0', '') +
      msg('U 2026/11/25 10:23:45.200456 203.0.113.10:5060 -> 198.51.100.20:5060', 'SIP/2.0 200 OK', ';tag=2') +
      msg('U 2026/11/25 10:23:46.000000 198.51.100.20:5060 -> 198.51.100.20:5060', 'OPTIONS sip:self.example SIP/2.0', '');
    const { html } = reportHtml([{ name: 'trace.txt', data: Buffer.from(log) }]);
    const svg = ladders(html)[0]!;
    expect(svg.match(/class="arrow"/g)).toHaveLength(3);
    expect(svg).toMatch(/<text class="time"[^>]*>\+0\.000 s<\/text>/);
    expect(svg).toMatch(/<text class="time"[^>]*>\+0\.077 s<\/text>/);
    expect(svg).toMatch(/<g class="msg[^"]*" data-msg="3"[^>]*>.*<path class="arrow" d="M/);
    expect(html).toContain('<span class="where">198.51.100.20:5060 → 203.0.113.10:5060</span>');
  });

  it('is deterministic and self-contained for an empty flow', () => {
    const html = formatReportHtml({ flow: { messages: [], transactions: [], calls: [] }, findings: [], rules: [] });
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).toContain('No findings: every rule passed.');
    expect(formatReportHtml({ flow: { messages: [], transactions: [], calls: [] }, findings: [], rules: [] })).toBe(html);
  });
});
