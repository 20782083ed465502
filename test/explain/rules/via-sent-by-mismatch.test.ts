import rule from '../../../src/explain/rules/via-sent-by-mismatch.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite } from '../../helpers/sip-messages.js';

const from = (src: string): string => `2026/11/25 10:00:00.000000 ${src} -> 203.0.113.10:5060\n`;

testRule(rule, {
  valid: [
    { name: 'the packet came from the sent-by', input: { fixture: 'via-sent-by-mismatch/valid-same-source.txt' } },
    { name: 'no source known', input: invite({ via: 'SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1' }) },
    { name: 'a host name cannot be compared without DNS', input: from('203.0.113.99:5060') + invite({ via: 'SIP/2.0/UDP sip.app.example.com;branch=z9hG4bK1' }) },
    { name: 'no port means 5060', input: from('198.51.100.20:5060') + invite({ via: 'SIP/2.0/UDP 198.51.100.20;branch=z9hG4bK1' }) },
  ],
  invalid: [
    { name: 'NAT and no rport', input: { fixture: 'via-sent-by-mismatch/invalid-nat-no-rport.txt' }, findings: [{ messageId: 'noRport', line: 2, column: 18 }] },
    { name: 'NAT with rport: a note', input: from('203.0.113.99:40022') + invite({ via: 'SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1;rport' }), findings: [{ messageId: 'withRport', line: 2, column: 18 }] },
  ],
});
