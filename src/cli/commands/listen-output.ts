import type { AnySipMessage } from '../../core/index.js';
import type { FlowMessage } from '../../explain/flow-message.js';
import type { Finding } from '../../explain/rule.js';
import { messageLine } from '../../explain/report-message.js';
import { formatCallEnd, formatListenSummary, formatLiveFindings, formatMessageLine, hostPort, messageSummary, type ListenLine } from '../../format/listen-text.js';
import type { Palette } from '../../format/palette.js';
import type { CallRecord } from '../../server/uas-types.js';
import type { FindingCounts } from './listen-explain.js';

/** The --json schema id (docs/json/listen.md). */
export const LISTEN_SCHEMA = 'siptool.listen/1';

/** Most notes (malformed packets, refusals...) printed one by one; the rest are only counted. */
const MAX_NOTES = 20;

function findingJson(f: Finding): Record<string, unknown> {
  const o: Record<string, unknown> = { ruleId: f.ruleId, messageId: f.messageId, severity: f.severity, category: f.category, message: f.message, line: f.line, column: f.column };
  if (f.header !== undefined) o.header = f.header;
  o.ref = f.ref;
  o.fix = f.fix;
  return o;
}

function messageJson(m: AnySipMessage): Record<string, unknown> {
  const base = m.kind === 'request' ? { kind: 'request', method: m.method, uri: m.uri } : { kind: 'response', status: m.status, reason: m.reason };
  return { ...base, callId: m.callId ?? null, cseq: m.cseq ? `${m.cseq.seq} ${m.cseq.method}` : null, summary: messageSummary(m) };
}

/** Writes listen events as text lines or JSON lines (one per event). */
export class ListenOutput {
  private readonly json: boolean;
  private readonly c: Palette;
  private readonly write: (s: string) => void;
  private readonly warn: (s: string) => void;
  private notes = 0;
  private readonly fixes = new Set<string>();

  constructor(opts: { json: boolean; palette: Palette; write: (s: string) => void; warn: (s: string) => void }) {
    this.json = opts.json;
    this.c = opts.palette;
    this.write = opts.write;
    this.warn = opts.warn;
  }

  private event(event: string, fields: Record<string, unknown>): void {
    this.write(JSON.stringify({ schema: LISTEN_SCHEMA, event, time: new Date().toISOString(), ...fields }) + '\n');
  }

  listening(listeners: Array<{ protocol: string; address: string; port: number }>, warnings: string[]): void {
    if (this.json) {
      this.event('listening', { listeners: listeners.map((l) => ({ transport: l.protocol, address: l.address, port: l.port })), warnings });
      return;
    }
    for (const w of warnings) this.warn(`siptool: warning: ${w}\n`);
    this.write(`${this.c.bold('siptool listen')} on ${listeners.map((l) => `${l.protocol.toUpperCase()} ${hostPort(l)}`).join(', ')} ${this.c.dim('(Ctrl-C to stop)')}\n`);
  }

  message(l: ListenLine, local: { address: string; port: number }, fm: FlowMessage, findings: readonly Finding[]): void {
    if (this.json) {
      this.event('message', {
        direction: l.direction,
        transport: l.protocol,
        remote: { address: l.remote.address, port: l.remote.port },
        local: { address: local.address, port: local.port },
        retransmission: l.retransmission,
        ...messageJson(l.message),
        findings: findings.map(findingJson),
      });
      return;
    }
    const lines = [formatMessageLine(l, this.c), ...formatLiveFindings(findings, this.c, (f) => messageLine(fm, f.line), this.fixes)];
    this.write(lines.join('\n') + '\n');
  }

  callEnded(r: CallRecord, findings: Array<{ finding: Finding; fm: FlowMessage | undefined }>, counts: FindingCounts): void {
    const durationMs = Math.max(0, Math.round(r.endedAt - r.startedAt));
    if (this.json) {
      this.event('call', {
        callId: r.callId,
        outcome: r.outcome,
        endedBy: r.endedBy,
        status: r.status,
        durationMs,
        from: r.from,
        to: r.to,
        requestUri: r.requestUri,
        transport: r.protocol,
        remote: { address: r.remote.address, port: r.remote.port },
        offerCodecs: r.offerCodecs,
        answerCodec: r.answerCodec,
        acked: r.acked,
        pracks: r.pracks,
        byeStatus: r.byeStatus,
        findings: findings.map((x) => ({ ...findingJson(x.finding), on: x.fm ? messageSummary(x.fm.message) : null })),
        counts,
      });
      return;
    }
    const out: string[] = [];
    let last: FlowMessage | undefined;
    for (const { finding, fm } of findings) {
      if (fm && fm !== last) out.push(`    ${this.c.dim('on')} ${messageSummary(fm.message)}`);
      last = fm;
      out.push(...formatLiveFindings([finding], this.c, (f) => (fm ? messageLine(fm, f.line) : undefined), this.fixes));
    }
    out.push(formatCallEnd({ callId: r.callId, outcome: r.outcome, endedBy: r.endedBy, status: r.status, durationMs, from: r.from, to: r.to, answerCodec: r.answerCodec, findings: counts }, this.c));
    this.write(out.join('\n') + '\n');
  }

  /** Something that is not a message: printed (up to a limit) and counted by the caller. */
  note(kind: string, text: string): void {
    this.notes++;
    if (this.notes > MAX_NOTES) {
      if (this.notes === MAX_NOTES + 1 && !this.json) this.warn(`siptool: more notes are only counted (see the summary)\n`);
      if (!this.json) return;
      if (this.notes > MAX_NOTES * 5) return;
    }
    if (this.json) this.event('note', { kind, text });
    else this.warn(`${this.c.dim(`siptool: ${kind}: ${text}`)}\n`);
  }

  summary(stats: Record<string, number>, exitCode: number): void {
    if (this.json) this.event('summary', { ...stats, exitCode });
    else this.write(formatListenSummary(stats, this.c) + '\n');
  }
}
