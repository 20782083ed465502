import rule from '../../../src/explain/rules/user-tel.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'user=phone', input: { fixture: 'user-tel/valid-user-phone.sip' } },
    { name: 'a tel: URI is fine', input: invite({ ruri: 'tel:+14155550100' }) },
  ],
  invalid: [
    { name: 'user=tel in the Request-URI and the To', input: { fixture: 'user-tel/invalid-user-tel.sip' }, findings: [{ messageId: 'requestUri', line: 1, column: 47 }, { messageId: 'header', line: 5, column: 45 }] },
    { name: 'user=tel in P-Asserted-Identity', input: invite({ extra: 'P-Asserted-Identity: <sip:+12125550100@app.example.com;user=tel>\n' }), findings: [{ messageId: 'header', line: 9, column: 56 }] },
  ],
});
