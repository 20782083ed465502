import rule from '../../../src/explain/rules/caller-id-not-owned.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite } from '../../helpers/sip-messages.js';

const profile = { ownedNumbers: ['+12125550100'], domains: ['trunk.carrier.example'] };

testRule(rule, {
  valid: [
    { name: 'the PAI is an owned number', input: { fixture: 'caller-id-not-owned/valid-owned-pai.sip' }, profile },
    { name: 'owned, written without "+" (compared on digits)', input: invite({ from: '<sip:12125550100@app.example.com>;tag=a1' }), profile },
    { name: 'owned, national form', input: invite({ from: '<sip:2125550100@app.example.com>;tag=a1' }), profile },
    { name: 'the PAI wins over a foreign From (forwarded call)', input: invite({ from: '<sip:+13105550199@app.example.com>;tag=a1', extra: 'P-Asserted-Identity: <sip:+12125550100@app.example.com>\n' }), profile },
    { name: 'the carrier calling you carries its own caller ID', input: invite({ ruri: 'sip:+12125550100@app.example.com', from: '<sip:+13105550199@trunk.carrier.example>;tag=x', to: '<sip:+12125550100@app.example.com>' }), profile },
    { name: 'no profile: silent', input: { fixture: 'caller-id-not-owned/invalid-foreign-caller-id.sip' } },
  ],
  invalid: [
    { name: 'a From number the trunk does not own', input: { fixture: 'caller-id-not-owned/invalid-foreign-caller-id.sip' }, profile, findings: [{ messageId: 'notOwned', line: 4, column: 12 }] },
    { name: 'P-Preferred-Identity is read first', input: invite({ extra: 'P-Preferred-Identity: <sip:+13105550199@app.example.com>\n' }), profile, findings: [{ messageId: 'notOwned', line: 9, column: 28 }] },
  ],
});
