import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFlow, ExplainRun, FlowStream, readTextMessages, RULES, runRules, type Flow, type FlowMessage } from '../../src/index.js';
import { FIXTURES, fixture } from '../helpers/fixtures.js';

/** Messages of a text, each given a capture time (seconds) by its index. */
function timed(text: string, times: number[]): FlowMessage[] {
  const msgs = readTextMessages(Buffer.from(text.replace(/\r?\n/g, '\r\n')), 'x').messages;
  return msgs.map((m, i) => ({ ...m, time: times[i] ?? times[times.length - 1]! }));
}

const head = (callId: string, branch: string, cseq: string, toTag = '') =>
  `Via: SIP/2.0/UDP 192.0.2.1;branch=${branch}\nFrom: <sip:a@example.com>;tag=1\nTo: <sip:b@example.com>${toTag}\nCall-ID: ${callId}\nCSeq: ${cseq}\nContent-Length: 0\n\n`;

/** A whole call: INVITE, 200, ACK, BYE, 200. */
const call = (id: string) =>
  `INVITE sip:b@example.com SIP/2.0\n${head(id, `z9hG4bK${id}i`, '1 INVITE')}SIP/2.0 200 OK\n${head(id, `z9hG4bK${id}i`, '1 INVITE', ';tag=2')}` +
  `ACK sip:b@192.0.2.9 SIP/2.0\n${head(id, `z9hG4bK${id}a`, '1 ACK', ';tag=2')}BYE sip:b@192.0.2.9 SIP/2.0\n${head(id, `z9hG4bK${id}b`, '2 BYE', ';tag=2')}SIP/2.0 200 OK\n${head(id, `z9hG4bK${id}b`, '2 BYE', ';tag=2')}`;

function collect(limits = {}): { stream: FlowStream; flushed: Flow[] } {
  const flushed: Flow[] = [];
  return { stream: new FlowStream((f) => flushed.push(f), limits), flushed };
}

