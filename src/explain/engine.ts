import type { Severity } from '../core/problems.js';
import type { Flow } from './build-flow.js';
import type { FlowMessage } from './flow-message.js';
import { EMPTY_PROFILE, type CarrierProfile } from './profile.js';
import { startFlow } from './util/flow-cache.js';
import { sdpOf } from './util/sdp.js';
import { withoutUriPasswords } from './util/uri-passwords.js';
import { fillTemplate, type Finding, type Location, type Report, type Rule, type RuleContext } from './rule.js';

export type RuleSetting = Severity | 'off';

export interface EngineOptions {
  rules: readonly Rule[];
  /** Severity per rule id ('off' disables); rules not listed keep their default. */
  settings?: Readonly<Record<string, RuleSetting>>;
  profile?: CarrierProfile;
  /**
   * State kept across calls to runRules of one run (a capture checked call by call): what each
   * rule stored with `ctx.memo`. A fresh map when not given.
   */
  state?: Map<string, unknown>;
}

/** Every finding of every enabled rule over a flow, sorted by message, line, column, rule. */
export function runRules(flow: Flow, options: EngineOptions): Finding[] {
  return new RuleRunner(options).run(flow);
}

/** A rule with its context, made once per run (the context's flow and findings change per call). */
interface ActiveRule {
  rule: Rule;
  ctx: RuleContext & { flow: Flow };
}

/** The messages of a flow by class (Rule.visits), in flow order. */
interface Classes {
  requests: FlowMessage[];
  responses: FlowMessage[];
  initialInvites: FlowMessage[];
  sdpBodies: FlowMessage[];
}

/**
 * The flow's messages by class. A message whose class cannot be told (a getter or the SDP parse
 * threw) is put in every class: the rule then meets the same throw and reports it as before.
 */
function classify(messages: readonly FlowMessage[]): Classes {
  const c: Classes = { requests: [], responses: [], initialInvites: [], sdpBodies: [] };
  for (const m of messages) {
    try {
      const msg = m.message;
      if (msg.kind === 'request') {
        c.requests.push(m);
        if (msg.method === 'INVITE' && msg.toTag === undefined) c.initialInvites.push(m);
      } else c.responses.push(m);
      if (sdpOf(msg)) c.sdpBodies.push(m);
    } catch {
      for (const list of [c.requests, c.responses, c.initialInvites, c.sdpBodies]) if (list[list.length - 1] !== m) list.push(m);
    }
  }
  return c;
}

/**
 * runRules for a run that checks many flows in turn (a capture, call by call): the enabled
 * rules and their contexts are set up once, and `state` (ctx.memo) is kept across flows.
 */
export class RuleRunner {
  private readonly active: ActiveRule[] = [];
  private findings: Finding[] = [];

  constructor(options: EngineOptions) {
    const profile = options.profile ?? EMPTY_PROFILE;
    const state = options.state ?? new Map<string, unknown>();
    for (const rule of options.rules) {
      const setting = options.settings?.[rule.meta.id];
      if (setting === 'off') continue;
      const id = rule.meta.id;
      const ctx: RuleContext & { flow: Flow } = {
        flow: { messages: [], transactions: [], calls: [] },
        profile,
        report: (r) => this.findings.push(toFinding(rule, r, setting)),
        memo: <T>(init: () => T): T => {
          if (!state.has(id)) state.set(id, init());
          return state.get(id) as T;
        },
      };
      this.active.push({ rule, ctx });
    }
  }

