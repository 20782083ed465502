import type { SipRequest, SipResponse } from '../core/message.js';
import type { FlowMessage } from './flow-message.js';

/**
 * A client transaction as seen on the wire (RFC 3261 §17): the request (and its
 * retransmissions) and every response with the same top Via branch and CSeq method. ACK for
 * a 2xx is its own transaction (new branch); ACK for a non-2xx shares the INVITE's branch.
 */
export interface Transaction {
  key: string;
  method: string;
  branch: string;
  /** Requests in order (the first one and its retransmissions). */
  requests: FlowMessage[];
  /** Responses in order (retransmissions included). */
  responses: FlowMessage[];
  /** The ACK of a non-2xx final response, when present (same branch). */
  ack?: FlowMessage;
}

/** Every message with one Call-ID: a call (its dialogs, forks and transactions). */
export interface Call {
  callId: string;
  messages: FlowMessage[];
  transactions: Transaction[];
}

export interface Flow {
  messages: FlowMessage[];
  transactions: Transaction[];
  calls: Call[];
}

function transactionKey(branch: string, method: string, callId: string): string {
  // an RFC 2543 peer (no magic cookie) reuses branches loosely: key on the Call-ID too
  return `${branch}\u0000${method}\u0000${callId}`;
}

/** Groups messages into transactions (branch + CSeq method) and calls (Call-ID). */
export function buildFlow(messages: FlowMessage[]): Flow {
  const byKey = new Map<string, Transaction>();
  const transactions: Transaction[] = [];
  const calls = new Map<string, Call>();
  for (const fm of messages) {
    const m = fm.message;
    const callId = m.callId ?? '';
    let call = calls.get(callId);
    if (!call) {
      call = { callId, messages: [], transactions: [] };
      calls.set(callId, call);
    }
    call.messages.push(fm);
    const branch = m.branch;
    const cseq = m.cseq;
    if (branch === undefined || !cseq) continue;
    let method = cseq.method;
    if (m.kind === 'request' && m.method === 'ACK') {
      // the ACK of a non-2xx belongs to the INVITE transaction (same branch); the ACK of a 2xx
      // has a branch of its own and is a transaction of its own
      const invite = byKey.get(transactionKey(branch, 'INVITE', callId));
      if (invite) {
        invite.ack = fm;
        continue;
      }
      method = 'ACK';
    }
    const key = transactionKey(branch, method, callId);
    let t = byKey.get(key);
    if (!t) {
      t = { key, method, branch, requests: [], responses: [] };
      byKey.set(key, t);
      transactions.push(t);
      call.transactions.push(t);
    }
    if (m.kind === 'request') t.requests.push(fm);
    else t.responses.push(fm);
  }
  return { messages, transactions, calls: [...calls.values()] };
}

/** The first request of a transaction, if it was seen. */
export function requestOf(t: Transaction): (FlowMessage & { message: SipRequest }) | undefined {
  return t.requests[0] as (FlowMessage & { message: SipRequest }) | undefined;
}

/** Final responses (status >= 200) of a transaction, in order. */
export function finalResponses(t: Transaction): Array<FlowMessage & { message: SipResponse }> {
  return t.responses.filter((r) => r.message.kind === 'response' && r.message.status >= 200) as Array<FlowMessage & { message: SipResponse }>;
}
