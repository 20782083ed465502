import { hideUriPasswords } from '../core/syntax/chars.js';
import type { Finding } from '../explain/rule.js';
import type { ReportMessage } from '../explain/report-message.js';

/** The version of the JSON `siptool explain --format json` prints (docs/json/explain.md). */
export const EXPLAIN_SCHEMA = 'siptool.explain/1';

export interface ExplainReport {
  inputs: Array<{ file: string; messages: number }>;
  /** Every message read, in input order (what the report keeps of it). */
  messages: ReportMessage[];
  findings: Finding[];
  /**
   * Input that was read but is not SIP (text around the messages), with the line where it starts;
   * a capture's warnings (TCP gaps, truncated frames, limits) with their frame; and, with
   * `error`, a capture that is corrupt or truncated (the report covers what was read before it).
   */
  notifications?: Array<{ file: string; line?: number; frame?: number; message: string; error?: boolean }>;
}

function messageJson(m: ReportMessage): Record<string, unknown> {
  const o: Record<string, unknown> = {
    index: m.index,
    file: m.origin.file,
    line: m.origin.line,
    startLine: hideUriPasswords(m.startLine),
    kind: m.kind,
  };
  if (m.origin.frame !== undefined) o.frame = m.origin.frame;
  if (m.kind === 'request') o.method = m.method;
  else o.status = m.status;
  o.callId = m.callId ?? null;
  o.cseq = m.cseq;
  if (m.time !== undefined) o.time = m.time;
  if (m.src) o.src = m.src;
  if (m.dst) o.dst = m.dst;
  if (m.transport) o.transport = m.transport;
  return o;
}

export function formatFindingsJson(report: ExplainReport): string {
  const count = (s: string): number => report.findings.filter((f) => f.severity === s).length;
  const doc = {
    schema: EXPLAIN_SCHEMA,
    inputs: report.inputs,
    messages: report.messages.map(messageJson),
    findings: report.findings,
    notifications: report.notifications ?? [],
    summary: { messages: report.messages.length, errors: count('error'), warnings: count('warning'), infos: count('info') },
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
