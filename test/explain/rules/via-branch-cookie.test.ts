import rule from '../../../src/explain/rules/via-branch-cookie.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite, response } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'z9hG4bK branch', input: { fixture: 'via-branch-cookie/valid-cookie.sip' } },
    { name: 'responses echo the request Via', input: response(200, 'OK', { via: 'SIP/2.0/UDP 198.51.100.20;branch=1a2b3c' }) },
    { name: 'no branch is sip-syntax\'s (SIP_VIA_BRANCH_MISSING)', input: invite({ via: 'SIP/2.0/UDP 198.51.100.20' }) },
  ],
  invalid: [
    { name: 'an RFC 2543 branch on top', input: { fixture: 'via-branch-cookie/invalid-rfc2543-branch.sip' }, findings: [{ messageId: 'top', line: 2, column: 44 }] },
    { name: 'an old hop below', input: invite({ via: 'SIP/2.0/UDP p1.example;branch=z9hG4bKp1, SIP/2.0/UDP 192.0.2.1;branch=abc' }), findings: [{ messageId: 'lower', line: 2, column: 76 }] },
  ],
});
