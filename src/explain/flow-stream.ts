import type { CSeq } from '../core/headers/cseq.js';
import type { Call, Flow, Transaction } from './build-flow.js';
import type { FlowMessage } from './flow-message.js';

/**
 * When the streaming grouper hands a call over to the rules. Times are capture (or log) time,
 * in seconds; messages without a time never age a call, so text inputs are checked as a whole
 * at the end (or when `maxHeldMessages` is reached).
 */
export interface FlowStreamLimits {
  /**
   * A finished call (every INVITE answered and acknowledged, a BYE or CANCEL answered, every other
   * transaction answered) is kept this long after its last message for late retransmissions.
   */
  finishedGraceSeconds: number;
  /** A call with no message for this long is checked as it is (a long call's BYE then starts a new group). */
  idleSeconds: number;
  /** Messages held across all open calls; past it the least recently active calls are checked. */
  maxHeldMessages: number;
}

export const DEFAULT_FLOW_LIMITS: Readonly<FlowStreamLimits> = {
  finishedGraceSeconds: 8,
  idleSeconds: 64,
  maxHeldMessages: 20_000,
};

interface OpenCall {
  call: Call;
  byKey: Map<string, Transaction>;
  /** CSeq number of each transaction's first final response, and of each ACK sent on its own (isFinished). */
  finalSeq: Map<Transaction, number>;
  ackSeqs: number[];
  last: number | undefined;
  finished: boolean;
  /** The call ended with BYE/CANCEL answered: only retransmissions are expected. */
  ended: boolean;
}

function transactionKey(branch: string, method: string): string {
  return `${branch}\u0000${method}`;
}

/**
 * buildFlow for a stream: messages are grouped into calls (Call-ID) and transactions (top Via
 * branch + CSeq method) as they arrive, and calls are handed over (`onFlush`, a Flow of one or
 * more whole calls) once they are finished, idle, or memory runs short; `end()` hands over the
 * rest. Only open calls are held, so memory does not grow with the length of a capture.
 */
export class FlowStream {
  private readonly limits: FlowStreamLimits;
  private readonly onFlush: (flow: Flow) => void;
  /** Open calls, least recently active first (re-inserted on every message). */
  private readonly active = new Map<string, OpenCall>();
  /** Finished calls waiting out their grace time, least recently active first. */
  private readonly finishing = new Map<string, OpenCall>();
  private held = 0;
  private now: number | undefined;
  /** Calls handed over because of `maxHeldMessages` (a note for the report). */
  evicted = 0;

  constructor(onFlush: (flow: Flow) => void, limits: Partial<FlowStreamLimits> = {}) {
    this.onFlush = onFlush;
    this.limits = { ...DEFAULT_FLOW_LIMITS, ...limits };
  }

  push(fm: FlowMessage): void {
    const callId = fm.message.callId ?? '';
    let oc = this.active.get(callId);
    if (oc) this.active.delete(callId);
    else {
      oc = this.finishing.get(callId);
      if (oc) this.finishing.delete(callId);
    }
    if (!oc) oc = { call: { callId, messages: [], transactions: [] }, byKey: new Map(), finalSeq: new Map(), ackSeqs: [], last: undefined, finished: false, ended: false };
    add(oc, fm);
    this.held++;
    if (fm.time !== undefined) {
      oc.last = fm.time;
      if (this.now === undefined || fm.time > this.now) this.now = fm.time;
    }
    oc.finished = isFinished(oc);
    (oc.finished ? this.finishing : this.active).set(callId, oc);
    this.expire();
  }

  /** The index of the earliest message still held (every message before it has been handed over). */
  lowestHeldIndex(): number | undefined {
    let low: number | undefined;
    for (const map of [this.finishing, this.active]) {
      for (const oc of map.values()) {
        const i = oc.call.messages[0]?.index;
        if (i !== undefined && (low === undefined || i < low)) low = i;
      }
    }
    return low;
  }

  /** Hands over every call still held. */
  end(): void {
    const all = [...this.finishing.values(), ...this.active.values()];
    this.finishing.clear();
    this.active.clear();
    this.held = 0;
    if (all.length > 0) this.emit(all);
  }

