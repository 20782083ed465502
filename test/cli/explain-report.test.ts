import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const FLOW = 'fixtures/sip/real/call-flow.sip';

describe('siptool explain --report / --mermaid', () => {
  it('--report writes one HTML file next to the usual output, with the same exit code', () => {
    const dir = tempDir('siptool-report-');
    const file = join(dir, 'call.html');
    const plain = runCli(['explain', FLOW]);
    const r = runCli(['explain', '--report', file, FLOW]);
    expect(r.code).toBe(plain.code);
    expect(r.stdout).toBe(plain.stdout);
    expect(r.stderr).toBe(`siptool: wrote ${file} (1 call(s), 9 message(s), 4 finding(s))\n`);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html.match(/class="arrow"/g)).toHaveLength(9);
    // the rule pages of docs/rules are inlined
    expect(html).toContain('<p class="docname">docs/rules/private-contact.md</p>');
    expect(html).toContain(`siptool explain --report ${file} ${FLOW}`);
    // exit 1 on error findings holds with --report too
    expect(runCli(['explain', '--report', join(dir, 'err.html'), 'fixtures/explain/private-contact/invalid-pod-ip-in-200.sip']).code).toBe(1);
  });

  it('--report on a capture carries the findings whatever the stdout format (JSON and stylish are written as calls are checked)', () => {
    const dir = tempDir('siptool-report-');
    const capture = 'fixtures/examples/nat-call.pcapng';
    for (const format of ['json', 'stylish', 'sarif']) {
      const file = join(dir, `${format}.html`);
      const r = runCli(['explain', '--format', format, '--report', file, capture]);
      expect([format, r.stderr]).toEqual([format, `siptool: wrote ${file} (1 call(s), 6 message(s), 4 finding(s))\n`]);
      expect(readFileSync(file, 'utf8')).toContain('ack-missing');
    }
  });

  it('never replaces an existing file unless --force, and leaves no temporary file behind', () => {
    const dir = tempDir('siptool-report-');
    const file = join(dir, 'mine.html');
    writeFileSync(file, 'precious');
    const r = runCli(['explain', '--report', file, FLOW]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`siptool: "${file}" already exists; not overwriting it (add --force to replace it)\n`);
    expect(readFileSync(file, 'utf8')).toBe('precious');
    expect(runCli(['explain', '--report', file, '--force', FLOW]).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(readdirSync(dir)).toEqual(['mine.html']);
    const missing = runCli(['explain', '--report', join(dir, 'no', 'such', 'dir.html'), FLOW]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^siptool: cannot write ".*dir\.html": no such directory\n$/);
  });

  it('--mermaid prints the diagram instead of the findings; --mermaid FILE.mmd writes it', () => {
    const r = runCli(['explain', '--mermaid', FLOW]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sequenceDiagram\n {2}%% Call-ID flow-5f4e3d2c1b@app\.example\.com\n {2}participant H1 as 10\.12\.4\.7#58;5061\n/);
    expect(r.stdout.match(/^ {2}H\d+-{1,2}>>H\d+: /gm)).toHaveLength(9);
    const dir = tempDir('siptool-mermaid-');
    const file = join(dir, 'flow.mmd');
    const w = runCli(['explain', '--mermaid', file, FLOW]);
    expect(w.stdout).toMatch(/✖|⚠|✔|finding/);
    expect(readFileSync(file, 'utf8')).toBe(r.stdout);
    // two calls: fenced blocks (a .mmd holds one diagram; Markdown holds many)
    const two = runCli(['explain', '--mermaid', FLOW, 'fixtures/sip/real/options-ping.sip']);
    expect(two.stdout.match(/^```mermaid$/gm)).toHaveLength(2);
  });

  it('the README shows the Mermaid output siptool prints', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /\n```mermaid\n([\s\S]*?)```\n/.exec(readme)![1]!;
    expect(runCli(['explain', '--mermaid', FLOW]).stdout).toBe(block);
  });

  it('--mermaid without a file conflicts with other stdout formats', () => {
    const r = runCli(['explain', '--mermaid', '--json', FLOW]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--mermaid without a file writes the diagram to stdout/);
  });
});

describe('siptool explain --draw-limit', () => {
  const THREE = [FLOW, 'fixtures/explain/private-contact/invalid-pod-ip-in-200.sip', 'fixtures/explain/sip-syntax/valid-options.sip'];

  it('draws at most N calls, the one with an error first, and says what it left out', () => {
    const all = runCli(['explain', '--fail-on', 'never', '--mermaid', ...THREE]);
    expect(all.stdout.match(/^sequenceDiagram$/gm)).toHaveLength(3);
    expect(all.stderr).toBe('');
    const one = runCli(['explain', '--fail-on', 'never', '--draw-limit', '1', '--mermaid', ...THREE]);
    expect(one.code).toBe(0);
    expect(one.stdout.match(/^sequenceDiagram$/gm)).toHaveLength(1);
    expect(one.stdout).toContain('pod-contact-1@carrier.example');
    expect(one.stderr).toBe('siptool: --mermaid: drew 1 of 3 calls, those with the worst findings first (--draw-limit N changes it, 0 draws all)\n');
  });

  it('--ladder keeps the findings after the diagrams drawn; 0 draws every call', () => {
    const limited = runCli(['explain', '--fail-on', 'never', '--ladder', '--draw-limit', '2', ...THREE]);
    expect(limited.stdout.match(/^Call-ID /gm)).toHaveLength(2);
    expect(limited.stderr).toContain('--ladder: drew 2 of 3 calls');
    const every = runCli(['explain', '--fail-on', 'never', '--ladder', '--draw-limit', '0', ...THREE]);
    expect(every.stdout.match(/^Call-ID /gm)).toHaveLength(3);
    expect(every.stderr).toBe('');
    // the findings report after the diagrams is the same either way
    const findings = (out: string): string => out.slice(out.indexOf('\nfixtures/'));
    expect(findings(limited.stdout)).toBe(findings(every.stdout));
    expect(findings(every.stdout)).toBe('\n' + runCli(['explain', '--fail-on', 'never', ...THREE]).stdout);
  });

  it('refuses a value that is not a whole number (exit 2), and --help gives the default and the formats', async () => {
    const bad = runCli(['explain', '--draw-limit', '-3', FLOW]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--draw-limit must be a whole number from 0/);
    const { DEFAULT_DRAW_LIMIT, EXPLAIN_FORMATS } = await import('../../src/cli/commands/explain.js');
    const help = runCli(['explain', '--help']).stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`(default ${DEFAULT_DRAW_LIMIT}; 0: all)`);
    // main.ts spells the formats out (it does not load the command to show its help)
    expect(help).toContain(`choices: ${EXPLAIN_FORMATS.map((f) => `"${f}"`).join(', ')}`);
  });
});
