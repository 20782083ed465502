import rule from '../../../src/explain/rules/user-phone-missing.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite } from '../../helpers/sip-messages.js';

const profile = { userPhone: 'required' as const };

testRule(rule, {
  valid: [
    { name: 'user=phone everywhere a number is', input: { fixture: 'user-phone-missing/valid-user-phone.sip' }, profile: { userPhone: 'required' } },
    { name: 'the profile does not require it', input: { fixture: 'user-phone-missing/invalid-no-user-phone.sip' }, profile: { userPhone: 'optional' } },
    { name: 'a user name is not a number', input: invite({ ruri: 'sip:alice@trunk.carrier.example;user=phone', from: '<sip:bob@app.example.com>;tag=a1', to: '<sip:alice@trunk.carrier.example>' }), profile },
    { name: 'tel: URIs need no user=phone', input: invite({ ruri: 'tel:+14155550100', from: '<tel:+12125550100>;tag=a1' }), profile },
  ],
  invalid: [
    {
      name: 'numbers without user=phone in Request-URI, From and To',
      input: { fixture: 'user-phone-missing/invalid-no-user-phone.sip' },
      profile,
      findings: [
        { messageId: 'missing', line: 1, column: 12 },
        { messageId: 'missing', line: 4, column: 12 },
        { messageId: 'missing', line: 5, column: 10 },
      ],
    },
    { name: 'user=phone written outside the <> is a header parameter', input: invite({ ruri: 'sip:+14155550100@trunk.carrier.example;user=phone', to: '<sip:+14155550100@trunk.carrier.example>;user=phone', from: '<sip:+12125550100@app.example.com;user=phone>;tag=a1' }), profile, findings: [{ messageId: 'missing', line: 5, column: 10 }] },
  ],
});
