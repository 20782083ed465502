import { hideUriPasswords } from '../core/syntax/chars.js';
import type { Finding } from '../explain/rule.js';
import type { FlowMessage } from '../explain/flow-message.js';

/** The version of the JSON `siptool explain --format json` prints (docs/json/explain.md). */
export const EXPLAIN_SCHEMA = 'siptool.explain/1';

export interface ExplainReport {
  inputs: Array<{ file: string; messages: number }>;
  messages: FlowMessage[];
  findings: Finding[];
  /** Input that was read but is not SIP (text around the messages), with where it starts. */
  notifications?: Array<{ file: string; line: number; message: string }>;
}

function messageJson(fm: FlowMessage): Record<string, unknown> {
  const m = fm.message;
  const src = m.source;
  const o: Record<string, unknown> = {
    index: fm.index,
    file: fm.origin.file,
    line: fm.origin.line,
    startLine: hideUriPasswords(src ? Buffer.from(src.startLine, 'latin1').toString('utf8') : m.startLine),
    kind: m.kind,
  };
  if (m.kind === 'request') o.method = m.method;
  else o.status = m.status;
  o.callId = m.callId ?? null;
  o.cseq = m.cseq ? `${m.cseq.seq} ${m.cseq.method}` : null;
  if (fm.time !== undefined) o.time = fm.time;
  if (fm.src) o.src = fm.src;
  if (fm.dst) o.dst = fm.dst;
  if (fm.transport) o.transport = fm.transport;
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
