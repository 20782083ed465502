import rule from '../../../src/explain/rules/number-format-expected.js';
import { findingsOf, testRule } from '../../helpers/rule-tester.js';
import { invite } from '../../helpers/sip-messages.js';

const e164 = { country: 'US', numberFormat: { requestUri: 'e164', to: 'e164', from: 'e164', pai: 'e164' } };

testRule(rule, {
  valid: [
    { name: 'E.164 with "+" everywhere (visual separators allowed)', input: { fixture: 'number-format-expected/valid-e164-everywhere.sip' }, profile: e164 },
    { name: 'no numberFormat in the profile: silent', input: { fixture: 'number-format-expected/invalid-national-to-e164-carrier.sip' }, profile: { country: 'US' } },
    { name: 'a header the profile says nothing about is not judged', input: { fixture: 'number-format-expected/invalid-national-to-e164-carrier.sip' }, profile: { country: 'US', numberFormat: { pai: 'e164' } } },
    { name: 'a carrier that wants E.164 digits without "+"', input: invite({ ruri: 'sip:14155550100@trunk.carrier.example', to: '<sip:14155550100@trunk.carrier.example>' }), profile: { country: 'US', numberFormat: { requestUri: 'e164-digits', to: 'e164-digits' } } },
    { name: 'national numbers to a national carrier', input: invite({ ruri: 'sip:4155550100@trunk.carrier.example', to: '<sip:4155550100@trunk.carrier.example>' }), profile: { country: 'US', numberFormat: { requestUri: 'national', to: 'national-digits' } } },
    { name: 'an invalid number is left to number-invalid', input: invite({ ruri: 'sip:+1415555@trunk.carrier.example' }), profile: e164 },
    { name: 'in-dialog requests are not judged again', input: invite({ method: 'BYE', ruri: 'sip:4155550100@trunk.carrier.example', to: '<sip:4155550100@trunk.carrier.example>;tag=b1', cseq: '2 BYE' }), profile: e164 },
  ],
  invalid: [
    {
      name: 'national and NANP-11 numbers to a carrier that wants E.164',
      input: { fixture: 'number-format-expected/invalid-national-to-e164-carrier.sip' },
      profile: e164,
      findings: [
        { messageId: 'format', line: 1, column: 12 },
        { messageId: 'format', line: 4, column: 12 },
        { messageId: 'format', line: 5, column: 10 },
      ],
    },
    {
      name: 'E.164 to a carrier that wants the 011 international prefix',
      input: invite({ ruri: 'sip:011442079460000@trunk.carrier.example', to: '<sip:+442079460000@trunk.carrier.example>' }),
      profile: { country: 'US', numberFormat: { requestUri: 'idd', to: 'idd' } },
      findings: [{ messageId: 'format', line: 5, column: 10 }],
    },
  ],
});

describe('number-format-expected messages', () => {
  it('names the expected spelling', () => {
    const [f] = findingsOf(rule, { fixture: 'number-format-expected/invalid-national-to-e164-carrier.sip' }, e164);
    expect(f!.message).toContain('write it as +14155550100');
    const [g] = findingsOf(rule, invite({ to: '<sip:+442079460000@trunk.carrier.example>' }), { country: 'US', numberFormat: { to: 'idd' } });
    expect(g!.message).toContain('write it as 011442079460000');
  });
});
