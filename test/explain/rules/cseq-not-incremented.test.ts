import rule from '../../../src/explain/rules/cseq-not-incremented.js';
import { testRule } from '../../helpers/rule-tester.js';
import { flow, inDialog, invite, response } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'the retry after 407 has CSeq 2', input: { fixture: 'cseq-not-incremented/valid-incremented.sip' } },
    { name: 'retransmissions and the ACK reuse the CSeq', input: flow(invite(), invite(), response(200, 'OK'), inDialog('ACK'), inDialog('BYE', { cseq: '2 BYE', branch: 'z9hG4bKbye' })) },
    { name: 'each side has its own CSeq space', input: flow(invite(), response(200, 'OK'), inDialog('BYE', { cseq: '1 BYE', branch: 'z9hG4bKx', fromTag: 'c1', toTag: 'a1' })) },
    { name: 'CANCEL reuses the INVITE CSeq', input: flow(invite(), invite({ method: 'CANCEL', cseq: '1 CANCEL', contact: null })) },
  ],
  invalid: [
    { name: 'the retry after 407 reuses CSeq 1', input: { fixture: 'cseq-not-incremented/invalid-retry-same-cseq.sip' }, findings: [{ messageId: 'same', line: 7, column: 7, messageIndex: 2 }] },
    { name: 'a BYE with a lower CSeq than the re-INVITE', input: flow(invite(), inDialog('INVITE', { cseq: '5 INVITE', branch: 'z9hG4bKre' }), inDialog('BYE', { cseq: '3 BYE', branch: 'z9hG4bKbye' })), findings: [{ messageId: 'lower', line: 7, column: 7, messageIndex: 2 }] },
  ],
});
