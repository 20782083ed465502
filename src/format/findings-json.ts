import type { Finding } from '../explain/rule.js';
import type { ReportMessage } from '../explain/report-message.js';
import { withoutUriPasswords } from '../explain/util/uri-passwords.js';

/** The version of the JSON `siptool explain --format json` prints (docs/json/explain.md). */
export const EXPLAIN_SCHEMA = 'siptool.explain/1';

export interface ExplainReport {
  inputs: Array<{ file: string; messages: number }>;
  /**
   * Every message read, in input order (what the report keeps of it); for the formats that show
   * only messages with findings (stylish), possibly only those, with `messageCount` the total.
   */
  messages: ReportMessage[];
  /** How many messages were read, when `messages` holds only those with findings. */
  messageCount?: number;
  findings: Finding[];
  /**
   * Input that was read but is not SIP (text around the messages), with the line where it starts;
   * a capture's warnings (TCP gaps, truncated frames, limits) with their frame; and, with
   * `error`, a capture that is corrupt or truncated (the report covers what was read before it).
   */
  notifications?: Array<{ file: string; line?: number; frame?: number; message: string; error?: boolean }>;
}

/** A `messages[]` entry of the JSON report. */
export function messageJson(m: ReportMessage): Record<string, unknown> {
  const o: Record<string, unknown> = {
    index: m.index,
    file: m.origin.file,
    line: m.origin.line,
    startLine: withoutUriPasswords(m.startLine),
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

/** JSON.stringify(value, null, 2) as it reads `depth` levels down in a document indented by 2. */
export function nested(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2);
  return depth === 0 || !text.includes('\n') ? text : text.replace(/\n/g, '\n' + '  '.repeat(depth));
}

/** An element of a top-level array: its separator, line break and indentation included. */
export function arrayItem(value: unknown, first: boolean): string {
  return `${first ? '' : ','}\n    ${nested(value, 2)}`;
}

/**
 * Elements of a top-level array (or of one `depth` levels down), the same text as arrayItem for
 * each in turn (`lead`, then bytes start..end), made by one JSON.stringify: `[[a, b]]` indented by 2 puts the elements at the
 * depth of the report's arrays, and only the brackets around them are left out (no re-indenting).
 * As UTF-8 bytes for a writer, and the range that holds the elements: the text is neither cut
 * nor joined, which would copy it.
 */
export function arrayItemsBytes(values: readonly object[], first: boolean, depth = 2): { lead: string; bytes: Buffer; start: number; end: number } | undefined {
  if (values.length === 0) return undefined;
  // depth - 1 arrays around the values put them `depth` levels down: "[\n  [\n    " ... "\n  ]\n]"
  // at depth 2, ASCII, so as many bytes as characters
  let wrapped: unknown = values;
  for (let d = 1; d < depth; d++) wrapped = [wrapped];
  const bytes = Buffer.from(JSON.stringify(wrapped, null, 2), 'utf8');
  const indent = '\n' + '  '.repeat(depth);
  return { lead: first ? indent : ',' + indent, bytes, start: depth * depth + 3 * depth, end: bytes.length - depth * depth - depth };
}

/** The opening and closing text of a top-level array member with `count` elements. */
export function arrayFrame(name: string, count: number, last = false): { open: string; close: string } {
  if (count === 0) return { open: `  ${JSON.stringify(name)}: []${last ? '' : ','}\n`, close: '' };
  return { open: `  ${JSON.stringify(name)}: [`, close: `\n  ]${last ? '' : ','}\n` };
}

/** A top-level array member, written element by element (the same text as JSON.stringify). */
function* arrayMember<T>(name: string, items: readonly T[], map: (x: T) => unknown, last = false): Generator<string> {
  const frame = arrayFrame(name, items.length, last);
  yield frame.open;
  for (let i = 0; i < items.length; i++) yield arrayItem(map(items[i]!), i === 0);
  yield frame.close;
}

/** The summary member and the end of the document. */
export function jsonSummary(summary: { messages: number; errors: number; warnings: number; infos: number }): string {
  return `  "summary": ${nested(summary, 1)}\n}\n`;
}

/**
 * The JSON report in pieces, a message or finding at a time, so a large capture's report is
 * written without building one string of it; joined, it is exactly `formatFindingsJson`.
 */
export function* formatFindingsJsonChunks(report: ExplainReport): Generator<string> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) counts[f.severity]++;
  yield `{\n  "schema": ${JSON.stringify(EXPLAIN_SCHEMA)},\n`;
  yield* arrayMember('inputs', report.inputs, (x) => x);
  yield* arrayMember('messages', report.messages, messageJson);
  yield* arrayMember('findings', report.findings, (x) => x);
  yield* arrayMember('notifications', report.notifications ?? [], (x) => x);
  yield jsonSummary({ messages: report.messages.length, errors: counts.error, warnings: counts.warning, infos: counts.info });
}

export function formatFindingsJson(report: ExplainReport): string {
  return [...formatFindingsJsonChunks(report)].join('');
}
