import { escapeControls } from '../core/syntax/chars.js';
import type { Call } from '../explain/build-flow.js';
import { endpointText, type FlowMessage } from '../explain/flow-message.js';
import type { Finding } from '../explain/rule.js';
import type { Severity } from '../core/problems.js';

/** Most calls have two to four hosts; a capture of a busy proxy can have more. */
export const MAX_COLUMNS = 8;

/** One message of a ladder: who sent it to whom (as column indexes) and what it says. */
export interface LadderRow {
  fm: FlowMessage;
  /** Host names as shown in the header (the capture's addresses when known). */
  from: string;
  to: string;
  /** Columns; equal for a message a host sends to itself (or when both ends fold into the last column). */
  fromCol: number;
  toCol: number;
  /** Method or status and reason, "(SDP)" when it carries SDP; control characters escaped. */
  label: string;
  /** Findings about this message, in engine order. */
  findings: Finding[];
  /** The highest severity among them, if any. */
  worst?: Severity;
}

/** A call laid out as columns (hosts) and rows (messages), shared by every ladder renderer. */
export interface LadderLayout {
  callId: string;
  hosts: string[];
  rows: LadderRow[];
  /** True when hosts beyond MAX_COLUMNS were folded into the last column. */
  folded: boolean;
  /** Whether any message has a time (log or capture). */
  timed: boolean;
}

function hostPort(host: string, port: number | null | undefined): string {
  return port ? `${host}:${port}` : host;
}

/** Who sent a message and to whom, from the capture when known, else from its headers. */
function ends(fm: FlowMessage, receivers: Map<string, string>): { from: string; to: string } {
  const m = fm.message;
  const via = m.topVia;
  const sentBy = via ? hostPort(via.host, via.port) : '?';
  const key = `${m.branch ?? ''}\u0000${m.cseq?.method ?? ''}`;
  if (m.kind === 'request') {
    let to = '?';
    const route = m.list('Route')[0]?.uri;
    const ruri = m.requestUri;
    if (route?.type === 'sip') to = hostPort(route.host, route.port);
    else if (ruri?.type === 'sip') to = hostPort(ruri.host, ruri.port);
    else if (ruri) to = m.uri;
    const r = { from: fm.src ? endpointText(fm.src) : sentBy, to: fm.dst ? endpointText(fm.dst) : to };
    if (!receivers.has(key)) receivers.set(key, r.to);
    return r;
  }
  const contacts = m.contacts;
  const contact = contacts !== '*' && contacts[0]?.uri?.type === 'sip' ? hostPort(contacts[0].uri.host, contacts[0].uri.port) : undefined;
  return { from: fm.src ? endpointText(fm.src) : (receivers.get(key) ?? contact ?? '?'), to: fm.dst ? endpointText(fm.dst) : sentBy };
}

/** "INVITE (SDP)", "183 Session Progress (SDP)", "200 OK". */
export function messageLabel(fm: FlowMessage): string {
  const m = fm.message;
  const sdp = m.contentType?.subtype.toLowerCase() === 'sdp' && m.body.length > 0 ? ' (SDP)' : '';
  return escapeControls(m.kind === 'request' ? `${m.method}${sdp}` : `${m.status} ${m.reason}${sdp}`);
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The highest severity of some findings. */
export function worstSeverity(findings: readonly Finding[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings) if (worst === undefined || RANK[f.severity] > RANK[worst]) worst = f.severity;
  return worst;
}

/** Findings grouped by message index (build once per flow, pass to layoutCall for every call). */
export function findingsByMessage(findings: readonly Finding[]): Map<number, Finding[]> {
  const byMessage = new Map<number, Finding[]>();
  for (const f of findings) {
    const list = byMessage.get(f.messageIndex);
    if (list) list.push(f);
    else byMessage.set(f.messageIndex, [f]);
  }
  return byMessage;
}

/**
 * Columns and rows of one call: hosts in order of first appearance (the capture's addresses when
 * known, else the Via sent-by, Route, Request-URI and Contact hosts the messages name), at most
 * `maxColumns` of them (the rest fold into the last column), one row per message.
 */
export function layoutCall(call: Call, byMessage: ReadonlyMap<number, readonly Finding[]>, maxColumns = MAX_COLUMNS): LadderLayout {
  const receivers = new Map<string, string>();
  const hosts: string[] = [];
  let folded = false;
  const pairs = call.messages.map((fm) => ({ fm, ...ends(fm, receivers) }));
  for (const p of pairs) {
    for (const h of [p.from, p.to]) {
      if (hosts.includes(h)) continue;
      if (hosts.length < maxColumns) hosts.push(h);
      else folded = true;
    }
  }
  const col = (h: string): number => {
    const i = hosts.indexOf(h);
    return i < 0 ? hosts.length - 1 : i;
  };
  const rows = pairs.map((p): LadderRow => {
    const findings = [...(byMessage.get(p.fm.index) ?? [])];
    const row: LadderRow = { fm: p.fm, from: p.from, to: p.to, fromCol: col(p.from), toCol: col(p.to), label: messageLabel(p.fm), findings };
    const worst = worstSeverity(findings);
    if (worst !== undefined) row.worst = worst;
    return row;
  });
  return { callId: call.callId, hosts, rows, folded, timed: pairs.some((p) => p.fm.time !== undefined) };
}
