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

/** A call being grouped; linked into the FlowStream's list of open or of finished calls. */
interface OpenCall {
  call: Call;
  /** Transactions by key (branch + method), made once a call has many (a short call is scanned). */
  byKey: Map<string, Transaction> | undefined;
  /** CSeq number of each transaction's first final response, and of each ACK sent on its own (isFinished). */
  finalSeq: Map<Transaction, number>;
  ackSeqs: number[];
  last: number | undefined;
  finished: boolean;
  /** The call ended with BYE/CANCEL answered: only retransmissions are expected. */
  ended: boolean;
  prev: OpenCall | undefined;
  next: OpenCall | undefined;
  /** Its place in FlowStream's order of creation. */
  made: Made;
}

/** A call's first index, and whether it was handed over (small: kept after its call is gone). */
interface Made {
  first: number;
  gone: boolean;
}

function transactionKey(branch: string, method: string): string {
  return `${branch}\u0000${method}`;
}

/**
 * Calls in order of their last message, least recently active first: moving a call to the end
 * takes no hashing, and the oldest is always at hand (a Map re-inserted on every message left a
 * deleted entry behind each time, which every look at its first entry then skipped).
 */
class CallList {
  head: OpenCall | undefined = undefined;
  tail: OpenCall | undefined = undefined;

  append(oc: OpenCall): void {
    oc.prev = this.tail;
    oc.next = undefined;
    if (this.tail) this.tail.next = oc;
    else this.head = oc;
    this.tail = oc;
  }

  unlink(oc: OpenCall): void {
    if (oc.prev) oc.prev.next = oc.next;
    else this.head = oc.next;
    if (oc.next) oc.next.prev = oc.prev;
    else this.tail = oc.prev;
    oc.prev = undefined;
    oc.next = undefined;
  }

  clear(): void {
    this.head = undefined;
    this.tail = undefined;
  }
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
  /** Every held call by Call-ID; each is in `active` or (finished) in `finishing`. */
  private readonly calls = new Map<string, OpenCall>();
  /** Open calls, least recently active first. */
  private readonly active = new CallList();
  /** Finished calls waiting out their grace time, least recently active first. */
  private readonly finishing = new CallList();
  private held = 0;
  private now: number | undefined;
  /** Calls handed over because of `maxHeldMessages` (a note for the report). */
  evicted = 0;
  /**
   * While message indexes come in increasing order (ExplainRun numbers them so): held calls in
   * order of creation (so of their first index) from `createdHead`, handed-over ones skipped
   * lazily; lowestHeldIndex then needs no walk over every held call.
   */
  private ordered = true;
  private lastIndex = Number.NEGATIVE_INFINITY;
  private readonly created: Made[] = [];
  private createdHead = 0;

  constructor(onFlush: (flow: Flow) => void, limits: Partial<FlowStreamLimits> = {}) {
    this.onFlush = onFlush;
    this.limits = { ...DEFAULT_FLOW_LIMITS, ...limits };
  }

  push(fm: FlowMessage): void {
    if (fm.index < this.lastIndex && this.ordered) {
      this.ordered = false;
      this.created.length = 0;
    }
    this.lastIndex = fm.index;
    const callId = fm.message.callId ?? '';
    let oc = this.calls.get(callId);
    if (oc) (oc.finished ? this.finishing : this.active).unlink(oc);
    else {
      oc = { call: { callId, messages: [], transactions: [] }, byKey: undefined, finalSeq: new Map(), ackSeqs: [], last: undefined, finished: false, ended: false, prev: undefined, next: undefined, made: { first: fm.index, gone: false } };
      this.calls.set(callId, oc);
      if (this.ordered) this.created.push(oc.made);
    }
    add(oc, fm);
    this.held++;
    if (fm.time !== undefined) {
      oc.last = fm.time;
      if (this.now === undefined || fm.time > this.now) this.now = fm.time;
    }
    oc.finished = isFinished(oc);
    (oc.finished ? this.finishing : this.active).append(oc);
    this.expire();
  }

