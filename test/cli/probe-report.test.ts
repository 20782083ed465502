import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildResponse } from '../../src/core/index.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { startPeer, type TestPeer } from '../helpers/sip-peer.js';

const SDP = 'v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n';

let dir: string;
let peer: TestPeer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'siptool-probe-report-'));
  peer = await startPeer('udp', (req, send) => {
    if (req.method === 'OPTIONS') send(buildResponse(req, 200));
    if (req.method === 'INVITE') {
      send(buildResponse(req, 100));
      send(buildResponse(req, 200, { toTag: 'uas', contact: '<sip:uas@127.0.0.1>', body: SDP, contentType: 'application/sdp' }));
    }
    if (req.method === 'BYE') send(buildResponse(req, 200));
  });
});
afterAll(async () => {
  await peer.close();
  rmSync(dir, { recursive: true, force: true });
});

const probe = (args: string[]) => runCliAsync(['probe', ...args], { env: { SIPTOOL_PASSWORD: undefined } });

describe('siptool probe --report', () => {
  it('writes the call as an HTML report: one arrow per message, the probe result and findings', async () => {
    const file = join(dir, 'call.html');
    const r = await probe([`udp:127.0.0.1:${peer.port}`, '-m', 'INVITE', '--to', 'sip:+14155550100@127.0.0.1', '--report', file, '--t1', '50', '--timeout', '2']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/wrote .*call\.html \(1 call\(s\), 6 message\(s\)/);
    const html = readFileSync(file, 'utf8');
    // INVITE, 100, 200, ACK, BYE and the 200 to BYE: every message on the wire is an arrow
    const arrows = html.match(/class="arrow/g) ?? [];
    expect(arrows.length).toBeGreaterThanOrEqual(6);
    expect(html).toContain('Probe result');
    expect(html).toMatch(/sip:127\.0\.0\.1:\d+ SIP\/2\.0/);
    expect(html).toContain('sip:+14155550100@127.0.0.1');
    // the probe's own loopback Contact is what the carrier could not reach: explained in the report
    expect(html).toContain('private-contact');
    expect(html).not.toMatch(/(src|href)="https?:/);
  }, 30_000);

  it('never replaces an existing file without --force', async () => {
    const file = join(dir, 'keep.html');
    writeFileSync(file, 'mine');
    const r = await probe([`udp:127.0.0.1:${peer.port}`, '--report', file, '--t1', '50', '--timeout', '2']);
    expect(r.code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    expect(r.stderr).toMatch(/keep\.html/);
    const forced = await probe([`udp:127.0.0.1:${peer.port}`, '--report', file, '--force', '--t1', '50', '--timeout', '2']);
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^<!DOCTYPE html>/i);
  }, 30_000);

  it('refuses --report on a file the run also reads', async () => {
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, 'x');
    const r = await probe(['tls:127.0.0.1:5061', '--ca', ca, '--report', ca]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--report .*ca\.pem is also given as another file of this run/);
    expect(existsSync(ca) && readFileSync(ca, 'utf8')).toBe('x');
  });
});
