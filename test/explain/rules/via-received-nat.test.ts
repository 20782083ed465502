import rule from '../../../src/explain/rules/via-received-nat.js';
import { testRule } from '../../helpers/rule-tester.js';
import { flow, invite, response } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'received equals the sent-by', input: { fixture: 'via-received-nat/valid-no-nat.sip' } },
    { name: 'a private sent-by without rport is via-private-no-rport\'s', input: flow(invite({ via: 'SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKinv1' }), response(100, 'Trying', { toTag: '', via: 'SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKinv1;received=203.0.113.99' })) },
    { name: 'a response without its request', input: response(100, 'Trying', { toTag: '', via: 'SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKinv1;received=203.0.113.99' }) },
  ],
  invalid: [
    { name: 'received and rport show the NAT (once per call)', input: { fixture: 'via-received-nat/invalid-received-shows-nat.sip' }, findings: [{ messageId: 'nat', line: 2, column: 63, messageIndex: 1 }] },
    { name: 'a public sent-by, another received, no rport asked', input: flow(invite({ via: 'SIP/2.0/UDP 198.51.100.20:5080;branch=z9hG4bKinv1' }), response(100, 'Trying', { toTag: '', via: 'SIP/2.0/UDP 198.51.100.20:5080;branch=z9hG4bKinv1;received=203.0.113.99' })), findings: [{ messageId: 'natNoRport', line: 2, column: 56, messageIndex: 1 }] },
  ],
});