  /** The index of the earliest message still held (every message before it has been handed over). */
  lowestHeldIndex(): number | undefined {
    if (this.ordered) {
      // the first held call in order of creation holds it (a call's first message is its lowest)
      const created = this.created;
      let i = this.createdHead;
      while (i < created.length && created[i]!.gone) i++;
      if (i > 1024 && i * 2 > created.length) {
        created.splice(0, i);
        i = 0;
      }
      this.createdHead = i;
      return created[i]?.first;
    }
    let low: number | undefined;
    for (const list of [this.finishing, this.active]) {
      for (let oc = list.head; oc; oc = oc.next) {
        const i = oc.call.messages[0]?.index;
        if (i !== undefined && (low === undefined || i < low)) low = i;
      }
    }
    return low;
  }

  /** Hands over every call still held. */
  end(): void {
    const all: OpenCall[] = [];
    for (const list of [this.finishing, this.active]) for (let oc = list.head; oc; oc = oc.next) all.push(oc);
    this.finishing.clear();
    this.active.clear();
    this.calls.clear();
    for (const oc of all) oc.made.gone = true;
    this.held = 0;
    if (all.length > 0) this.emit(all);
  }

  private take(list: CallList, oc: OpenCall, out: OpenCall[] | undefined): OpenCall[] {
    list.unlink(oc);
    oc.made.gone = true;
    this.calls.delete(oc.call.callId);
    this.held -= oc.call.messages.length;
    if (out === undefined) return [oc];
    out.push(oc);
    return out;
  }

  private expire(): void {
    let out: OpenCall[] | undefined;
    const now = this.now;
    if (now !== undefined) {
      for (let oc = this.finishing.head; oc; oc = this.finishing.head) {
        if (oc.last === undefined || now - oc.last < this.limits.finishedGraceSeconds) break;
        out = this.take(this.finishing, oc, out);
      }
      for (let oc = this.active.head; oc; oc = this.active.head) {
        if (oc.last === undefined || now - oc.last < this.limits.idleSeconds) break;
        out = this.take(this.active, oc, out);
      }
    }
    // over the memory bound: finished calls first, then the least recently active open ones
    while (this.held > this.limits.maxHeldMessages) {
      const finished = this.finishing.head;
      const oc = finished ?? this.active.head;
      if (!oc) break;
      if (!finished) this.evicted++;
      out = this.take(finished ? this.finishing : this.active, oc, out);
    }
    if (out !== undefined) this.emit(out);
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

/** Transactions of a call found by a scan rather than a key (a string built and hashed per message). */
const SCANNED = 8;

function findTransaction(oc: OpenCall, branch: string, method: string): Transaction | undefined {
  if (oc.byKey !== undefined) return oc.byKey.get(transactionKey(branch, method));
  const ts = oc.call.transactions;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (t.branch === branch && t.method === method) return t;
  }
  return undefined;
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
    const invite = findTransaction(oc, branch, 'INVITE');
    if (invite) {
      invite.ack = fm;
      return;
    }
    method = 'ACK';
  }
  let t = findTransaction(oc, branch, method);
  if (!t) {
    t = { key: `${branch}\u0000${method}\u0000${call.callId}`, method, branch, requests: [], responses: [] };
    call.transactions.push(t);
    if (oc.byKey !== undefined) oc.byKey.set(transactionKey(branch, method), t);
    else if (call.transactions.length > SCANNED) {
      oc.byKey = new Map();
      for (const u of call.transactions) oc.byKey.set(transactionKey(u.branch, u.method), u);
    }
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

/** Status of a transaction's first final response; 0 when it has none yet. */
function finalStatus(t: Transaction): number {
  const rs = t.responses;
  for (let i = 0; i < rs.length; i++) {
    const m = rs[i]!.message;
    if (m.kind === 'response' && m.status >= 200) return m.status;
  }
  return 0;
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
    const status = finalStatus(t);
    if (status === 0) return false;
    if (t.method !== 'INVITE') continue;
    if (status >= 300) {
      if (!t.ack) return false;
    } else {
      // the ACK of a 2xx is a transaction of its own, with the INVITE's CSeq number
      if (!oc.ackSeqs.includes(oc.finalSeq.get(t) ?? -2)) return false;
      established = true;
    }
  }
  return oc.call.transactions.length > 0 && (!established || oc.ended);
}
