import rule from '../../../src/explain/rules/response-422.js';
import { testRule } from '../../helpers/rule-tester.js';
import { flow, invite, response } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'no 422', input: { fixture: 'response-422/valid-no-422.sip' } },
  ],
  invalid: [
    { name: '422, then a retry still too small', input: { fixture: 'response-422/invalid-422-and-small-retry.sip' }, findings: [{ messageId: 'tooSmall', line: 7, column: 9, messageIndex: 1 }, { messageId: 'retryStillSmall', line: 9, column: 18, messageIndex: 2 }] },
    { name: 'a 422 retried correctly is still explained', input: flow(invite({ extra: 'Session-Expires: 600\n' }), response(422, 'Session Interval Too Small', { extra: 'Min-SE: 1800\n' }), invite({ cseq: '2 INVITE', via: 'SIP/2.0/UDP 198.51.100.20:5060;branch=z9hG4bKinv2;rport', extra: 'Session-Expires: 1800\nMin-SE: 1800\n' })), findings: [{ messageId: 'tooSmall', line: 7, column: 9, messageIndex: 1 }] },
    { name: '422 without Min-SE', input: response(422, 'Session Interval Too Small'), findings: [{ messageId: 'noMinSe', line: 1, column: 1 }] },
  ],
});
