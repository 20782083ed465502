import type { ReportMessage } from '../explain/report-message.js';
import type { Finding } from '../explain/rule.js';
import { FindingsJsonWriter } from '../format/findings-json-bytes.js';
import { JsonArraySpool } from './text-spool.js';
import { arrayFrame, arrayItem, EXPLAIN_SCHEMA, jsonSummary, messageJson, type ExplainReport } from '../format/findings-json.js';

/**
 * `siptool explain --format json` for inputs of any size: the `messages` and `findings` arrays
 * are written to temporary files as the calls are checked (ExplainRun onReady, in order), and
 * copied to the output at the end, so the report is never held in memory. The text is the same
 * as formatFindingsJson's.
 */
export class JsonReportSpool {
  private readonly messages = new JsonArraySpool();
  private readonly findings = new JsonArraySpool();
  private readonly counts = { error: 0, warning: 0, info: 0 };
  private readonly writer = new FindingsJsonWriter();

  add(rows: readonly ReportMessage[], findings: readonly Finding[]): void {
    this.messages.add(rows.map(messageJson));
    this.findings.add(findings, { writer: this.writer });
    for (const f of findings) this.counts[f.severity]++;
  }

  /** The whole document: strings, and blocks of the spooled arrays (each valid until the next is asked for). */
  *finish(report: Pick<ExplainReport, 'inputs' | 'notifications'>): Generator<string | Buffer> {
    yield `{\n  "schema": ${JSON.stringify(EXPLAIN_SCHEMA)},\n`;
    const inputs = arrayFrame('inputs', report.inputs.length);
    yield inputs.open + report.inputs.map((x, i) => arrayItem(x, i === 0)).join('') + inputs.close;
    for (const [name, spool] of [['messages', this.messages], ['findings', this.findings]] as const) {
      const frame = arrayFrame(name, spool.count);
      yield frame.open;
      yield* spool.read();
      yield frame.close;
    }
    const notes = report.notifications ?? [];
    const nf = arrayFrame('notifications', notes.length);
    yield nf.open + notes.map((x, i) => arrayItem(x, i === 0)).join('') + nf.close;
    yield jsonSummary({ messages: this.messages.count, errors: this.counts.error, warnings: this.counts.warning, infos: this.counts.info });
  }

  /** Removes the temporary files. */
  close(): void {
    this.messages.close();
    this.findings.close();
  }
}
