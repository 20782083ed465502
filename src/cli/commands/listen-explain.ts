import type { AnySipMessage, Problem } from '../../core/index.js';
import { buildFlow } from '../../explain/build-flow.js';
import type { ExplainConfig } from '../../explain/config.js';
import { runRules } from '../../explain/engine.js';
import type { Endpoint, FlowMessage, Transport } from '../../explain/flow-message.js';
import type { Finding, Rule } from '../../explain/rule.js';
import { RULES } from '../../explain/rules/index.js';

/** Most messages kept per call for the end-of-call check, and most calls tracked at once. */
const MAX_MESSAGES_PER_CALL = 400;
const MAX_TRACKED_CALLS = 256;

export interface LiveMessage {
  direction: 'in' | 'out';
  message: AnySipMessage;
  problems: Problem[];
  /** ms since the epoch. */
  time: number;
  local: Endpoint;
  remote: Endpoint;
  transport: Transport;
  retransmission: boolean;
}

export interface FindingCounts {
  error: number;
  warning: number;
  info: number;
}

function said(f: Finding): string {
  return `${f.ruleId}\u0000${f.message}`;
}

function key(f: Finding): string {
  return `${f.ruleId}\u0000${f.messageId}\u0000${f.messageIndex}\u0000${f.line}\u0000${f.column}`;
}

/**
 * The explain engine run live: message rules on every request and response that arrives (as
 * it arrives), and every rule over the whole call when it ends. Findings about the text of the
 * messages siptool sent are dropped (what the peer sent matters, not what siptool answered);
 * findings of flow rules (no ACK, no PRACK) are kept wherever they sit. Each is reported once,
 * and a finding repeated word for word on a later message of the same call is not repeated.
 */
export class LiveExplain {
  private readonly config: ExplainConfig;
  private readonly messageRules: Rule[];
  private readonly allRules: Rule[];
  private readonly calls = new Map<string, { messages: FlowMessage[]; inbound: Set<number>; seen: Set<string>; said: Set<string>; counts: FindingCounts }>();
  private next = 0;
  readonly totals: FindingCounts = { error: 0, warning: 0, info: 0 };

  constructor(config: ExplainConfig) {
    this.config = config;
    this.allRules = [...RULES.values()];
    this.messageRules = this.allRules.filter((r) => r.message).map((r): Rule => ({ meta: r.meta, message: r.message }));
  }

  /** Starts tracking a call (an INVITE that opens one); the oldest is dropped beyond the limit. */
  track(callId: string): void {
    if (this.calls.has(callId)) return;
    if (this.calls.size >= MAX_TRACKED_CALLS) this.calls.delete(this.calls.keys().next().value!);
    this.calls.set(callId, { messages: [], inbound: new Set(), seen: new Set(), said: new Set(), counts: { error: 0, warning: 0, info: 0 } });
  }

  /** Records a message; returns the findings on it when it was received (and not a retransmission). */
  add(m: LiveMessage): { fm: FlowMessage; findings: Finding[] } {
    const src = m.direction === 'in' ? m.remote : m.local;
    const dst = m.direction === 'in' ? m.local : m.remote;
    const fm: FlowMessage = {
      index: this.next++,
      message: m.message,
      problems: m.problems,
      origin: { file: `${m.transport}:${src.address.includes(':') ? `[${src.address}]` : src.address}:${src.port}`, line: 1, offset: 0 },
      time: m.time / 1000,
      src,
      dst,
      transport: m.transport,
    };
    const call = this.calls.get(m.message.callId ?? '');
    if (call && call.messages.length < MAX_MESSAGES_PER_CALL) {
      call.messages.push(fm);
      if (m.direction === 'in') call.inbound.add(fm.index);
    }
    if (m.direction === 'out' || m.retransmission) return { fm, findings: [] };
    let findings = runRules(buildFlow([fm]), { rules: this.messageRules, settings: this.config.rules, profile: this.config.profile });
    if (call) {
      for (const f of findings) call.seen.add(key(f));
      // the same finding again in the same call (the Contact of the ACK and of the BYE...): said once
      findings = findings.filter((f) => !call.said.has(said(f)));
      for (const f of findings) call.said.add(said(f));
    }
    this.count(findings, call?.counts);
    return { fm, findings };
  }

  /**
   * The call ended: every rule over its messages (transaction and call rules now see the whole
   * dialog). Returns the findings not reported yet, and the call's totals.
   */
  finish(callId: string): { findings: Finding[]; messages: FlowMessage[]; counts: FindingCounts } {
    const call = this.calls.get(callId);
    if (!call) return { findings: [], messages: [], counts: { error: 0, warning: 0, info: 0 } };
    this.calls.delete(callId);
    // the call's own numbering (message 1 = its INVITE), as if it were one capture
    const local = call.messages.map((fm, i) => ({ ...fm, index: i }));
    const all = runRules(buildFlow(local), { rules: this.allRules, settings: this.config.rules, profile: this.config.profile });
    const fresh = all
      .map((f) => ({ ...f, messageIndex: call.messages[f.messageIndex]!.index }))
      .filter((f) => (call.inbound.has(f.messageIndex) || this.flowRule(f.ruleId)) && !call.seen.has(key(f)) && !call.said.has(said(f)));
    for (const f of fresh) call.said.add(said(f));
    this.count(fresh, call.counts);
    return { findings: fresh, messages: call.messages, counts: call.counts };
  }

  /**
   * A rule about the flow rather than the text of one message (ACK missing, PRACK missing): its
   * finding may sit on a message siptool sent (the 2xx nobody ACKed) and is still about the peer.
   */
  private flowRule(id: string): boolean {
    const r = RULES.get(id);
    return r !== undefined && !r.message;
  }

  private count(findings: readonly Finding[], call?: FindingCounts): void {
    for (const f of findings) {
      this.totals[f.severity]++;
      if (call) call[f.severity]++;
    }
  }
}
