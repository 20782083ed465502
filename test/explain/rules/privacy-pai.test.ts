import rule from '../../../src/explain/rules/privacy-pai.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'anonymous, Privacy: id and a PAI', input: { fixture: 'privacy-pai/valid-anonymous-with-privacy.sip' } },
    { name: 'a normal call', input: invite() },
    { name: 'Privacy: none', input: invite({ extra: 'Privacy: none\n' }) },
  ],
  invalid: [
    { name: 'Privacy: id without PAI', input: { fixture: 'privacy-pai/invalid-privacy-id-no-pai.sip' }, findings: [{ messageId: 'idNoPai', line: 9, column: 10 }] },
    { name: 'anonymous From without Privacy', input: invite({ from: '"Anonymous" <sip:anonymous@anonymous.invalid>;tag=a1', extra: 'P-Asserted-Identity: <sip:+12125550100@app.example.com>\n' }), findings: [{ messageId: 'anonymousNoPrivacy', line: 4, column: 7 }] },
  ],
});
