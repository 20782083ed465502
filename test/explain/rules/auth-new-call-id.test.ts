import rule from '../../../src/explain/rules/auth-new-call-id.js';
import { testRule } from '../../helpers/rule-tester.js';
import { flow, invite, response } from '../../helpers/sip-messages.js';

const auth = 'Authorization: Digest username="trunk1", realm="sip.carrier.example", nonce="n1", uri="sip:+14155550100@trunk.carrier.example", response="0123456789abcdef0123456789abcdef"\n';

testRule(rule, {
  valid: [
    { name: 'the retry keeps the Call-ID', input: { fixture: 'auth-new-call-id/valid-same-call-id.sip' } },
    { name: 'another caller in another call', input: flow(invite(), response(401, 'Unauthorized'), invite({ callId: 'call-2@app.example.com', from: '<sip:+13105550199@app.example.com>;tag=b1', extra: auth })) },
    { name: 'credentials sent up front, no challenge seen', input: invite({ extra: auth }) },
  ],
  invalid: [
    { name: 'the retry starts a new call', input: { fixture: 'auth-new-call-id/invalid-new-call-id.sip' }, findings: [{ messageId: 'newCallId', line: 6, column: 10, messageIndex: 2 }] },
    { name: 'a REGISTER retried under a new Call-ID', input: flow(invite({ method: 'REGISTER', ruri: 'sip:sip.carrier.example', callId: 'r1' }), response(401, 'Unauthorized', { cseq: '1 REGISTER', callId: 'r1' }), invite({ method: 'REGISTER', ruri: 'sip:sip.carrier.example', callId: 'r2', cseq: '2 REGISTER', extra: auth })), findings: [{ messageId: 'newCallId', line: 6, column: 10, messageIndex: 2 }] },
  ],
});