  private expire(): void {
    const out: OpenCall[] = [];
    const now = this.now;
    if (now !== undefined) {
      for (const [id, oc] of this.finishing) {
        if (oc.last === undefined || now - oc.last < this.limits.finishedGraceSeconds) break;
        this.finishing.delete(id);
        out.push(oc);
      }
      for (const [id, oc] of this.active) {
        if (oc.last === undefined || now - oc.last < this.limits.idleSeconds) break;
        this.active.delete(id);
        out.push(oc);
      }
    }
    for (const oc of out) this.held -= oc.call.messages.length;
    // over the memory bound: finished calls first, then the least recently active open ones
    while (this.held > this.limits.maxHeldMessages) {
      const [id, oc] = this.finishing.entries().next().value ?? this.active.entries().next().value ?? [];
      if (id === undefined || !oc) break;
      if (!this.finishing.delete(id)) {
        this.active.delete(id);
        this.evicted++;
      }
      this.held -= oc.call.messages.length;
      out.push(oc);
    }
    if (out.length > 0) this.emit(out);
  }

  private emit(calls: OpenCall[]): void {
    calls.sort((a, b) => a.call.messages[0]!.index - b.call.messages[0]!.index);
    const messages: FlowMessage[] = [];
    const transactions: Transaction[] = [];
    for (const oc of calls) {
      for (const m of oc.call.messages) messages.push(m);
      for (const t of oc.call.transactions) transactions.push(t);
    }
    if (calls.length > 1) {
      messages.sort((a, b) => a.index - b.index);
      transactions.sort((a, b) => first(a) - first(b));
    }
    this.onFlush({ messages, transactions, calls: calls.map((c) => c.call) });
  }
}

function first(t: Transaction): number {
  return (t.requests[0] ?? t.responses[0])?.index ?? 0;
}

/**
 * The CSeq of a message about to be held. A message read lazily (a capture's, not validated
 * yet, never edited) is read in place from its head index, as its `cseq` would read it, without
 * building a field that would then be held (and promoted to V8's old generation) with it until
 * its call is checked; isFinished keeps the numbers it needs.
 */
function heldCSeq(fm: FlowMessage): CSeq | undefined {
  const m = fm.message;
  const index = m.index;
  if (fm.validateAs !== undefined && index !== null) {
    const i = index.find('CSeq');
    if (i < 0) return undefined;
    const v = index.readInPlace(i);
    if (v !== undefined) return (v as CSeq | null) ?? undefined;
  }
  return m.cseq;
}

/** Same grouping as buildFlow, one message at a time. */
function add(oc: OpenCall, fm: FlowMessage): void {
  const m = fm.message;
  const call = oc.call;
  call.messages.push(fm);
  const branch = m.branch;
  const cseq = heldCSeq(fm);
  if (branch === undefined || !cseq) return;
  let method = cseq.method;
  if (m.kind === 'request' && m.method === 'ACK') {
    const invite = oc.byKey.get(transactionKey(branch, 'INVITE'));
    if (invite) {
      invite.ack = fm;
      return;
    }
    method = 'ACK';
  }
  const key = transactionKey(branch, method);
  let t = oc.byKey.get(key);
  if (!t) {
    t = { key: `${branch}\u0000${method}\u0000${call.callId}`, method, branch, requests: [], responses: [] };
    oc.byKey.set(key, t);
    call.transactions.push(t);
  }
  if (m.kind === 'request') {
    if (method === 'ACK' && t.requests.length === 0) oc.ackSeqs.push(cseq.seq);
    t.requests.push(fm);
  } else {
    if (m.status >= 200 && !oc.finalSeq.has(t)) oc.finalSeq.set(t, cseq.seq);
    t.responses.push(fm);
  }
  if ((method === 'BYE' || method === 'CANCEL') && m.kind === 'response' && m.status >= 200) oc.ended = true;
}

/**
 * Nothing more is expected but retransmissions: every transaction has a final response, every
 * answered INVITE its ACK, and either the dialog was ended (BYE/CANCEL answered) or no INVITE
 * was answered with a 2xx (a failed call, an OPTIONS ping, a REGISTER).
 */
function isFinished(oc: OpenCall): boolean {
  let established = false;
  for (const t of oc.call.transactions) {
    if (t.method === 'ACK') continue;
    const final = t.responses.find((r) => r.message.kind === 'response' && r.message.status >= 200);
    if (!final || final.message.kind !== 'response') return false;
    if (t.method !== 'INVITE') continue;
    if (final.message.status >= 300) {
      if (!t.ack) return false;
    } else {
      // the ACK of a 2xx is a transaction of its own, with the INVITE's CSeq number
      if (!oc.ackSeqs.includes(oc.finalSeq.get(t) ?? -2)) return false;
      established = true;
    }
  }
  return oc.call.transactions.length > 0 && (!established || oc.ended);
}
