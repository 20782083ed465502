import { formatLadder } from '../../src/format/ladder-text.js';
import { reportOf } from './explain-report.js';
import { buildFlow, readTextMessages, RULES, runRules } from '../../src/index.js';

describe('ladder (text sequence diagram)', () => {
  it('draws the TLS call flow: hosts from the Via, Route and Request-URI, findings on the arrows', () => {
    const { report, flow } = reportOf(['fixtures/sip/real/call-flow.sip']);
    const lines = formatLadder(flow, report.findings).split('\n');
    expect(lines[0]).toBe('Call-ID flow-5f4e3d2c1b@app.example.com · 9 message(s)');
    expect(lines[1]).toMatch(/^\s+10\.12\.4\.7:5061\s+sip\.carrier\.example\s+edge1\.carrier\.example$/);
    const arrow = (n: number): string => lines.find((l) => l.startsWith(String(n).padStart(3) + '  '))!;
    expect(arrow(1)).toMatch(/│─INVITE \(SDP\)─+▶│/);
    expect(arrow(1)).toMatch(/! private-contact sdp-private-address {2}i domain-roles$/);
    expect(arrow(2)).toMatch(/│◀─100 Trying─+│/);
    // the PRACK, ACK and BYE follow the Route to the edge proxy: the third column
    expect(arrow(4)).toMatch(/│─PRACK─+▶│$/);
    expect(arrow(4).indexOf('▶')).toBeGreaterThan(arrow(1).indexOf('▶'));
    expect(arrow(9)).toMatch(/│◀─200 OK─+│$/);
  });

  it('uses src/dst and time from a log', () => {
    const log = [
      'U 2026/11/25 10:23:45.123456 198.51.100.20:5060 -> 203.0.113.10:5060',
      'OPTIONS sip:carrier.example SIP/2.0',
      'Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKlog1',
      'Max-Forwards: 70',
      'From: <sip:a@app.example>;tag=1',
      'To: <sip:carrier.example>',
      'Call-ID: log1',
      'CSeq: 1 OPTIONS',
      'Content-Length: 0',
      '',
      'U 2026/11/25 10:23:45.200000 203.0.113.10:5060 -> 198.51.100.20:5060',
      'SIP/2.0 200 OK',
      'Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKlog1;received=198.51.100.20',
      'From: <sip:a@app.example>;tag=1',
      'To: <sip:carrier.example>;tag=2',
      'Call-ID: log1',
      'CSeq: 1 OPTIONS',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    const { messages } = readTextMessages(Buffer.from(log), 'trace.txt');
    const flow = buildFlow(messages);
    const out = formatLadder(flow, runRules(flow, { rules: [...RULES.values()] }));
    const lines = out.split('\n');
    expect(lines[1]).toMatch(/^\s+198\.51\.100\.20:5060\s+203\.0\.113\.10:5060$/);
    expect(lines[3]).toMatch(/^ {2}1 {2}10:23:45\.123 +│─OPTIONS─+▶│/);
    expect(lines[4]).toMatch(/^ {2}2 {2}10:23:45\.200 +│◀─200 OK─+│/);
  });

  it('draws one diagram per call and bounds the number of columns', () => {
    const { report, flow } = reportOf(['fixtures/sip/real/call-flow.sip', 'fixtures/sip/real/register-challenge-flow.sip']);
    const out = formatLadder(flow, report.findings);
    expect(out.match(/^Call-ID /gm)).toHaveLength(flow.calls.length);
    expect(flow.calls.length).toBeGreaterThan(1);
  });
});
