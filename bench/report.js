// siptool explain --report on a large input: 10,000 INVITE calls (40,000 messages) through the
// real CLI, then the report opened in headless Chromium (when /usr/bin/chromium exists) with the
// network blocked: load time, and opening the last call. Goals (loose; the machine is shared):
// the report is under 40 MB (its calls are compressed), made in under 120 s, and opens (load event) in under 180 s with the
// last call's ladder drawn on demand. BENCH_REPORT_CALLS changes the size.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const CALLS = Number(process.env.BENCH_REPORT_CALLS ?? 10_000);
const CHROMIUM = '/usr/bin/chromium';

/** The same shape as test/helpers/call-corpus.ts: four messages per call, every tenth behind NAT. */
function corpus(calls) {
  const parts = [];
  for (let i = 0; i < calls; i++) {
    const id = `c${i}-${(i * 2654435761) >>> 0}@app.example.com`;
    const host = i % 10 === 0 ? '10.0.0.5' : '198.51.100.20';
    const sdp = ['v=0', `o=- ${i} 0 IN IP4 ${host}`, 's=-', `c=IN IP4 ${host}`, 't=0 0', 'm=audio 40000 RTP/AVP 0 101', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-15', ''].join('\r\n');
    const msg = (first, via, to, extra, body = '') =>
      [first, `Via: SIP/2.0/UDP ${via}`, 'Max-Forwards: 70', `From: <sip:+14155550100@app.example.com>;tag=f${i}`, `To: <sip:+442071838750@sip.carrier.example;user=phone>${to}`, `Call-ID: ${id}`, ...extra, `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n');
    const via = `${host}:5060;branch=z9hG4bK${i}a;rport`;
    parts.push(msg('INVITE sip:+442071838750@sip.carrier.example;user=phone SIP/2.0', via, '', ['CSeq: 1 INVITE', `Contact: <sip:app@${host}:5060>`, 'Content-Type: application/sdp'], sdp));
    parts.push(msg('SIP/2.0 100 Trying', `${via};received=203.0.113.9`, '', ['CSeq: 1 INVITE']));
    parts.push(msg('SIP/2.0 200 OK', `${via};received=203.0.113.9`, `;tag=t${i}`, ['CSeq: 1 INVITE', 'Contact: <sip:gw1.carrier.example:5060>', 'Content-Type: application/sdp'], sdp.replaceAll(host, '203.0.113.50')));
    parts.push(msg('ACK sip:gw1.carrier.example:5060 SIP/2.0', `${host}:5060;branch=z9hG4bK${i}b;rport`, `;tag=t${i}`, ['CSeq: 1 ACK']));
  }
  return parts.join('');
}

const dir = mkdtempSync(join(tmpdir(), 'siptool-bench-report-'));
let failed = false;
try {
  const input = join(dir, 'calls.sip');
  writeFileSync(input, corpus(CALLS), 'latin1');
  const out = join(dir, 'report.html');
  let t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(root, 'bin', 'siptool.cjs'), 'explain', '--format', 'json', '--fail-on', 'never', '--report', out, input], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 20 });
  const made = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`siptool exited ${r.status}: ${r.stderr}`);
  const size = statSync(out).size;
  console.log(`report of ${CALLS} calls (${CALLS * 4} messages): ${(size / 1e6).toFixed(1)} MB, explain + report ${(made / 1000).toFixed(1)} s (whole CLI run, rules included)`);
  const sizeOk = size < 40e6 * Math.max(1, CALLS / 10_000);
  const timeOk = made < 120_000;
  console.log(`  goal size < 40 MB: ${sizeOk ? 'met' : 'MISSED'}; goal time < 120 s: ${timeOk ? 'met' : 'MISSED'}`);
  failed ||= !sizeOk || !timeOk;

  if (!existsSync(CHROMIUM)) {
    console.log('  chromium not installed: the browser part is skipped');
  } else {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'], timeout: 60_000 });
    try {
      const context = await browser.newContext({ offline: true });
      const url = pathToFileURL(out).href;
      const requests = [];
      await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : (requests.push(route.request().url()), route.abort())));
      const page = await context.newPage();
      t = process.hrtime.bigint();
      await page.goto(url, { waitUntil: 'load', timeout: 600_000 });
      const load = Number(process.hrtime.bigint() - t) / 1e6;
      t = process.hrtime.bigint();
      await page.locator(`#call-${CALLS} > summary`).click({ timeout: 120_000 });
      await page.locator(`#call-${CALLS} svg.ladder`).waitFor({ timeout: 120_000 });
      const arrows = await page.locator(`#call-${CALLS} svg.ladder .arrow`).count();
      const open = Number(process.hrtime.bigint() - t) / 1e6;
      const rows = await page.locator('#calls tbody tr').count();
      console.log(`  chromium: load ${(load / 1000).toFixed(1)} s, ${rows} calls listed; opening the last call ${open.toFixed(0)} ms, ${arrows} arrows; ${requests.length} network requests`);
      const ok = load < 180_000 && arrows === 4 && rows === CALLS && requests.length === 0;
      console.log(`  goal opens in < 180 s with the last call drawn on demand and no request: ${ok ? 'met' : 'MISSED'}`);
      failed ||= !ok;
    } finally {
      await browser.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
