import rule from '../../../src/explain/rules/tel-local-no-context.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'a global tel: number', input: { fixture: 'tel-local-no-context/valid-global-tel.sip' } },
    { name: 'a local number with phone-context', input: invite({ ruri: 'tel:4155550100;phone-context=+1', to: '<tel:4155550100;phone-context=+1>' }) },
    { name: 'a local number without user=phone is a user name to SIP', input: invite({ ruri: 'sip:4155550100@trunk.carrier.example', to: '<sip:4155550100@trunk.carrier.example>' }) },
  ],
  invalid: [
    { name: 'user=phone with a local number', input: { fixture: 'tel-local-no-context/invalid-local-user-phone.sip' }, findings: [{ messageId: 'userPhone', line: 1, column: 12 }, { messageId: 'userPhone', line: 5, column: 10 }] },
    { name: 'a local tel: number', input: invite({ ruri: 'tel:4155550100', to: '<tel:4155550100>' }), findings: [{ messageId: 'tel', line: 1, column: 12 }, { messageId: 'tel', line: 5, column: 10 }] },
  ],
});
