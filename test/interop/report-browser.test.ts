import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { LAZY_CALLS } from '../../src/format/report-html.js';
import { callCorpus } from '../helpers/call-corpus.js';
import { ROOT } from '../helpers/fixtures.js';
import { reportHtml } from '../helpers/report-html.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * The HTML report in a real browser: Debian's chromium (installed by .ci/run), driven by
 * playwright-core, headless, with every network request aborted and recorded. With
 * SIPTOOL_REQUIRE_INTEROP=1 (CI) a missing chromium fails instead of skipping.
 */
const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.SIPTOOL_REQUIRE_INTEROP === '1') throw new Error('chromium is required (SIPTOOL_REQUIRE_INTEROP=1) but /usr/bin/chromium is not installed');
const d = available ? describe : describe.skip;

const ARTIFACTS = join(ROOT, 'test-artifacts');

const HOSTILE = Buffer.from(
  [
    'OPTIONS sip:x@evil.example SIP/2.0',
    'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1"><img src=https://evil.example/p.png onerror=alert(1)>',
    'From: "</script><script>alert(2)</script>" <sip:a@evil.example>;tag=1',
    'To: <sip:x@evil.example>',
    'Call-ID: <svg onload=alert(3)>',
    'CSeq: 1 OPTIONS',
    'X-Evil: <iframe src="http://evil.example/"></iframe><link rel=stylesheet href=//evil.example/s.css>',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n'),
);

async function isOpen(page: Page, selector: string): Promise<boolean> {
  return (await page.locator(selector).getAttribute('open')) !== null;
}

interface Opened {
  page: Page;
  /** Every request the page made, besides the report itself. */
  requests: string[];
  /** Console errors (CSP violations among them), page errors and dialogs. */
  problems: string[];
}

d('the HTML report in Chromium', () => {
  let browser: Browser;
  const pages: Page[] = [];
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-default-apps', '--disable-domain-reliability'],
      timeout: 60_000,
    });
  }, 90_000);
  afterAll(async () => {
    for (const p of pages) await p.close().catch(() => undefined);
    await browser?.close();
  });

  async function open(name: string, html: string, viewport = { width: 1280, height: 900 }): Promise<Opened> {
    const file = join(ARTIFACTS, name);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const context = await browser.newContext({ viewport, offline: true, javaScriptEnabled: true });
    const page = await context.newPage();
    pages.push(page);
    const requests: string[] = [];
    const problems: string[] = [];
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u === url) return route.continue();
      requests.push(u);
      return route.abort();
    });
    page.on('request', (r) => {
      if (r.url() !== url && !requests.includes(r.url())) requests.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (dlg) => {
      problems.push(`dialog: ${dlg.message()}`);
      void dlg.dismiss();
    });
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    return { page, requests, problems };
  }

  it('call-flow.sip: one arrow per message, findings shown, a message expands to its marked text', async () => {
    // made by the CLI, as a user would (dist/, rule pages read from docs/rules)
    const { input } = reportHtml(['fixtures/sip/real/call-flow.sip']);
    const file = join(ARTIFACTS, 'report-call-flow.html');
    const made = runCli(['explain', '--force', '--report', file, 'fixtures/sip/real/call-flow.sip']);
    expect(made.code).toBe(0);
    const { page, requests, problems } = await open('report-call-flow.html', readFileSync(file, 'utf8'));
    expect(await page.locator('#rule-private-contact .doc h4').first().textContent()).toBe('private-contact');
    expect(await page.locator('svg.ladder').count()).toBe(1);
    expect(await page.locator('#call-1 svg.ladder .arrow').count()).toBe(9);
    expect(await page.locator('#call-1 svg.ladder g.msg').count()).toBe(9);
    // the arrows run left to right or right to left between the lifelines, in message order
    const ys = await page.locator('#call-1 svg.ladder g.msg').evaluateAll((gs) => gs.map((g) => (g as unknown as { getBBox(): { y: number } }).getBBox().y));
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    // findings: marked on their arrows, listed, and their rules documented
    expect(await page.locator('#call-1 svg.ladder g.msg.sev-warning .mark').count()).toBe(1);
    expect(await page.locator('#findings tbody tr').count()).toBe(input.findings.length);
    expect(await page.locator('#findings').innerText()).toContain('private-contact');
    // the message is closed until its arrow is clicked
    expect(await isOpen(page, '#m-1')).toBe(false);
    await page.locator('#call-1 svg.ladder g.msg[data-msg="1"]').click();
    expect(await isOpen(page, '#m-1')).toBe(true);
    const marked = page.locator('#m-1-l8 mark');
    expect(await marked.isVisible()).toBe(true);
    expect(await marked.textContent()).toBe('10.12.4.7');
    // a findings-table link opens the message it names
    await page.locator('#findings a[href="#m-2"]').first().click();
    expect(await isOpen(page, '#m-2')).toBe(true);
    await page.locator('#m-1 > summary').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'report.png') });
    // the README's picture (docs/img/report.png is a copy): summary, calls, ladder, an open message
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(ARTIFACTS, 'report-top.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1500 } });
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it('a multi-call input: a ladder per call with one arrow per message, the filter narrows the calls', async () => {
    const { html, input } = reportHtml(['fixtures/sip/real/call-flow.sip', 'fixtures/sip/real/register-challenge-flow.sip', 'fixtures/explain/private-contact/invalid-pod-ip-in-200.sip', 'fixtures/sip/real/options-ping.sip']);
    const { page, requests, problems } = await open('report-multi.html', html);
    const calls = input.flow.calls;
    expect(calls.length).toBeGreaterThanOrEqual(4);
    expect(await page.locator('#calls tbody tr').count()).toBe(calls.length);
    await page.locator('#expand').click();
    for (let i = 0; i < calls.length; i++) expect(await page.locator(`#call-${i + 1} svg.ladder .arrow`).count()).toBe(calls[i]!.messages.length);
    expect(await page.locator('svg.ladder .mark.sev-error').count()).toBeGreaterThan(0);
    await page.locator('#filter').fill('private-contact');
    const visible = await page.locator('details.call:not([hidden])').count();
    expect(visible).toBeGreaterThan(0);
    expect(visible).toBeLessThan(calls.length);
    await page.locator('#severity').selectOption('error');
    expect(await page.locator('details.call:not([hidden])').count()).toBe(1);
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it('a large input: calls collapsed, filled in when opened', async () => {
    const n = LAZY_CALLS + 20;
    const { html } = reportHtml([{ name: 'many.sip', data: callCorpus(n) }]);
    const { page, requests, problems } = await open('report-large.html', html);
    expect(await page.locator('details.call').count()).toBe(n);
    expect(await page.locator('svg.ladder').count()).toBe(0);
    await page.locator('#filter').fill('c117-');
    expect(await page.locator('details.call:not([hidden])').count()).toBe(1);
    await page.locator('#call-118 > summary').click();
    await page.locator('#call-118 svg.ladder').waitFor({ timeout: 10_000 });
    expect(await page.locator('#call-118 svg.ladder .arrow').count()).toBe(4);
    expect(await page.locator('svg.ladder').count()).toBe(1);
    // a findings-table link to a message of a call not drawn yet draws the call and opens the message
    const link = page.locator('#findings a[data-call="3"]').first();
    const target = (await link.getAttribute('href'))!;
    await link.click();
    await page.locator(`${target}[open]`).waitFor({ timeout: 10_000 });
    expect(await page.locator('#call-3 svg.ladder .arrow').count()).toBe(4);
    expect(await page.locator('svg.ladder').count()).toBe(2);
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it('hostile SIP text runs nothing and loads nothing', async () => {
    const { html } = reportHtml([{ name: 'evil.sip', data: HOSTILE }]);
    const { page, requests, problems } = await open('report-hostile.html', html);
    await page.locator('#call-1 svg.ladder g.msg').first().click();
    expect(await page.locator('#m-1 pre').textContent()).toContain('<iframe src="http://evil.example/"></iframe>');
    expect(await page.locator('iframe, img, link, body svg:not(.ladder)').count()).toBe(0);
    // the Content-Security-Policy is in force: a script added to the page is refused
    await expect(page.addScriptTag({ content: 'document.title = "pwned"' })).rejects.toThrow();
    expect(await page.title()).not.toBe('pwned');
    problems.splice(0, problems.length, ...problems.filter((p) => !/Content Security Policy/.test(p)));
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);
});
