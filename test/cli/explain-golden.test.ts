import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/fixtures.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * What `siptool explain` finds must not change when its speed does: the messages and findings
 * of a run over every fixture (text, torture tests and captures, with the example carrier
 * profile) equal test/explain/golden/fixture-findings.txt, written before the explain pipeline
 * was made faster; and the whole JSON report of a generated capture of many calls (the
 * benchmark's generator) has a known digest. A deliberate change of a rule updates them.
 */

function walk(dir: string): string[] {
  return readdirSync(join(ROOT, dir))
    .sort()
    .flatMap((n) => {
      const p = `${dir}/${n}`;
      return statSync(join(ROOT, p)).isDirectory() ? walk(p) : [p];
    });
}

interface Doc {
  messages: Array<{ index: number; file: string; line: number; kind: string; method?: string; status?: number; callId: string | null; cseq: string | null; frame?: number }>;
  findings: Array<{ messageIndex: number; line: number; column: number; length: number; severity: string; ruleId: string; messageId: string; header?: string; file: string; fileLine: number; fileColumn: number; message: string }>;
  notifications: unknown[];
}

function goldenText(files: string[], doc: Doc): string {
  const lines = [`${files.length} files, ${doc.messages.length} messages, ${doc.findings.length} findings`];
  for (const m of doc.messages) lines.push(`m ${m.index} ${m.file}:${m.line} ${m.kind} ${m.method ?? m.status} ${m.callId} ${m.cseq}${m.frame !== undefined ? ` frame ${m.frame}` : ''}`);
  for (const f of doc.findings) lines.push(`f ${f.messageIndex} ${f.line}:${f.column}+${f.length} ${f.severity} ${f.ruleId}/${f.messageId}${f.header ? ` [${f.header}]` : ''} ${f.file}:${f.fileLine}:${f.fileColumn} ${f.message}`);
  for (const n of doc.notifications) lines.push(`n ${JSON.stringify(n)}`);
  return lines.join('\n') + '\n';
}

describe('explain findings do not change', () => {
  it('gives the recorded messages and findings for every fixture', () => {
    const files = walk('fixtures')
      .filter((f) => /\.(sip|txt|pcapng|pcap|dat)$/.test(f))
      .sort();
    expect(files.length).toBeGreaterThan(150);
    const r = runCli(['explain', '--format', 'json', '--fail-on', 'never', '--config', 'fixtures/examples/siptool.config.json', ...files]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const golden = readFileSync(join(ROOT, 'test/explain/golden/fixture-findings.txt'), 'utf8');
    expect(goldenText(files, JSON.parse(r.stdout) as Doc)).toBe(golden);
  });

  it('writes the recorded JSON report for a generated capture of many calls', async () => {
    // the benchmark's generator (bench/capture-gen.js, on the built package), in the form the
    // digest was recorded with (every call on one media port)
    const { generate } = (await import(join(ROOT, 'bench', 'capture-gen.js'))) as { generate: (file: string, mb: number, o?: { sharedMediaPort?: boolean }) => { calls: number; messages: number } };
    const dir = mkdtempSync(join(tmpdir(), 'siptool-golden-'));
    try {
      const file = join(dir, 'calls.pcap');
      const g = generate(file, 0.5, { sharedMediaPort: true });
      const r = runCli(['explain', '--format', 'json', '--fail-on', 'never', file]);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout) as Doc;
      expect(doc.messages.length).toBe(g.messages);
      const digest = createHash('sha256').update(r.stdout.split(file).join('calls.pcap')).digest('hex');
      expect([g.calls, g.messages, doc.findings.length, digest]).toEqual(GENERATED);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Calls, messages, findings and the sha256 of the report of a 0.5 MB generated capture. */
const GENERATED = [138, 966, 552, '4c812cb741f4a04ec90bb443a6ce12998339937ddfec560400b2821a0fd2d8c0'];