  /** Every finding of every enabled rule over `flow`, sorted by message, line, column, rule. */
  run(flow: Flow): Finding[] {
    const findings: Finding[] = (this.findings = []);
    startFlow();
    let classes: Classes | undefined;
    for (const { rule, ctx } of this.active) {
      ctx.flow = flow;
      // a rule must never stop the run: a throw is reported as a finding where it happened
      const { message, transaction, call } = rule;
      if (message) {
        const visits = rule.visits;
        const messages = visits === undefined ? flow.messages : (classes ??= classify(flow.messages))[visits];
        for (const m of messages) {
          try {
            message.call(rule, ctx, m);
          } catch (e) {
            findings.push(internalFinding(rule.meta.id, `message ${m.index + 1}`, m, e));
          }
        }
      }
      if (transaction) {
        for (const t of flow.transactions) {
          try {
            transaction.call(rule, ctx, t);
          } catch (e) {
            failed(findings, flow, rule, `transaction ${t.method}`, t.requests[0] ?? t.responses[0], e);
          }
        }
      }
      if (call) {
        for (const c of flow.calls) {
          try {
            call.call(rule, ctx, c);
          } catch (e) {
            failed(findings, flow, rule, `call ${c.callId}`, c.messages[0], e);
          }
        }
      }
    }
    this.findings = [];
    return sortFindings(findings);
  }
}

function failed(findings: Finding[], flow: Flow, rule: Rule, what: string, fm: FlowMessage | undefined, e: unknown): void {
  const m = fm ?? flow.messages[0];
  if (m) findings.push(internalFinding(rule.meta.id, what, m, e));
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.messageIndex - b.messageIndex || a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

function internalFinding(ruleId: string, what: string, m: FlowMessage, e: unknown): Finding {
  return {
    ruleId: 'internal-error',
    messageId: 'failed',
    category: 'syntax',
    severity: 'error',
    message: `rule ${ruleId} failed on ${what}: ${e instanceof Error ? e.message : String(e)} (a bug in siptool; please report it)`,
    messageIndex: m.index,
    line: 1,
    column: 1,
    length: 1,
    file: m.origin.file,
    fileLine: m.origin.line,
    fileColumn: 1,
    ref: '',
    fix: 'report the bug with the input that triggered it',
  };
}

/** Absolute (input) line and column of a location; 1-based. */
export function locate(fm: FlowMessage, at: Location | undefined): { line: number; column: number; length: number; header?: string } {
  const startLine = fm.message.source?.position.line ?? fm.origin.line;
  if (at === undefined) return { line: startLine, column: 1, length: 1 };
  if ('field' in at) {
    const p = at.field.positionAt(at.index ?? 0);
    return { line: p.line, column: p.column, length: Math.max(1, at.length ?? 1), header: at.field.name };
  }
  if ('startLine' in at) return { line: startLine, column: 1 + (at.index ?? 0), length: Math.max(1, at.length ?? 1) };
  if ('bodyLine' in at) return { line: bodyStartLine(fm) + at.bodyLine - 1, column: at.column ?? 1, length: Math.max(1, at.length ?? 1) };
  return { line: at.line, column: at.column, length: Math.max(1, at.length ?? 1) };
}

function bodyStartLine(fm: FlowMessage): number {
  const src = fm.message.source;
  if (!src) return fm.origin.line;
  let line = src.position.line;
  for (let i = src.input.indexOf(10, src.start); i >= 0 && i < src.bodyStart; i = src.input.indexOf(10, i + 1)) line++;
  return line;
}

function toFinding(rule: Rule, r: Report, setting: RuleSetting | undefined): Finding {
  const template = rule.meta.messages[r.messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} reported unknown messageId "${r.messageId}"`);
  const at = locate(r.message, r.at);
  // line within the message (1 = start line), then in the input the message was read from
  const msgLine = at.line - (r.message.message.source?.position.line ?? r.message.origin.line) + 1;
  const severity: Severity = setting !== undefined && setting !== 'off' ? setting : (r.severity ?? rule.meta.severity);
  const f: { -readonly [K in keyof Finding]: Finding[K] } = {
    ruleId: rule.meta.id,
    messageId: r.messageId,
    category: rule.meta.category,
    severity,
    message: withoutUriPasswords(fillTemplate(template, r.data, rule.meta.id)),
    messageIndex: r.message.index,
    line: msgLine,
    column: at.column,
    length: at.length,
    file: r.message.origin.file,
    fileLine: r.message.origin.line + msgLine - 1,
    fileColumn: at.column,
    ref: rule.meta.ref,
    fix: rule.meta.fix,
  };
  if (at.header !== undefined) f.header = at.header;
  return f;
}
