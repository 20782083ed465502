import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { ROOT } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/temp-dir.js';

const STACK = /^\s+at .+:\d+:\d+\)?$/m;

describe('siptool explain', () => {
  it('reports findings with the quoted line and a marker, exit 1 on errors', () => {
    const r = runCli(['explain', 'fixtures/explain/private-contact/invalid-pod-ip-in-200.sip']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/7:25\s+error\s+Contact 10\.42\.3\.17 is a private address .*private-contact/);
    expect(r.stdout).toContain('│ Contact: <sip:voice-app@10.42.3.17:5060;transport=udp>');
    expect(r.stdout).toMatch(/│ {25}\^{10}\n/);
    expect(r.stdout).toMatch(/fix: Put an address the carrier can reach/);
    expect(r.stdout).toMatch(/✖ 1 finding\(s\): 1 error\(s\)/);
  });

  it('exit 0 on a clean flow; --fail-on warning turns warnings into a failure', () => {
    expect(runCli(['explain', 'fixtures/sip/real/call-flow.sip']).code).toBe(0);
    expect(runCli(['explain', '--fail-on', 'warning', 'fixtures/explain/route-missing-lr/invalid-strict-route.sip']).code).toBe(1);
    expect(runCli(['explain', 'fixtures/explain/route-missing-lr/invalid-strict-route.sip']).code).toBe(0);
  });

  it('--format json: messages and findings (schema siptool.explain/1)', () => {
    const r = runCli(['explain', '--format', 'json', 'fixtures/sip/real/call-flow.sip', 'fixtures/explain/route-missing-lr/invalid-strict-route.sip']);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('siptool.explain/1');
    expect(doc.messages).toHaveLength(10);
    expect(doc.messages[9]).toMatchObject({ index: 9, startLine: 'INVITE sip:+442071838750@sip.carrier.example;user=phone SIP/2.0', file: 'fixtures/explain/route-missing-lr/invalid-strict-route.sip' });
    const where = (f: { ruleId: string; severity: string; messageIndex: number; line: number; column: number; fileLine: number }): string => `${f.ruleId} ${f.severity} ${f.messageIndex} ${f.line}:${f.column} ${f.fileLine}`;
    expect(doc.findings.map(where)).toEqual([
      'domain-roles info 0 1:1 1',
      'private-contact warning 0 8:19 8',
      'sdp-private-address warning 0 16:10 16',
      'via-received-nat info 1 2:65 26',
      'domain-roles info 9 1:1 1',
      'route-missing-lr warning 9 3:9 3',
    ]);
    expect(doc.findings[1]).toMatchObject({ messageId: 'dialogStream', file: 'fixtures/sip/real/call-flow.sip', category: 'nat' });
    expect(doc.findings[5]).toMatchObject({ file: 'fixtures/explain/route-missing-lr/invalid-strict-route.sip', header: 'Route' });
    expect(doc.notifications).toEqual([]);
  });

  it('reads logs whose lines say when and between whom each message travelled (sngrep/ngrep export)', () => {
    const dir = tempDir('siptool-');
    const log = join(dir, 'trace.txt');
    writeFileSync(log, '2026/11/25 10:23:45.123456 198.51.100.20:5060 -> 203.0.113.10:5060\nOPTIONS sip:carrier.example SIP/2.0\nVia: SIP/2.0/UDP 198.51.100.20:5060;branch=z9hG4bKlog1;rport\nMax-Forwards: 70\nFrom: <sip:a@app.example>;tag=1\nTo: <sip:carrier.example>\nCall-ID: log1\nCSeq: 1 OPTIONS\nContent-Length: 0\n\nU 2026/11/25 10:23:45.200000 203.0.113.10:5060 -> 198.51.100.20:5060\nSIP/2.0 200 OK\nVia: SIP/2.0/UDP 198.51.100.20:5060;branch=z9hG4bKlog1;rport=5060\nFrom: <sip:a@app.example>;tag=1\nTo: <sip:carrier.example>;tag=2\nCall-ID: log1\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n');
    const doc = JSON.parse(runCli(['explain', '--json', log]).stdout);
    expect(doc.messages.map((m: { src?: unknown; dst?: unknown; time?: number; transport?: string }) => [m.src, m.dst, m.time, m.transport ?? null])).toEqual([
      [{ address: '198.51.100.20', port: 5060 }, { address: '203.0.113.10', port: 5060 }, Date.UTC(2026, 10, 25, 10, 23, 45) / 1000 + 0.123456, null],
      [{ address: '203.0.113.10', port: 5060 }, { address: '198.51.100.20', port: 5060 }, Date.UTC(2026, 10, 25, 10, 23, 45) / 1000 + 0.2, 'udp'],
    ]);
    expect(doc.findings.map((f: { ruleId: string; severity: string; message: string }) => [f.ruleId, f.severity])).toEqual([
      ['sip-syntax', 'info'],
      ['sip-syntax', 'info'],
    ]);
    expect(doc.findings[0].message).toMatch(/normal for text saved from a log/);
  });

  it('a config can change severities and must name real rules', () => {
    const dir = tempDir('siptool-');
    const ok = join(dir, 'ok.json');
    writeFileSync(ok, JSON.stringify({ rules: { 'private-contact': 'warning' } }));
    const r = runCli(['explain', '--config', ok, 'fixtures/explain/private-contact/invalid-pod-ip-in-200.sip']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning\s+Contact 10\.42\.3\.17/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ rules: { 'privat-contact': 'off' } }));
    const b = runCli(['explain', '--config', bad, 'fixtures/sip/real/call-flow.sip']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/rules\.privat-contact: no such rule/);
  });

  it('--list-rules and --rule ID document the catalogue', () => {
    const list = runCli(['explain', '--list-rules']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^private-contact\s+error\s+nat\s+/m);
    expect(list.stdout.trimEnd().split('\n').length).toBeGreaterThanOrEqual(40);
    const one = runCli(['explain', '--rule', 'route-missing-lr']);
    expect(one.stdout).toContain('How to fix: ');
    expect(runCli(['explain', '--rule', 'nope']).code).toBe(2);
  });

  it.each([
    [['explain', 'no-such.sip'], /cannot read "no-such\.sip": no such file/],
    [['explain', 'fixtures/nothing-here/*.sip'], /no file matches "fixtures\/nothing-here\/\*\.sip"/],
    [['explain', 'README.md'], /README\.md: no SIP message found/],
  ])('unreadable input %j: one line, exit 2', (args, message) => {
    const r = runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('expands quoted globs itself', () => {
    const r = runCli(['explain', '--json', 'fixtures/explain/*-lr/valid-*.sip', 'fixtures/explain/s*-syntax/valid-*.sip']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).inputs.map((i: { file: string }) => i.file)).toEqual([
      'fixtures/explain/route-missing-lr/valid-loose-route.sip',
      'fixtures/explain/sip-syntax/valid-options.sip',
    ]);
  });

  it('--format sarif prints a SARIF 2.1.0 log with an empty result list on a clean run', () => {
    const clean = runCli(['explain', '--format', 'sarif', 'fixtures/explain/sip-syntax/valid-options.sip']);
    expect(clean.code).toBe(0);
    const log = JSON.parse(clean.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules.length).toBeGreaterThanOrEqual(40);
    // each rule's help carries its page from docs/rules (shown by GitHub code scanning)
    for (const r of log.runs[0].tool.driver.rules as Array<{ id: string; help: { markdown?: string } }>) expect(r.help.markdown).toBe(readFileSync(join(ROOT, 'docs', 'rules', `${r.id}.md`), 'utf8'));
    const bad = runCli(['explain', '--format', 'sarif', 'fixtures/explain/private-contact/invalid-pod-ip-in-200.sip']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).runs[0].results[0]).toMatchObject({ ruleId: 'private-contact', level: 'error' });
  });

  it('--format github prints workflow commands; --format junit prints JUnit XML', () => {
    const gh = runCli(['explain', '--format', 'github', 'fixtures/explain/private-contact/invalid-pod-ip-in-200.sip']);
    expect(gh.code).toBe(1);
    expect(gh.stdout).toMatch(/^::error file=fixtures\/explain\/private-contact\/invalid-pod-ip-in-200\.sip,line=7,col=25,/);
    const ju = runCli(['explain', '--format', 'junit', 'fixtures/sip/real/call-flow.sip']);
    expect(ju.code).toBe(0);
    expect(ju.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="siptool explain" tests="9" failures="0"/);
  });

  it('--ladder draws each call before the report, and only with the stylish format', () => {
    const r = runCli(['explain', '--ladder', '--no-color', 'fixtures/sip/real/call-flow.sip']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Call-ID flow-5f4e3d2c1b@app\.example\.com · 9 message\(s\)\n/);
    expect(r.stdout).toMatch(/ {2}1 +│─INVITE \(SDP\)─+▶│ .*! private-contact sdp-private-address/);
    expect(r.stdout).toMatch(/⚠ \d+ finding\(s\)/);
    const j = runCli(['explain', '--ladder', '--format', 'json', 'fixtures/sip/real/call-flow.sip']);
    expect(j.code).toBe(2);
    expect(j.stderr).toMatch(/--ladder .* only with the stylish format/);
  });

  it('a capture without SIP is refused with one clear line', () => {
    const dir = tempDir('siptool-');
    const pcap = join(dir, 'empty.pcap');
    writeFileSync(pcap, Buffer.from('d4c3b2a1020004000000000000000000ffff000001000000', 'hex'));
    const r = runCli(['explain', pcap]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/empty\.pcap: no SIP message found in the capture/);
    expect(r.stderr).not.toMatch(STACK);
  });
});
