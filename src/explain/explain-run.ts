import { sortProblems } from '../core/problems.js';
import { validateMessage } from '../core/validate-message.js';
import type { Flow } from './build-flow.js';
import { runRules, sortFindings, type EngineOptions } from './engine.js';
import type { FlowMessage } from './flow-message.js';
import { FlowStream, type FlowStreamLimits } from './flow-stream.js';
import { toReportMessage, type ReportMessage } from './report-message.js';
import type { Finding } from './rule.js';

export interface ExplainRunOptions extends Omit<EngineOptions, 'state'> {
  limits?: Partial<FlowStreamLimits>;
  /** Called with every group of whole calls once its rules ran (the ladder is drawn from it). */
  onChecked?: (flow: Flow, findings: readonly Finding[]) => void;
}

/**
 * One `siptool explain` run over any number of inputs: messages are added one at a time (text
 * or capture), grouped into calls as they come, and each call is checked once it is finished or
 * idle (FlowStream); then only its report rows and findings are kept, not the parsed messages.
 */
export class ExplainRun {
  private readonly options: ExplainRunOptions;
  private readonly stream: FlowStream;
  private readonly state = new Map<string, unknown>();
  private readonly rows: ReportMessage[] = [];
  private readonly found: Finding[] = [];
  private count = 0;

  constructor(options: ExplainRunOptions) {
    this.options = options;
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
    this.rows.sort((a, b) => a.index - b.index);
    return { messages: this.rows, findings: sortFindings(this.found) };
  }

  private check(flow: Flow): void {
    for (const fm of flow.messages) {
      if (fm.validateAs === undefined) continue;
      const headComplete = !fm.problems.some((p) => p.code === 'SIP_HEADERS_UNTERMINATED');
      validateMessage(fm.message, fm.problems, { transport: fm.validateAs, headComplete });
      sortProblems(fm.problems); // in place, as the parser orders them
      fm.validateAs = undefined;
    }
    const findings = runRules(flow, { rules: this.options.rules, settings: this.options.settings, profile: this.options.profile, state: this.state });
    const lines = new Map<number, number[]>();
    for (const f of findings) {
      this.found.push(f);
      const l = lines.get(f.messageIndex);
      if (l) l.push(f.line);
      else lines.set(f.messageIndex, [f.line]);
    }
    for (const fm of flow.messages) this.rows.push(toReportMessage(fm, lines.get(fm.index)));
    this.options.onChecked?.(flow, findings);
  }
}
