import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportMessage } from '../explain/report-message.js';
import type { Finding } from '../explain/rule.js';
import { FindingsJsonWriter } from '../format/findings-json-bytes.js';
import { arrayFrame, arrayItem, arrayItemsBytes, EXPLAIN_SCHEMA, jsonSummary, messageJson, type ExplainReport } from '../format/findings-json.js';

const BLOCK = 256 * 1024;

/** One array of the report, spooled to a temporary file as its JSON text. */
class SpoolFile {
  readonly path: string;
  private readonly fd: number;
  count = 0;

  constructor(path: string) {
    this.path = path;
    this.fd = openSync(path, 'w+');
  }

  /** Elements, in order (one JSON.stringify for all of them, written as it is; findings by `writer`). */
  add(values: readonly object[], writer?: FindingsJsonWriter): void {
    const items = writer ? writer.items(values as readonly Finding[], this.count === 0) : arrayItemsBytes(values, this.count === 0);
    if (!items) return;
    writeSync(this.fd, items.lead);
    writeAll(this.fd, items.bytes, items.start, items.end);
    this.count += values.length;
  }

  /**
   * Everything written, in blocks: one block, read into again for the next one, so the caller
   * must be done with a block (written it out: stdio.ts writes synchronously) before it asks for
   * the next. A new block per read gave the kernel fresh pages to map and zero for every 256 KiB
   * copied, and kept the blocks until a GC (16 MB bench capture: 15% of the page faults, ~25 MB
   * of peak RSS).
   */
  *read(): Generator<Buffer> {
    const block = Buffer.allocUnsafe(BLOCK);
    for (let pos = 0; ; ) {
      const n = readSync(this.fd, block, 0, BLOCK, pos);
      if (n <= 0) return;
      pos += n;
      yield block.subarray(0, n);
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Writes bytes start..end of `bytes` (writeSync may write fewer than asked). */
function writeAll(fd: number, bytes: Buffer, start: number, end: number): void {
  while (start < end) start += writeSync(fd, bytes, start, end - start);
}

/**
 * `siptool explain --format json` for inputs of any size: the `messages` and `findings` arrays
 * are written to temporary files as the calls are checked (ExplainRun onReady, in order), and
 * copied to the output at the end, so the report is never held in memory. The text is the same
 * as formatFindingsJson's.
 */
export class JsonReportSpool {
  private readonly dir = mkdtempSync(join(tmpdir(), 'siptool-explain-'));
  private readonly messages = new SpoolFile(join(this.dir, 'messages.json'));
  private readonly findings = new SpoolFile(join(this.dir, 'findings.json'));
  private readonly counts = { error: 0, warning: 0, info: 0 };
  private readonly writer = new FindingsJsonWriter();

  add(rows: readonly ReportMessage[], findings: readonly Finding[]): void {
    this.messages.add(rows.map(messageJson));
    this.findings.add(findings, this.writer);
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
    rmSync(this.dir, { recursive: true, force: true });
  }
}
