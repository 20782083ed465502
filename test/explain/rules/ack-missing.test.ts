import rule from '../../../src/explain/rules/ack-missing.js';
import { testRule } from '../../helpers/rule-tester.js';
import { flow, inDialog, invite, response } from '../../helpers/sip-messages.js';

const ok = response(200, 'OK', { extra: 'Contact: <sip:gw1.carrier.example>\n' });

testRule(rule, {
  valid: [
    { name: '200 then ACK', input: { fixture: 'ack-missing/valid-acked.sip' } },
    { name: 'a flow that ends at the 200 proves nothing', input: flow(invite(), ok) },
    { name: 'a retransmitted 200 that is ACKed later', input: flow(invite(), ok, ok, inDialog('ACK')) },
    { name: 'two forks: each 200 ACKed with its own tag', input: flow(invite(), ok, response(200, 'OK', { toTag: ';tag=c2', extra: 'Contact: <sip:gw2.carrier.example>\n' }), inDialog('ACK'), inDialog('ACK', { toTag: 'c2', branch: 'z9hG4bKack2' })) },
  ],
  invalid: [
    { name: 'the 200 retransmitted three times', input: { fixture: 'ack-missing/invalid-200-retransmitted.sip' }, findings: [{ messageId: 'retransmitted', line: 1, column: 1, messageIndex: 1 }] },
    { name: 'torn down with BYE and never ACKed', input: flow(invite(), ok, inDialog('BYE', { cseq: '2 BYE', branch: 'z9hG4bKbye1' })), findings: [{ messageId: 'noAck', line: 1, column: 1, messageIndex: 1 }] },
    { name: 'the ACK of the other fork does not count', input: flow(invite(), ok, response(200, 'OK', { toTag: ';tag=c2' }), response(200, 'OK', { toTag: ';tag=c2' }), inDialog('ACK')), findings: [{ messageId: 'retransmitted', line: 1, column: 1, messageIndex: 2 }] },
  ],
});
