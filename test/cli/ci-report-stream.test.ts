import { GithubStream, JunitStream, SarifStream, type ReportStream } from '../../src/cli/ci-report-stream.js';
import type { ExplainReport } from '../../src/format/findings-json.js';
import { formatFindingsGithub } from '../../src/format/findings-github.js';
import { formatFindingsJunit } from '../../src/format/findings-junit.js';
import { formatFindingsSarif } from '../../src/format/findings-sarif.js';
import { ROOT } from '../helpers/fixtures.js';
import { reportOf, RULE_METAS } from '../format/explain-report.js';

// The CI formats are written as explain hands the report over (rows and findings in input order,
// batch by batch) and spooled; the text must be the whole-report formatter's, whatever the batches.

/** Hands `report` to `stream` in batches cut every `every` messages, as ExplainRun's drain does. */
function streamed(stream: ReportStream, report: ExplainReport, every: number): string {
  try {
    for (let from = 0; from < report.messages.length; from += every) {
      const rows = report.messages.slice(from, from + every);
      const last = rows[rows.length - 1]!.index;
      stream.add(
        rows,
        report.findings.filter((f) => f.messageIndex >= rows[0]!.index && f.messageIndex <= last),
      );
    }
    // a yielded block is reused for the next one: copy each as it comes
    let out = '';
    for (const c of stream.finish(report)) out += typeof c === 'string' ? c : c.toString('utf8');
    return out;
  } finally {
    stream.close();
  }
}

/** A report as if its messages had been read from a capture (frames 3, 4, ...). */
function captured(report: ExplainReport): ExplainReport {
  return { ...report, messages: report.messages.map((m, i) => ({ ...m, origin: { ...m.origin, frame: i + 3 } })) };
}

const CASES: Array<[string, string[]]> = [
  ['one file with findings', ['fixtures/explain/private-contact/invalid-pod-ip-in-200.sip']],
  ['a clean file', ['fixtures/explain/sip-syntax/valid-options.sip']],
  ['several files, a call flow', ['fixtures/sip/real/call-flow.sip', 'fixtures/sip/real/inbound-twilio-style.sip', 'fixtures/explain/user-tel/invalid-user-tel.sip']],
];

describe('CI report streams write what the whole-report formatters write', () => {
  it.each(CASES)('sarif: %s', (_, files) => {
    const { report } = reportOf(files);
    const ctx = { rules: RULE_METAS, version: '1.2.3', cwd: ROOT, ruleDocs: new Map([['private-contact', '# page\n']]) };
    for (const r of [report, captured(report)]) {
      const whole = formatFindingsSarif(r, ctx);
      for (const every of [1, 2, 1000]) expect(streamed(new SarifStream(ctx), r, every)).toBe(whole);
    }
  });

  it.each(CASES)('github: %s', (_, files) => {
    const { report } = reportOf(files);
    for (const r of [report, captured(report)]) {
      const whole = formatFindingsGithub(r, { cwd: ROOT });
      for (const every of [1, 3, 1000]) expect(streamed(new GithubStream(ROOT), r, every)).toBe(whole);
    }
  });

  it.each(CASES)('junit: %s', (_, files) => {
    const { report } = reportOf(files);
    for (const failOn of ['error', 'warning', 'never'] as const) {
      const whole = formatFindingsJunit(report, { failOn });
      for (const every of [1, 2, 1000]) expect(streamed(new JunitStream(failOn), report, every)).toBe(whole);
    }
  });

  it('junit: an input with no message read (a capture corrupt from its start) gets an empty suite', () => {
    const { report } = reportOf(['fixtures/explain/private-contact/invalid-pod-ip-in-200.sip']);
    const r: ExplainReport = { ...report, inputs: [{ file: 'broken.pcap', messages: 0 }, ...report.inputs] };
    expect(streamed(new JunitStream('error'), r, 1)).toBe(formatFindingsJunit(r, { failOn: 'error' }));
    expect(formatFindingsJunit(r, { failOn: 'error' })).toContain('<testsuite name="broken.pcap" tests="0" failures="0" errors="0" skipped="0">\n\n  </testsuite>');
  });

  it('sarif: no finding gives "results": [] as the whole-report formatter does', () => {
    const { report } = reportOf(['fixtures/explain/sip-syntax/valid-options.sip']);
    const out = streamed(new SarifStream({ rules: RULE_METAS, version: '1.2.3', cwd: ROOT }), report, 1);
    expect(JSON.parse(out).runs[0].results).toEqual([]);
    expect(out).toContain('"results": []');
  });
});
