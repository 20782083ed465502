import { sortProblems } from '../core/problems.js';
import { validateMessage, ValidationMemo } from '../core/validate-message.js';
import type { Flow } from './build-flow.js';
import { RuleRunner, sortFindings, type EngineOptions } from './engine.js';
import type { FlowMessage } from './flow-message.js';
import { FlowStream, type FlowStreamLimits } from './flow-stream.js';
import { toReportMessage, type ReportMessage } from './report-message.js';
import type { Finding } from './rule.js';

export interface ExplainRunOptions extends Omit<EngineOptions, 'state'> {
  limits?: Partial<FlowStreamLimits>;
  /** Called with every group of whole calls once its rules ran (the ladder is drawn from it). */
  onChecked?: (flow: Flow, findings: readonly Finding[]) => void;
  /**
   * Hand the report over in order instead of keeping it: called with the rows of the next
   * messages (consecutive indexes, in order) and their findings (sorted), as soon as every
   * earlier message has been checked. `end()` then returns empty lists; see `counts`.
   */
  onReady?: (messages: ReportMessage[], findings: Finding[]) => void;
  /** Keep the rows of messages without findings too (default); false keeps only those with findings. */
  keepAllRows?: boolean;
}

/**
 * Rows waiting to be handed over before `onReady` is called (a drain looks for the watermark).
 * Small: rows and findings that wait survive the young-generation GC and are promoted (2048
 * promoted ~15 MB more on the 16 MB bench capture); a drain costs a walk over the open calls.
 */
const DRAIN_EVERY = 256;

/**
 * One `siptool explain` run over any number of inputs: messages are added one at a time (text
 * or capture), grouped into calls as they come, and each call is checked once it is finished or
 * idle (FlowStream); then only its report rows and findings are kept, not the parsed messages.
 */
export class ExplainRun {
  private readonly options: ExplainRunOptions;
  private readonly stream: FlowStream;
  private readonly rules: RuleRunner;
  private readonly rows: ReportMessage[] = [];
  private readonly found: Finding[] = [];
  private count = 0;
  private sinceDrain = 0;
  /** Messages and findings handed over or kept, by severity. */
  readonly counts = { messages: 0, error: 0, warning: 0, info: 0 };

  constructor(options: ExplainRunOptions) {
    this.options = options;
    this.rules = new RuleRunner({ rules: options.rules, settings: options.settings, profile: options.profile, state: new Map<string, unknown>() });
    this.stream = new FlowStream((flow) => this.check(flow), options.limits);
  }

  /** The index the next message gets (messages are numbered across all inputs). */
  get nextIndex(): number {
    return this.count;
  }

  /** Calls checked early because too many messages were held (FlowStreamLimits.maxHeldMessages). */
  get evictedCalls(): number {
    return this.stream.evicted;
  }

  add(fm: FlowMessage): void {
    this.count++;
    this.stream.push(fm);
  }

  /** Checks what is still held; returns every message row (in input order) and every finding (sorted). */
  end(): { messages: ReportMessage[]; findings: Finding[] } {
    this.stream.end();
    if (this.options.onReady) {
      this.drain(Number.POSITIVE_INFINITY);
      return { messages: [], findings: [] };
    }
    this.rows.sort((a, b) => a.index - b.index);
    return { messages: this.rows, findings: sortFindings(this.found) };
  }

  /** Hands over (onReady) the rows and findings of every message before `watermark`, in order. */
  private drain(watermark: number): void {
    this.sinceDrain = 0;
    this.rows.sort((a, b) => a.index - b.index);
    sortFindings(this.found);
    let r = 0;
    while (r < this.rows.length && this.rows[r]!.index < watermark) r++;
    let f = 0;
    while (f < this.found.length && this.found[f]!.messageIndex < watermark) f++;
    if (r === 0 && f === 0) return;
    const rows = this.rows.splice(0, r);
    const found = this.found.splice(0, f);
    this.options.onReady!(rows, found);
  }

  private check(flow: Flow): void {
    // the checks run on fresh views of the held messages, put back once done: what validation and
    // the rules cache then dies young instead of being promoted with the held message (freshView)
    const held = flow.messages.map((fm) => fm.message);
    for (const fm of flow.messages) fm.message = fm.message.freshView() ?? fm.message;
    try {
      this.checkViews(flow);
    } finally {
      for (let i = 0; i < held.length; i++) flow.messages[i]!.message = held[i]!;
    }
  }

  private checkViews(flow: Flow): void {
    // the messages of a call repeat most header values: each is parsed once per flow
    const memo = new ValidationMemo();
    for (const fm of flow.messages) {
      if (fm.validateAs === undefined) continue;
      const headComplete = !fm.problems.some((p) => p.code === 'SIP_HEADERS_UNTERMINATED');
      validateMessage(fm.message, fm.problems, { transport: fm.validateAs, headComplete, memo });
      sortProblems(fm.problems); // in place, as the parser orders them
      fm.validateAs = undefined;
    }
    const findings = this.rules.run(flow);
    const lines = new Map<number, number[]>();
    for (const f of findings) {
      this.found.push(f);
      this.counts[f.severity]++;
      const l = lines.get(f.messageIndex);
      if (l) l.push(f.line);
      else lines.set(f.messageIndex, [f.line]);
    }
    const all = this.options.keepAllRows !== false || this.options.onReady !== undefined;
    for (const fm of flow.messages) {
      const quoted = lines.get(fm.index);
      if (all || quoted) this.rows.push(toReportMessage(fm, quoted));
    }
    this.counts.messages += flow.messages.length;
    this.options.onChecked?.(flow, findings);
    this.sinceDrain += flow.messages.length;
    if (this.options.onReady && this.sinceDrain >= DRAIN_EVERY) {
      // every message before the earliest one still held (or not read yet) has been checked
      this.drain(Math.min(this.stream.lowestHeldIndex() ?? this.count, this.count));
    }
  }
}
