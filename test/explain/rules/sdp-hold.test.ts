import rule from '../../../src/explain/rules/sdp-hold.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite, SDP } from '../../helpers/sip-messages.js';

const reInvite = (sdp: string): string => invite({ ruri: 'sip:gw1.carrier.example', to: '<sip:+14155550100@trunk.carrier.example>;tag=c1', cseq: '2 INVITE', sdp });

testRule(rule, {
  valid: [
    { name: 'sendrecv', input: { fixture: 'sdp-hold/valid-sendrecv.sip' } },
    { name: 'recvonly is the answer to a hold, not a hold', input: reInvite(SDP.replace('a=sendrecv', 'a=recvonly')) },
    { name: 'a rejected stream (port 0) is not judged', input: reInvite(SDP.replace('m=audio 40000', 'm=audio 0').replace('a=sendrecv', 'a=inactive')) },
  ],
  invalid: [
    { name: 're-INVITE with a=sendonly', input: { fixture: 'sdp-hold/invalid-reinvite-sendonly.sip' }, findings: [{ messageId: 'direction', line: 22, column: 1 }] },
    { name: 'session-level a=inactive and c=0.0.0.0', input: reInvite(SDP.replace('c=IN IP4 198.51.100.20', 'c=IN IP4 0.0.0.0').replace('t=0 0', 't=0 0\na=inactive').replace('a=sendrecv\n', '')), findings: [{ messageId: 'zeroAddress', line: 15, column: 10 }, { messageId: 'direction', line: 17, column: 1 }] },
    { name: 'an initial INVITE that starts on hold', input: invite({ sdp: SDP.replace('a=sendrecv', 'a=sendonly') }), findings: [{ messageId: 'initial', line: 22, column: 1 }] },
  ],
});
