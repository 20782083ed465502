import rule from '../../../src/explain/rules/number-format-inconsistent.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'E.164 with "+" everywhere', input: { fixture: 'number-format-inconsistent/valid-all-e164.sip' } },
    { name: 'national everywhere', input: invite({ ruri: 'sip:4155550100@trunk.carrier.example', from: '<sip:2125550100@app.example.com>;tag=a1' }) },
    { name: 'in-dialog requests are not judged', input: invite({ ruri: 'sip:14155550100@trunk.carrier.example', to: '<sip:+14155550100@trunk.carrier.example>;tag=c1', cseq: '2 INVITE' }) },
  ],
  invalid: [
    {
      name: 'Request-URI without "+", To and From with it',
      input: { fixture: 'number-format-inconsistent/invalid-plus-and-no-plus.sip' },
      findings: [
        { messageId: 'mixed', line: 4, column: 12 },
        { messageId: 'sameNumber', line: 5, column: 10 },
      ],
    },
    { name: 'From and PAI: the same number two ways', input: invite({ extra: 'P-Asserted-Identity: <sip:12125550100@app.example.com>\n' }), findings: [{ messageId: 'sameNumber', line: 9, column: 27 }] },
  ],
});
