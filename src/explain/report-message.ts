import { latin1ToUtf8 } from '../core/syntax/chars.js';
import type { Endpoint, FlowMessage, Transport } from './flow-message.js';

/**
 * What a report keeps of a message once the rules are done with it: enough for every output
 * format (its heading, the JSON `messages` entry, the lines findings quote), without the parsed
 * message, so a long capture does not keep every parsed message in memory.
 */
export interface ReportMessage {
  index: number;
  origin: FlowMessage['origin'];
  time?: number;
  src?: Endpoint;
  dst?: Endpoint;
  transport?: Transport;
  kind: 'request' | 'response';
  method?: string;
  uri?: string;
  status?: number;
  reason?: string;
  callId: string | undefined;
  /** "1 INVITE", or null without a valid CSeq. */
  cseq: string | null;
  /** The start line as written (UTF-8 decoded). */
  startLine: string;
  /** The lines findings point at, by 1-based line within the message, as written (UTF-8, at most 400 characters). */
  lines: ReadonlyMap<number, string>;
}

/** Line `n` (1-based) of a message as it was written, UTF-8 decoded, or undefined. */
export function messageLine(fm: FlowMessage, n: number): string | undefined {
  const src = fm.message.source;
  if (!src) return undefined;
  let start = src.start;
  for (let k = 1; k < n; k++) {
    const nl = src.input.indexOf(10, start);
    if (nl < 0 || nl >= src.end) return undefined;
    start = nl + 1;
  }
  let end = src.input.indexOf(10, start);
  if (end < 0 || end > src.end) end = src.end;
  if (end > start && src.input[end - 1] === 13) end--;
  return src.input.toString('utf8', start, Math.min(end, start + 400));
}

/**
 * A string of its own: a header value can be a slice of the whole message text, and keeping the
 * slice would keep the message text alive for as long as the report row.
 */
function own<T extends string | undefined>(s: T): T {
  return (s === undefined || s.length < 13 ? s : (' ' + s).slice(1)) as T;
}

const NO_LINES: ReadonlyMap<number, string> = new Map();

/** The report's view of a message; `quote` lists the message lines to keep (those findings point at). */
export function toReportMessage(fm: FlowMessage, quote: Iterable<number> = []): ReportMessage {
  const m = fm.message;
  const src = m.source;
  let lines: Map<number, string> | undefined;
  for (const n of quote) {
    lines ??= new Map<number, string>();
    if (lines.has(n)) continue;
    const text = messageLine(fm, n);
    if (text !== undefined) lines.set(n, text);
  }
  const r: ReportMessage = {
    index: fm.index,
    origin: fm.origin,
    kind: m.kind,
    callId: own(m.callId),
    cseq: m.cseq ? `${m.cseq.seq} ${m.cseq.method}` : null,
    startLine: src ? own(latin1ToUtf8(src.startLine)) : m.startLine,
    lines: lines ?? NO_LINES,
  };
  if (m.kind === 'request') {
    r.method = m.method;
    r.uri = own(m.uri);
  } else {
    r.status = m.status;
    r.reason = own(m.reason);
  }
  if (fm.time !== undefined) r.time = fm.time;
  if (fm.src) r.src = fm.src;
  if (fm.dst) r.dst = fm.dst;
  if (fm.transport) r.transport = fm.transport;
  return r;
}
