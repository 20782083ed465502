import rule from '../../../src/explain/rules/prack-rack-mismatch.js';
import { testRule } from '../../helpers/rule-tester.js';
import { flow, inDialog, invite, response } from '../../helpers/sip-messages.js';

const r183 = response(183, 'Session Progress', { extra: 'Contact: <sip:gw1.carrier.example>\nRequire: 100rel\nRSeq: 501\n' });
const prack = (rack: string | null): string => inDialog('PRACK', { cseq: '2 PRACK', branch: 'z9hG4bKprack1', extra: rack === null ? '' : `RAck: ${rack}\n` });
const prackOk = response(200, 'OK', { cseq: '2 PRACK', via: 'SIP/2.0/UDP 198.51.100.20:5060;branch=z9hG4bKprack1;rport=5060' });

testRule(rule, {
  valid: [
    { name: 'RAck matches the 183', input: { fixture: 'prack-rack-mismatch/valid-matching-rack.sip' } },
    { name: 'the 183 is not in the flow', input: prack('502 1 INVITE') },
    { name: 'a 183 retransmitted before the PRACK was answered', input: flow(invite(), r183, prack('501 1 INVITE'), r183, prackOk) },
  ],
  invalid: [
    { name: 'RAck names another RSeq', input: { fixture: 'prack-rack-mismatch/invalid-wrong-rseq.sip' }, findings: [{ messageId: 'noMatch', line: 8, column: 7, messageIndex: 2 }] },
    { name: 'PRACK without RAck', input: flow(invite(), r183, prack(null)), findings: [{ messageId: 'missing', line: 1, column: 1, messageIndex: 2 }] },
    { name: 'the 183 comes again after its PRACK was answered', input: flow(invite(), r183, prack('501 1 INVITE'), prackOk, r183), findings: [{ messageId: 'retransmitted', line: 1, column: 1, messageIndex: 4 }] },
  ],
});
