import rule from '../../../src/explain/rules/user-trunk-params.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'a plain number', input: { fixture: 'user-trunk-params/valid-plain-number.sip' } },
    { name: 'tgrp as a URI parameter is not in the user part', input: invite({ ruri: 'sip:+14155550100@trunk.carrier.example;tgrp=TG7' }) },
    { name: 'other user parameters (isub) are left alone', input: invite({ ruri: 'sip:+14155550100;isub=12@trunk.carrier.example;user=phone' }) },
  ],
  invalid: [
    { name: 'tgrp and trunk-context in the Request-URI and To', input: { fixture: 'user-trunk-params/invalid-tgrp-in-user.sip' }, findings: [{ messageId: 'present', line: 1, column: 12 }, { messageId: 'present', line: 5, column: 10 }] },
    { name: 'trunk-context in P-Asserted-Identity', input: invite({ extra: 'P-Asserted-Identity: <sip:+12125550100;trunk-context=+1@app.example.com;user=phone>\n' }), findings: [{ messageId: 'present', line: 9, column: 27 }] },
  ],
});
