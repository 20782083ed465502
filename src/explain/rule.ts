import type { HeaderField } from '../core/header-field.js';
import type { Severity } from '../core/problems.js';
import type { Call, Flow, Transaction } from './build-flow.js';
import type { CarrierProfile } from './profile.js';
import type { FlowMessage } from './flow-message.js';

export type RuleCategory = 'syntax' | 'numbers' | 'routing' | 'nat' | 'transactions' | 'media' | 'hygiene' | 'identity';

/** What a rule is, for people (docs, --rule, SARIF) and for the engine. */
export interface RuleMeta {
  /** kebab-case; equal to the file name in src/explain/rules and docs/rules. */
  readonly id: string;
  readonly category: RuleCategory;
  readonly severity: Severity;
  /** One sentence: what the rule finds. */
  readonly description: string;
  /** The RFC section or carrier document the rule is measured against. */
  readonly ref: string;
  /** How to fix it, in plain words. */
  readonly fix: string;
  /** Message templates by messageId, with {{placeholders}} filled from the report's data. */
  readonly messages: Readonly<Record<string, string>>;
  /** Whether the rule needs a carrier profile value to say anything (it is silent without). */
  readonly needsProfile?: boolean;
}

/** Where in a message a finding points. Positions are resolved by the engine. */
export type Location =
  | { readonly field: HeaderField; readonly index?: number; readonly length?: number }
  | { readonly startLine: true; readonly index?: number; readonly length?: number }
  | { readonly bodyLine: number; readonly column?: number; readonly length?: number }
  /** An absolute position in the input (as core problems carry). */
  | { readonly line: number; readonly column: number; readonly length?: number };

export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  /** The message the finding is about. */
  message: FlowMessage;
  at?: Location;
  /**
   * A severity for this one finding instead of the rule's default: for a weaker case of the same
   * fault, and for rules that relay problems with their own severity. The user's configured
   * severity still wins.
   */
  severity?: Severity;
}

/** A class of messages a rule's `message` visitor is limited to (Rule.visits). */
export type MessageClass = 'requests' | 'responses' | 'initialInvites' | 'sdpBodies';

export interface RuleContext {
  readonly flow: Flow;
  readonly profile: CarrierProfile;
  report(r: Report): void;
  /**
   * The rule's own state for the whole run, created by `init` on first use. A capture is checked
   * a few calls at a time (`ctx.flow` holds only those), so a rule that compares calls keeps
   * what it needs of earlier ones here, bounded.
   */
  memo<T>(init: () => T): T;
}

/**
 * A rule: metadata plus visitors. The engine calls `message` for every message, `transaction`
 * for every transaction and `call` for every Call-ID group; a rule implements the ones it needs.
 */
export interface Rule {
  readonly meta: RuleMeta;
  /**
   * The messages `message` can say anything about, when not every one: the engine calls it for
   * those only (the rule still returns at once for any other). 'initialInvites': requests INVITE
   * without a To tag; 'sdpBodies': messages with an SDP body (util/sdp.ts sdpOf).
   */
  readonly visits?: MessageClass;
  message?(ctx: RuleContext, m: FlowMessage): void;
  transaction?(ctx: RuleContext, t: Transaction): void;
  call?(ctx: RuleContext, c: Call): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

/** One thing found, positioned both in its message and in its input file. */
export interface Finding {
  readonly ruleId: string;
  /** The rule's message template id (stable, for tests and tools). */
  readonly messageId: string;
  readonly category: RuleCategory;
  readonly severity: Severity;
  readonly message: string;
  /** The message's index in the flow. */
  readonly messageIndex: number;
  /** 1-based line and column within the message (line 1 is the start line). */
  readonly line: number;
  readonly column: number;
  /** Number of characters the finding covers (for underlining), at least 1. */
  readonly length: number;
  /** The header the finding is in, when it is in one. */
  readonly header?: string;
  /** The input the message came from, and the 1-based line and column there. */
  readonly file: string;
  readonly fileLine: number;
  readonly fileColumn: number;
  readonly ref: string;
  readonly fix: string;
}

/** Fills {{name}} placeholders; a placeholder without data is a bug in the rule. */
/** Templates split at their placeholders: literal text at even indexes, names at odd ones. */
const templateParts = new Map<string, string[]>();

export function fillTemplate(template: string, data: Record<string, string | number> | undefined, ruleId: string): string {
  let parts = templateParts.get(template);
  if (parts === undefined) {
    parts = template.split(/\{\{\s*(\w+)\s*\}\}/);
    if (templateParts.size < 4096) templateParts.set(template, parts);
  }
  let out = parts[0]!;
  for (let k = 1; k < parts.length; k += 2) {
    const name = parts[k]!;
    const v = data?.[name];
    if (v === undefined) throw new Error(`rule ${ruleId}: no data for {{${name}}}`);
    out += String(v) + parts[k + 1]!;
  }
  return out;
}
