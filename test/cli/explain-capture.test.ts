import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCapture, type PcapWriter, type PcapWriterOptions } from '../../src/index.js';
import { sdp } from '../helpers/capture.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * `siptool explain` on pcap and pcapng captures written by the project's own writer: messages
 * carry the packet's time, source and destination (the rules see the real source), TCP messages
 * split over segments and coalesced in one segment are read, a truncated file is explained up
 * to the fault and then fails with the byte offset.
 */
const dir = mkdtempSync(join(tmpdir(), 'siptool-explain-capture-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T0 = Date.UTC(2026, 0, 15, 10, 23, 45, 120);
const APP_PRIVATE = '10.42.3.17';
const NAT = { address: '203.0.113.7', port: 40123 };
const SBC = { address: '198.51.100.5', port: 5060 };

function req(method: string, callId: string, cseq: number, opts: { body?: string; transport?: string; toTag?: string; ruri?: string } = {}): string {
  const body = opts.body ?? '';
  const t = opts.transport ?? 'UDP';
  return (
    `${method} ${opts.ruri ?? 'sip:+14155550100@trunk.carrier.example'} SIP/2.0\r\nVia: SIP/2.0/${t} ${APP_PRIVATE}:5060;branch=z9hG4bK-${callId}-${cseq}${method[0]}\r\nMax-Forwards: 70\r\n` +
    `From: <sip:+12125550100@app.example.com>;tag=a-${callId}\r\nTo: <sip:+14155550100@trunk.carrier.example>${opts.toTag ? `;tag=${opts.toTag}` : ''}\r\nCall-ID: ${callId}\r\nCSeq: ${cseq} ${method}\r\n` +
    `Contact: <sip:app@${NAT.address}:${NAT.port}>\r\n${body ? 'Content-Type: application/sdp\r\n' : ''}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

function res(status: string, method: string, callId: string, cseq: number, opts: { transport?: string; toTag?: string } = {}): string {
  return (
    `SIP/2.0 ${status}\r\nVia: SIP/2.0/${opts.transport ?? 'UDP'} ${APP_PRIVATE}:5060;branch=z9hG4bK-${callId}-${cseq}${method[0]};received=${NAT.address}\r\n` +
    `From: <sip:+12125550100@app.example.com>;tag=a-${callId}\r\nTo: <sip:+14155550100@trunk.carrier.example>${opts.toTag ? `;tag=${opts.toTag}` : ''}\r\nCall-ID: ${callId}\r\nCSeq: ${cseq} ${method}\r\n` +
    `${status.startsWith('200') && method === 'INVITE' ? `Contact: <sip:sbc@${SBC.address}:${SBC.port}>\r\n` : ''}Content-Length: 0\r\n\r\n`
  );
}

/** A UDP call from behind NAT, then a TCP call with an INVITE split over segments and two responses in one segment. */
function calls(w: PcapWriter, udpOnly = false): void {
  let t = T0;
  w.udp({ src: NAT, dst: SBC, payload: req('INVITE', 'udp-call', 1), time: t });
  w.udp({ src: SBC, dst: NAT, payload: res('100 Trying', 'INVITE', 'udp-call', 1), time: (t += 20) });
  w.udp({ src: SBC, dst: NAT, payload: res('200 OK', 'INVITE', 'udp-call', 1, { toTag: 'b1' }), time: (t += 900) });
  w.udp({ src: NAT, dst: SBC, payload: req('ACK', 'udp-call', 1, { toTag: 'b1', ruri: `sip:sbc@${SBC.address}:${SBC.port}` }), time: (t += 15) });
  if (udpOnly) return;
  const cli = { address: '192.0.2.10', port: 41000 };
  w.tcp({ src: cli, dst: SBC, payload: req('INVITE', 'tcp-call', 1, { transport: 'TCP', body: sdp(3000) }), time: (t += 100) });
  w.tcp({ src: SBC, dst: cli, payload: res('100 Trying', 'INVITE', 'tcp-call', 1, { transport: 'TCP' }) + res('486 Busy Here', 'INVITE', 'tcp-call', 1, { transport: 'TCP', toTag: 'b2' }), time: (t += 30) });
  w.tcp({ src: cli, dst: SBC, payload: req('ACK', 'tcp-call', 1, { transport: 'TCP', toTag: 'b2' }), time: (t += 5) });
  w.tcpClose({ src: cli, dst: SBC, time: (t += 5) });
}

function write(name: string, opts: PcapWriterOptions = {}, udpOnly = false): { file: string; bytes: Buffer } {
  const bytes = buildCapture((w) => calls(w, udpOnly), opts);
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return { file, bytes };
}

const json = (args: string[], input?: Buffer) => {
  const r = runCli(['explain', '--format', 'json', ...args], input ? { input } : {});
  return { ...r, doc: JSON.parse(r.stdout) };
};

describe('siptool explain on captures', () => {
  it.each<[string, PcapWriterOptions]>([
    ['pcap', {}],
    ['pcapng', { format: 'pcapng' }],
  ])('%s: every SIP message, with time, source, destination, transport and frame', (name, opts) => {
    const { file } = write(`calls.${name}`, opts);
    const { code, doc } = json([file]);
    expect(code).toBe(0);
    expect(doc.inputs).toEqual([{ file, messages: 8 }]);
    expect(doc.messages.map((m: { startLine: string }) => m.startLine.split(' ').slice(0, 2).join(' '))).toEqual([
      'INVITE sip:+14155550100@trunk.carrier.example',
      'SIP/2.0 100',
      'SIP/2.0 200',
      `ACK sip:sbc@${SBC.address}:${SBC.port}`,
      'INVITE sip:+14155550100@trunk.carrier.example',
      'SIP/2.0 100',
      'SIP/2.0 486',
      'ACK sip:+14155550100@trunk.carrier.example',
    ]);
    expect(doc.messages[0]).toMatchObject({ index: 0, file, line: 1, frame: 1, time: T0 / 1000, src: NAT, dst: SBC, transport: 'udp', callId: 'udp-call', cseq: '1 INVITE' });
    expect(doc.messages[1]).toMatchObject({ src: SBC, dst: NAT, time: (T0 + 20) / 1000 });
    // TCP: the INVITE (over 3000 bytes) came in several segments; 100 and 486 in one segment
    const tcp = doc.messages.slice(4);
    expect(tcp.map((m: { transport: string }) => m.transport)).toEqual(['tcp', 'tcp', 'tcp', 'tcp']);
    expect(tcp[1].frame).toBe(tcp[2].frame);
    expect(doc.notifications).toEqual([]);
  });

  it('rules see the real source: the Via says 10.42.3.17:5060, the packet came from the NAT', () => {
    const { file } = write('nat.pcap', {}, true);
    const { doc } = json([file]);
    const f = doc.findings.find((x: { ruleId: string }) => x.ruleId === 'via-sent-by-mismatch');
    expect(f).toMatchObject({ messageIndex: 0, line: 2, column: 18, severity: 'warning', file });
    expect(f.message).toContain(`came from ${NAT.address}:${NAT.port}`);
  });

  it('stylish: findings under a heading with the frame, time and addresses; the quoted line and marker', () => {
    const { file } = write('stylish.pcap', {}, true);
    const r = runCli(['explain', '--no-color', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`message 1 (frame 1 10:23:45.120 ${NAT.address}:${NAT.port} → ${SBC.address}:${SBC.port}) INVITE sip:+14155550100@trunk.carrier.example`);
    expect(r.stdout).toMatch(/2:18 +warning +the top Via says 10\.42\.3\.17:5060 but the packet came from 203\.0\.113\.7:40123/);
    expect(r.stdout).toContain(`│ Via: SIP/2.0/UDP ${APP_PRIVATE}:5060;branch=z9hG4bK-udp-call-1I`);
    expect(r.stdout).toMatch(/in 4 message\(s\)/);
  });

  it('reads a capture from stdin', () => {
    const { bytes } = write('stdin.pcapng', { format: 'pcapng' });
    const { code, doc } = json(['-'], bytes);
    expect(code).toBe(0);
    expect(doc.inputs).toEqual([{ file: '<stdin>', messages: 8 }]);
  });

  it('--ladder draws the calls with the capture addresses', () => {
    const { file } = write('ladder.pcap', {}, true);
    const r = runCli(['explain', '--ladder', '--no-color', file]);
    expect(r.stdout).toMatch(/Call-ID udp-call · 4 message\(s\)/);
    expect(r.stdout).toContain(`${NAT.address}:${NAT.port}`);
    expect(r.stdout).toMatch(/1 +10:23:45\.120 +│─INVITE─+▶│ +! via-sent-by-mismatch/);
  });

  it('a truncated capture: what was read is explained, then one line with the byte offset and exit 2', () => {
    // the writer is deterministic: the capture of the first three messages is a prefix of the whole
    const whole = buildCapture((w) => calls(w, true));
    const three = buildCapture((w) => {
      const all: Array<Parameters<PcapWriter['udp']>[0]> = [];
      calls({ udp: (s: Parameters<PcapWriter['udp']>[0]) => all.push(s) } as unknown as PcapWriter, true);
      for (const s of all.slice(0, 3)) w.udp(s);
    });
    expect(whole.subarray(0, three.length)).toEqual(three);
    const file = join(dir, 'truncated.pcap');
    writeFileSync(file, whole.subarray(0, three.length + 30));
    const r = runCli(['explain', '--format', 'json', file]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.messages).toBe(3);
    expect(doc.findings.some((f: { ruleId: string }) => f.ruleId === 'via-sent-by-mismatch')).toBe(true);
    expect(doc.notifications).toEqual([expect.objectContaining({ file, error: true, message: expect.stringContaining('CAPTURE_ERR_TRUNCATED') })]);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${file}: `);
    expect(r.stderr).toContain(`at byte offset ${three.length}`);
    expect(r.stderr).toContain('the 3 SIP messages before it were explained');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    // SARIF marks the run as not successful
    const sarif = JSON.parse(runCli(['explain', '--format', 'sarif', file]).stdout);
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
  });

  it('a file that is not a capture past its magic number: exit 2 with the offset, no stack', () => {
    const file = join(dir, 'bad-version.pcap');
    writeFileSync(file, Buffer.from('d4c3b2a1090004000000000000000000ffff000001000000', 'hex'));
    const r = runCli(['explain', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-version\.pcap: .*at byte offset 0/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('the README capture example', () => {
  it('fixtures/examples/nat-call.pcapng: the NAT and the unacknowledged 200, as the README shows', () => {
    const r = runCli(['explain', '--ladder', '--no-color', 'fixtures/examples/nat-call.pcapng']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ {2}1 {2}10:23:45\.120 +│─INVITE─+▶│ {2}! via-sent-by-mismatch private-contact {2}i domain-roles/);
    expect(r.stdout).toMatch(/ {2}3 {2}10:23:47\.520 +│◀─200 OK─+│ {2}! ack-missing/);
    expect(r.stdout).toContain('message 3 (frame 3 10:23:47.520 198.51.100.5:5060 → 203.0.113.7:40123) 200 OK');
    expect(r.stdout).toContain('✖ 4 finding(s): 2 error(s), 1 warning(s), 1 note(s) in 6 message(s)');
  });
});

describe('explain: CI formats on a capture (a binary file)', () => {
  it('--format github: file-level annotations whose message names the frame and the line in the SIP message', () => {
    const r = runCli(['explain', '--format', 'github', 'fixtures/examples/nat-call.pcapng']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    // no line or column: those would be read as places in the binary file
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=fixtures\/examples\/nat-call\.pcapng,title=[a-z0-9-]+ \(siptool\)::frame \d+, line \d+:\d+ of the SIP message: /);
    expect(r.stdout).toContain('::error file=fixtures/examples/nat-call.pcapng,title=private-contact (siptool)::frame 1, line 8:25 of the SIP message: Contact 10.42.3.17');
  });

  it('--format sarif: results at line 1 of the capture, with the frame in the message and properties', () => {
    const r = runCli(['explain', '--format', 'sarif', 'fixtures/examples/nat-call.pcapng']);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout).runs[0].results as Array<{ ruleId: string; message: { text: string }; locations: Array<{ physicalLocation: { region: object } }>; properties: Record<string, unknown> }>;
    const pc = results.find((x) => x.ruleId === 'private-contact')!;
    expect(pc.message.text).toMatch(/^frame 1, line 8:25 of the SIP message: Contact 10\.42\.3\.17/);
    expect(pc.locations[0]!.physicalLocation.region).toEqual({ startLine: 1 });
    expect(pc.properties).toMatchObject({ frame: 1, line: 8, column: 25 });
    // a text input keeps its real lines and columns
    const text = JSON.parse(runCli(['explain', '--format', 'sarif', 'fixtures/explain/private-contact/invalid-pod-ip-in-200.sip']).stdout).runs[0].results[0];
    expect(text.locations[0].physicalLocation.region).toEqual({ startLine: 7, startColumn: 25, endColumn: 35 });
    expect(text.properties.frame).toBeUndefined();
  });
});