describe('FlowStream: calls are handed over when finished or idle, not at the end of the capture', () => {
  it('a finished call is handed over once its grace time has passed (capture time)', () => {
    const { stream, flushed } = collect({ finishedGraceSeconds: 8 });
    const msgs = timed(call('c1') + call('c2'), [0, 0.1, 0.2, 5, 5.1, 10, 10.1, 10.2, 20, 20.1]);
    for (const m of msgs.slice(0, 5)) stream.push(m);
    expect(flushed).toHaveLength(0); // c1 finished at 5.1; nothing later yet
    for (const m of msgs.slice(5, 8)) stream.push(m);
    expect(flushed).toHaveLength(0); // 10.2 - 5.1 < 8
    stream.push(msgs[8]!); // 20: c1's grace is over; c2 (INVITE at 10) is open
    expect(flushed.map((f) => f.calls.map((c) => c.callId))).toEqual([['c1']]);
    expect(flushed[0]!.messages.map((m) => m.index)).toEqual([0, 1, 2, 3, 4]);
    expect(flushed[0]!.transactions.map((t) => t.method)).toEqual(['INVITE', 'ACK', 'BYE']);
    stream.push(msgs[9]!);
    stream.end();
    expect(flushed.map((f) => f.calls.map((c) => c.callId))).toEqual([['c1'], ['c2']]);
  });

  it('an unanswered or unacknowledged call is handed over when idle', () => {
    const { stream, flushed } = collect({ idleSeconds: 64 });
    const msgs = timed(call('c1') + call('c2'), [0, 0.1, 100, 100.1, 100.2, 100.3, 100.4, 100.5, 100.6, 100.7]);
    stream.push(msgs[0]!);
    stream.push(msgs[1]!); // 200 without ACK: not finished
    expect(flushed).toHaveLength(0);
    stream.push(msgs[5]!); // another call at 100 s: c1 idle for 99.9 s
    expect(flushed.map((f) => f.calls[0]!.callId)).toEqual(['c1']);
    expect(flushed[0]!.messages).toHaveLength(2);
  });

  it('messages without a time are held to the end (text inputs are checked as a whole)', () => {
    const { stream, flushed } = collect();
    for (const m of readTextMessages(Buffer.from((call('c1') + call('c2')).replace(/\n/g, '\r\n')), 'x').messages) stream.push(m);
    expect(flushed).toHaveLength(0);
    stream.end();
    expect(flushed).toHaveLength(1);
    expect(flushed[0]!.calls.map((c) => c.callId)).toEqual(['c1', 'c2']);
  });

  it('memory is bounded: past maxHeldMessages the least recently active calls are handed over', () => {
    const { stream, flushed } = collect({ maxHeldMessages: 6 });
    const ids = ['a', 'b', 'c', 'd'];
    const msgs = ids.flatMap((id, k) => timed(call(id).split('BYE')[0]!, [k, k, k]).slice(0, 2));
    for (const m of msgs) stream.push(m);
    expect(stream.evicted).toBe(1);
    expect(flushed.flatMap((f) => f.calls.map((c) => c.callId))).toEqual(['a']);
  });

  it('knows the lowest index still held, in index order and out of it', () => {
    const msgs = timed(call('c1') + call('c2') + call('c3'), [0, 0.1, 0.2, 0.3, 0.4, 1, 1.1, 20, 20.1, 20.2, 20.3, 20.4, 20.5, 20.6, 20.7]);
    // the reference: the lowest first index among the calls not handed over yet
    const check = (order: number[]): void => {
      const { stream, flushed } = collect({ finishedGraceSeconds: 8 });
      const given = order.map((i) => ({ ...msgs[i]!, index: i }));
      for (const m of given) {
        stream.push(m);
        const out = new Set(flushed.flatMap((f) => f.messages.map((x) => x.index)));
        const inByCall = new Map<string, number>();
        for (const g of given.slice(0, given.indexOf(m) + 1)) {
          if (out.has(g.index)) continue;
          const id = g.message.callId!;
          if (!inByCall.has(id)) inByCall.set(id, g.index);
        }
        expect([m.index, stream.lowestHeldIndex()]).toEqual([m.index, inByCall.size === 0 ? undefined : Math.min(...inByCall.values())]);
      }
      stream.end();
      expect(stream.lowestHeldIndex()).toBeUndefined();
    };
    check(msgs.map((_, i) => i));
    check([5, 6, 0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('groups a call of many transactions (OPTIONS pings with one Call-ID) as buildFlow does', () => {
    const ping = (k: number) => `OPTIONS sip:b@example.com SIP/2.0\n${head('p', `z9hG4bKp${k % 12}`, `${k} OPTIONS`)}SIP/2.0 200 OK\n${head('p', `z9hG4bKp${k % 12}`, `${k} OPTIONS`, ';tag=2')}`;
    const msgs = timed(Array.from({ length: 20 }, (_, k) => ping(k)).join(''), [0]);
    const { stream, flushed } = collect();
    for (const m of msgs) stream.push(m);
    stream.end();
    const strip = (f: Flow) => f.transactions.map((t) => [t.key, t.requests.map((m) => m.index), t.responses.map((m) => m.index)]);
    expect(strip(flushed[0]!)).toEqual(strip(buildFlow(msgs)));
    expect(flushed[0]!.transactions).toHaveLength(12);
  });

  it('groups exactly as buildFlow does', () => {
    const msgs = readTextMessages(fixture('sip', 'real', 'call-flow.sip'), 'x').messages;
    const { stream, flushed } = collect();
    for (const m of msgs) stream.push(m);
    stream.end();
    const whole = buildFlow(msgs);
    const shape = (f: Flow) => f.transactions.map((t) => [t.key, t.requests.map((r) => r.index), t.responses.map((r) => r.index), t.ack?.index]);
    expect(shape(flushed[0]!)).toEqual(shape(whole));
  });
});

describe('ExplainRun', () => {
  it('finds the same as running the rules over the whole flow, for a text input', () => {
    const data = readFileSync(join(FIXTURES, 'sip', 'real', 'call-flow.sip'));
    const msgs = readTextMessages(data, 'call-flow.sip').messages;
    const rules = [...RULES.values()];
    const run = new ExplainRun({ rules });
    for (const m of msgs) run.add(m);
    const { messages, findings } = run.end();
    expect(findings).toEqual(runRules(buildFlow(msgs), { rules }));
    expect(messages.map((m) => m.index)).toEqual(msgs.map((m) => m.index));
    // a finding's line is kept for the quote, the parsed message is not
    const f = findings.find((x) => x.ruleId === 'private-contact')!;
    expect(messages[f.messageIndex]!.lines.get(f.line)).toMatch(/^Contact: /);
    expect(messages[0]).not.toHaveProperty('message');
  });

  it('a rule that compares calls sees calls checked earlier (auth-new-call-id across groups)', () => {
    const text = readFileSync(join(FIXTURES, 'explain', 'auth-new-call-id', 'invalid-new-call-id.sip'));
    const msgs = readTextMessages(text, 'x').messages;
    // the challenged call is checked on its own, long before the retry arrives
    const times = msgs.map((m) => (m.message.callId === msgs[0]!.message.callId ? 0 : 100));
    const rules = [RULES.get('auth-new-call-id')!];
    const run = new ExplainRun({ rules, limits: { finishedGraceSeconds: 1, idleSeconds: 10 } });
    let groups = 0;
    const counted = new ExplainRun({ rules, limits: { finishedGraceSeconds: 1, idleSeconds: 10 }, onChecked: () => groups++ });
    for (const [i, m] of msgs.entries()) {
      run.add({ ...m, time: times[i]! });
      counted.add({ ...m, time: times[i]! });
    }
    const { findings } = run.end();
    counted.end();
    expect(groups).toBe(2);
    expect(findings.map((f) => f.ruleId)).toEqual(['auth-new-call-id']);
    expect(findings).toEqual(runRules(buildFlow(msgs), { rules }));
  });
});

describe('ExplainRun with onReady: the report is handed over in order as calls are checked', () => {
  it('rows come in index order without gaps, findings sorted, the same as kept in memory', () => {
    // long-lived call c0 interleaved with short calls: the watermark waits for c0
    const text = call('c0').split('ACK')[0]! + Array.from({ length: 1000 }, (_, i) => call(`s${i}`)).join('');
    const msgs = readTextMessages(Buffer.from(text.replace(/\r?\n/g, '\r\n')), 'x').messages.map((m, i) => ({ ...m, time: i * 0.05 }));
    const rules = [...RULES.values()];
    const kept = new ExplainRun({ rules });
    const handed: { rows: number[]; findings: Array<[number, number, number, string]>; calls: number } = { rows: [], findings: [], calls: 0 };
    const streamed = new ExplainRun({
      rules,
      onReady: (rows, found) => {
        handed.calls++;
        handed.rows.push(...rows.map((r) => r.index));
        handed.findings.push(...found.map((f) => [f.messageIndex, f.line, f.column, f.ruleId] as [number, number, number, string]));
      },
    });
    for (const m of msgs) {
      kept.add(m);
      streamed.add(m);
    }
    const all = kept.end();
    expect(streamed.end()).toEqual({ messages: [], findings: [] });
    expect(handed.rows).toEqual(msgs.map((m) => m.index));
    expect(handed.findings).toEqual(all.findings.map((f) => [f.messageIndex, f.line, f.column, f.ruleId]));
    expect(handed.calls).toBeGreaterThan(1);
    expect(streamed.counts.messages).toBe(msgs.length);
    expect(streamed.counts.error + streamed.counts.warning + streamed.counts.info).toBe(all.findings.length);
  });
});
