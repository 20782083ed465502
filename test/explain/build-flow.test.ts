import { buildFlow, readTextMessages } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';

const flowOf = (text: string | Buffer) => buildFlow(readTextMessages(typeof text === 'string' ? Buffer.from(text.replace(/\n/g, '\r\n')) : text, 'x').messages);

describe('buildFlow: transactions and calls', () => {
  it('groups a call flow by branch and CSeq method; the 2xx ACK is its own transaction', () => {
    const flow = flowOf(fixture('sip', 'real', 'call-flow.sip'));
    expect(flow.calls).toHaveLength(1);
    expect(flow.transactions.map((t) => [t.method, t.requests.length, t.responses.map((r) => (r.message.kind === 'response' ? r.message.status : 0))])).toEqual([
      ['INVITE', 1, [100, 183, 200]],
      ['PRACK', 1, [200]],
      ['ACK', 1, []],
      ['BYE', 1, [200]],
    ]);
  });

  const head = (branch: string, cseq: string, extra = '') => `Via: SIP/2.0/UDP 192.0.2.1;branch=${branch}\nFrom: <sip:a@example.com>;tag=1\nTo: <sip:b@example.com>${extra}\nCall-ID: k1\nCSeq: ${cseq}\nContent-Length: 0\n\n`;

  it('the ACK of a non-2xx joins the INVITE transaction; retransmissions are counted, not split', () => {
    const text = `INVITE sip:b@example.com SIP/2.0\n${head('z9hG4bKi', '1 INVITE')}INVITE sip:b@example.com SIP/2.0\n${head('z9hG4bKi', '1 INVITE')}SIP/2.0 486 Busy Here\n${head('z9hG4bKi', '1 INVITE', ';tag=2')}ACK sip:b@example.com SIP/2.0\n${head('z9hG4bKi', '1 ACK', ';tag=2')}`;
    const flow = flowOf(text);
    expect(flow.transactions).toHaveLength(1);
    const t = flow.transactions[0]!;
    expect([t.method, t.requests.length, t.responses.length, t.ack?.index]).toEqual(['INVITE', 2, 1, 3]);
  });

  it('a retransmitted 2xx ACK stays one transaction', () => {
    const ack = `ACK sip:b@192.0.2.9 SIP/2.0\n${head('z9hG4bKa', '1 ACK', ';tag=2')}`;
    const flow = flowOf(ack + ack);
    expect(flow.transactions.map((t) => [t.method, t.requests.length])).toEqual([['ACK', 2]]);
  });

  it('separates calls by Call-ID and keeps messages without a branch in their call', () => {
    const flow = flowOf(`OPTIONS sip:b@example.com SIP/2.0\nVia: SIP/2.0/UDP 192.0.2.1\nCall-ID: c1\nCSeq: 1 OPTIONS\nContent-Length: 0\n\nOPTIONS sip:b@example.com SIP/2.0\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKx\nCall-ID: c2\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n`);
    expect(flow.calls.map((c) => [c.callId, c.messages.length, c.transactions.length])).toEqual([
      ['c1', 1, 0],
      ['c2', 1, 1],
    ]);
  });
});
