import rule from '../../../src/explain/rules/via-private-no-rport.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'private sent-by with rport', input: { fixture: 'via-private-no-rport/valid-rport.sip' } },
    { name: 'public sent-by without rport', input: invite({ via: 'SIP/2.0/UDP 198.51.100.20:5060;branch=z9hG4bK1' }) },
    { name: 'over TCP the response comes back on the connection', input: invite({ via: 'SIP/2.0/TCP 10.0.0.5:5060;branch=z9hG4bK1' }) },
    { name: 'with a known, different packet source: via-sent-by-mismatch speaks', input: '2026/11/25 10:00:00.000000 203.0.113.99:40022 -> 203.0.113.10:5060\n' + invite({ via: 'SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1' }) },
  ],
  invalid: [
    { name: 'private sent-by, no rport', input: { fixture: 'via-private-no-rport/invalid-private-no-rport.sip' }, findings: [{ messageId: 'noRport', line: 2, column: 18 }] },
    { name: 'CGNAT sent-by, no rport', input: invite({ via: 'SIP/2.0/UDP 100.72.1.9:5070;branch=z9hG4bK1' }), findings: [{ messageId: 'noRport', line: 2, column: 18 }] },
  ],
});
