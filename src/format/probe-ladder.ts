import type { AnySipMessage } from '../core/message.js';
import type { FlowMessage } from '../explain/flow-message.js';
import { ladderForCall } from './ladder-text.js';

/** One message as the probe saw it on the wire (from the transport's onWire hook). */
export interface WireRecord {
  /** 1-based attempt (target) it belongs to. */
  attempt: number;
  direction: 'out' | 'in';
  protocol: string;
  local: { address: string; port: number };
  remote: { address: string; port: number };
  /** Milliseconds since the epoch. */
  timestamp: number;
  bytes: number;
  /** Undefined for received bytes that were not SIP. */
  message: AnySipMessage | undefined;
}

/** One SIP message of the wire log as the explain layer sees it (our socket and the peer as ends). */
export function wireFlowMessage(r: WireRecord, index: number, message: AnySipMessage, file: string): FlowMessage {
  return {
    index,
    message,
    problems: [],
    origin: { file, line: 0, offset: 0 },
    time: r.timestamp / 1000,
    src: r.direction === 'out' ? r.local : r.remote,
    dst: r.direction === 'out' ? r.remote : r.local,
    transport: r.protocol as FlowMessage['transport'],
  };
}

/**
 * The probe's exchange as text sequence diagrams, one per target tried: our socket and the
 * peer as columns, one arrow per message (retransmissions included) with its method or status
 * and the time since the first message of that target.
 */
export function formatProbeLadder(records: readonly WireRecord[], dropped: number): string {
  const attempts = [...new Set(records.map((r) => r.attempt))];
  const out: string[] = [];
  for (const n of attempts) {
    const mine = records.filter((r) => r.attempt === n);
    const sip = mine.filter((r) => r.message !== undefined);
    const first = mine[0]!;
    const messages: FlowMessage[] = sip.map((r, index) => wireFlowMessage(r, index, r.message!, 'wire'));
    const notSip = mine.length - sip.length;
    const title = `#${n} ${first.protocol} ${ep(first.local)} → ${ep(first.remote)} · ${sip.length} message(s)${notSip > 0 ? ` · ${notSip} not SIP (not drawn)` : ''}`;
    out.push(ladderForCall({ callId: '', messages, transactions: [] }, [], { title, relativeTo: first.timestamp / 1000 }));
  }
  if (dropped > 0) out.push(`(${dropped} more message(s) not drawn: siptool keeps the first ${records.length})\n`);
  return out.join('\n');
}

function ep(e: { address: string; port: number }): string {
  return e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}
