import { runCli } from '../helpers/run-cli.js';

interface JsonProblem { code: string; severity: string; message: string; line: number; column: number; offset: number; header?: string }
interface JsonHeader { name: string; rawName: string; value: string; line: number; column: number; offset: number; parsed?: unknown }
interface JsonMessage { kind: string; startLine: string; line: number; headers: JsonHeader[]; body: { length: number; contentType: string | null; encoding?: string; content?: string }; problems: JsonProblem[]; [k: string]: unknown }

function parseJson(args: string[]): { code: number | null; doc: { schema: string; inputs: Array<{ file: string; messages: JsonMessage[]; problems: JsonProblem[] }>; summary: Record<string, number> } } {
  const r = runCli(['parse', '--json', ...args]);
  return { code: r.code, doc: JSON.parse(r.stdout) };
}

describe('siptool parse --json (schema siptool.parse/1, docs/json/parse.md)', () => {
  it('gives the start line, headers with positions and structured values, body and problems', () => {
    const { code, doc } = parseJson(['fixtures/sip/real/compact-folded.sip']);
    expect(code).toBe(0);
    expect(doc.schema).toBe('siptool.parse/1');
    const m = doc.inputs[0]!.messages[0]!;
    expect(m).toMatchObject({ kind: 'request', startLine: 'INVITE sip:bob@biloxi.example.com SIP/2.0', line: 1, method: 'INVITE', uri: 'sip:bob@biloxi.example.com' });
    const via = m.headers[0]!;
    expect(via).toMatchObject({ name: 'Via', rawName: 'v', value: 'SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9 ;received=192.0.2.101', line: 2, column: 1, offset: 43 });
    expect(via.parsed).toEqual([expect.objectContaining({ transport: 'TCP', host: 'client.atlanta.example.com', port: 5060, branch: 'z9hG4bK74bf9', received: '192.0.2.101' })]);
    const from = m.headers.find((h) => h.name === 'From')!;
    expect(from.parsed).toMatchObject({ displayName: 'Alice', uri: { scheme: 'sip', user: 'alice', host: 'atlanta.example.com' }, params: { tag: '9fxced76sl' } });
    expect(m.body).toMatchObject({ length: 151, contentType: 'application/sdp', encoding: 'utf8' });
    expect(m.problems).toEqual([]);
    expect(doc.summary).toEqual({ messages: 1, errors: 0, warnings: 0, infos: 0 });
  });

  it('problems carry code, severity, message, line and column', () => {
    const { code, doc } = parseJson(['fixtures/sip/rfc4475/insuf.dat']);
    expect(code).toBe(1);
    const problems = doc.inputs[0]!.messages[0]!.problems;
    expect(problems.filter((p) => p.code === 'SIP_HEADER_MISSING').map((p) => p.header).sort()).toEqual(['Call-ID', 'From', 'Max-Forwards', 'To']);
    for (const p of problems) {
      expect(p).toEqual(expect.objectContaining({ code: expect.stringMatching(/^SIP_/), severity: expect.stringMatching(/^(error|warning|info)$/), message: expect.any(String), line: expect.any(Number), column: expect.any(Number) }));
    }
  });

  it('never shows credentials: the digest response is hidden', () => {
    const { doc } = parseJson(['fixtures/sip/real/register-challenge-flow.sip']);
    const auth = doc.inputs[0]!.messages[2]!.headers.find((h) => h.name === 'Authorization')!;
    expect(auth.value).toContain('response="(hidden)"');
    expect(JSON.stringify(doc)).not.toContain('7a3c1f0e9d8b7a6c5e4d3c2b1a09f8e7d6c5b4a3928171605f4e3d2c1b0a9f8e');
  });

  it('binary bodies come as base64', () => {
    const { doc } = parseJson(['fixtures/sip/rfc4475/mpart01.dat']);
    const body = doc.inputs[0]!.messages[0]!.body;
    expect(body.encoding).toBe('base64');
    expect(Buffer.from(body.content!, 'base64').length).toBe(553);
  });

  it('several files are several inputs; a non-SIP input lands in its problems', () => {
    const { doc } = parseJson(['fixtures/sip/real/options-ping.sip', 'fixtures/sip/rfc4475/test.dat']);
    expect(doc.inputs.map((i) => i.file)).toEqual(['fixtures/sip/real/options-ping.sip', 'fixtures/sip/rfc4475/test.dat']);
    expect(doc.inputs[1]!.messages).toHaveLength(1);
    expect(doc.inputs[1]!.messages[0]!.problems.map((p) => p.code)).toContain('SIP_BAD_START_LINE');
  });
});

describe('passwords never appear', () => {
  it('URI passwords are hidden in every field of the JSON and in the listing', () => {
    const input = 'INVITE sip:alice:s3cret@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nMax-Forwards: 70\r\nFrom: <sip:bob:hunter2@example.com>;tag=1\r\nTo: <sip:alice:s3cret@example.com>\r\nCall-ID: pw\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n';
    const json = runCli(['parse', '--json', '-'], { input });
    expect(json.stdout).not.toMatch(/s3cret|hunter2/);
    expect(JSON.parse(json.stdout).inputs[0].messages[0].startLine).toBe('INVITE sip:alice:(hidden)@example.com SIP/2.0');
    const text = runCli(['parse', '-'], { input });
    expect(text.stdout).not.toMatch(/s3cret|hunter2/);
    expect(runCli(['explain', '-'], { input }).stdout).not.toMatch(/s3cret|hunter2/);
  });
});
