import { buildCapture, ExplainRun, readCaptureAll, readCaptureInto, RULES, type Problem } from '../../src/index.js';
import { sdp, sip } from '../helpers/capture.js';

/**
 * Captured messages are parsed lazily and validated when their call is checked: the problems
 * (and so the sip-syntax findings) are the same as with the reader's full validation.
 */
describe('readCaptureInto', () => {
  const bad = sip('bad', { extra: 'Max-Forwards: lots\r\nExpires: soon\r\n', body: 'v=0\r\nm=audio x RTP/AVP 0\r\n' });
  const buf = buildCapture((w) => {
    w.udp({ src: { address: '192.0.2.1', port: 5060 }, dst: { address: '198.51.100.2', port: 5060 }, payload: bad, time: 1_700_000_000_000 });
    w.tcp({ src: { address: '192.0.2.1', port: 40000 }, dst: { address: '198.51.100.2', port: 5060 }, payload: sip('tcp', { body: sdp(2500), extra: 'CSeq: 7 BYE\r\n' }), time: 1_700_000_000_100 });
  });
  const key = (p: Problem) => `${p.code} ${p.severity} ${p.line}:${p.column} ${p.message}`;

  it('gives every message the problems of full validation, once', async () => {
    const full = await readCaptureAll(buf);
    expect(full.messages).toHaveLength(2);
    const seen: Problem[][] = [];
    const run = new ExplainRun({ rules: [...RULES.values()], onChecked: (flow) => flow.messages.forEach((m) => (seen[m.index] = [...m.problems])) });
    const r = await readCaptureInto(buf, 'x.pcap', run);
    const { findings } = run.end();
    expect(r).toMatchObject({ messages: 2, error: undefined });
    expect(seen.map((ps) => ps.map(key))).toEqual(full.messages.map((m) => m.problems.map(key)));
    expect(seen[0]!.length).toBeGreaterThan(2);
    const syntax = findings.filter((f) => f.ruleId === 'sip-syntax');
    expect(syntax.length).toBeGreaterThan(0);
  });
});
