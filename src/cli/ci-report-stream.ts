import type { Severity } from '../core/problems.js';
import type { ReportMessage } from '../explain/report-message.js';
import type { Finding } from '../explain/rule.js';
import { githubLines } from '../format/findings-github.js';
import type { ExplainReport } from '../format/findings-json.js';
import { JUNIT_CLOSE, JUNIT_SUITE_CLOSE, junitCases, junitOpen, junitSuiteOpen } from '../format/findings-junit.js';
import { SarifPieces, type SarifContext } from '../format/findings-sarif.js';
import { JsonArraySpool, TempSpool } from './text-spool.js';

/**
 * A report written as explain hands it over (ExplainRun onReady: rows and findings in input
 * order), so that its memory does not grow with the input: the same text as the format's
 * whole-report function, with the long parts spooled to a temporary file until the counts the
 * document starts with are known. `finish` yields the document (a yielded block is valid until
 * the next is asked for); `close` removes the temporary files.
 */
export interface ReportStream {
  add(rows: readonly ReportMessage[], findings: readonly Finding[]): void;
  finish(report: Pick<ExplainReport, 'inputs' | 'notifications'>): Iterable<string | Buffer>;
  close(): void;
}

/**
 * `--format github`: one line per finding, in order; spooled like the others, so that input that
 * turns out unreadable later in the run (exit 2) leaves no half report on stdout, as before.
 */
export class GithubStream implements ReportStream {
  private readonly cwd: string;
  private readonly spool = new TempSpool();

  constructor(cwd: string) {
    this.cwd = cwd;
  }

  add(rows: readonly ReportMessage[], findings: readonly Finding[]): void {
    this.spool.write(githubLines(rows, findings, this.cwd));
  }

  finish(): Iterable<Buffer> {
    return this.spool.read();
  }

  close(): void {
    this.spool.close();
  }
}

/** `--format sarif`: the results spooled; the rules, invocation and artifacts written around them at the end. */
export class SarifStream implements ReportStream {
  private readonly pieces: SarifPieces;
  private readonly results = new JsonArraySpool();

  constructor(ctx: SarifContext) {
    this.pieces = new SarifPieces(ctx);
  }

  add(rows: readonly ReportMessage[], findings: readonly Finding[]): void {
    // results sit four levels down: log → runs → run → results
    this.results.add(this.pieces.results(rows, findings), { depth: 4 });
  }

  *finish(report: Pick<ExplainReport, 'inputs' | 'notifications'>): Generator<string | Buffer> {
    const { before, after } = this.pieces.around(report);
    if (this.results.count === 0) {
      yield before + '[]' + after;
      return;
    }
    yield before + '[';
    yield* this.results.read();
    yield '\n      ]' + after;
  }

  close(): void {
    this.results.close();
  }
}

/** Where one input's testcases are in the spool, and their counts. */
interface SuitePart {
  from: number;
  to: number;
  tests: number;
  failures: number;
}

/** `--format junit`: the testcases spooled by input file; each suite's counts written before its cases at the end. */
export class JunitStream implements ReportStream {
  private readonly failOn: Severity | 'never';
  private readonly spool = new TempSpool();
  /** The parts of the spool of each input file name, in order (a name read twice has two). */
  private readonly parts = new Map<string, SuitePart[]>();
  private current: SuitePart | undefined;
  private currentFile: string | undefined;

  constructor(failOn: Severity | 'never') {
    this.failOn = failOn;
  }

  add(rows: readonly ReportMessage[], findings: readonly Finding[]): void {
    const spool = this.spool;
    // one write per part and batch, not one per case
    let text = '';
    const flush = (): void => {
      spool.write(text);
      text = '';
      if (this.current) this.current.to = spool.size;
    };
    for (const c of junitCases(rows, findings, this.failOn)) {
      if (this.current === undefined || c.file !== this.currentFile) {
        flush();
        this.current = { from: spool.size, to: spool.size, tests: 0, failures: 0 };
        this.currentFile = c.file;
        const list = this.parts.get(c.file);
        if (list) list.push(this.current);
        else this.parts.set(c.file, [this.current]);
      }
      // cases are joined by line breaks: one before every case of a part but its first
      text += this.current.tests === 0 ? c.xml : '\n' + c.xml;
      this.current.tests++;
      if (c.failed) this.current.failures++;
    }
    flush();
  }

  *finish(report: Pick<ExplainReport, 'inputs'>): Generator<string | Buffer> {
    const suites = report.inputs.map((input) => {
      const parts = this.parts.get(input.file) ?? [];
      return { file: input.file, parts, tests: parts.reduce((n, p) => n + p.tests, 0), failures: parts.reduce((n, p) => n + p.failures, 0) };
    });
    yield junitOpen(
      suites.reduce((n, s) => n + s.tests, 0),
      suites.reduce((n, s) => n + s.failures, 0),
    );
    for (let i = 0; i < suites.length; i++) {
      const s = suites[i]!;
      yield (i > 0 ? '\n' : '') + junitSuiteOpen(s.file, s.tests, s.failures);
      for (let k = 0; k < s.parts.length; k++) {
        // parts of one name read at different places: joined like the cases within a part
        if (k > 0) yield '\n';
        yield* this.spool.read(s.parts[k]!.from, s.parts[k]!.to);
      }
      yield JUNIT_SUITE_CLOSE;
    }
    yield JUNIT_CLOSE;
  }

  close(): void {
    this.spool.close();
  }
}
