import rule from '../../../src/explain/rules/number-invalid.js';
import { findingsOf, testRule } from '../../helpers/rule-tester.js';
import { invite } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'valid E.164 numbers in every header', input: { fixture: 'number-invalid/valid-numbers.sip' } },
    { name: 'a national number cannot be judged without profile.country', input: invite({ ruri: 'sip:1000@trunk.carrier.example', to: '<sip:1000@trunk.carrier.example>' }) },
    { name: 'a valid national number with the profile country', input: invite({ ruri: 'sip:4155550100@trunk.carrier.example', to: '<sip:4155550100@trunk.carrier.example>' }), profile: { country: 'US' } },
    { name: 'user names are not numbers', input: invite({ ruri: 'sip:alice@trunk.carrier.example', to: '<sip:alice@trunk.carrier.example>' }), profile: { country: 'US' } },
    { name: 'in-dialog requests are not judged again', input: invite({ method: 'BYE', ruri: 'sip:+1415555@trunk.carrier.example', to: '<sip:+1415555@trunk.carrier.example>;tag=b1', cseq: '2 BYE' }) },
  ],
  invalid: [
    {
      name: 'too short a number and an unknown country code',
      input: { fixture: 'number-invalid/invalid-short-and-unknown-code.sip' },
      findings: [
        { messageId: 'invalid', line: 1, column: 12 },
        { messageId: 'invalid', line: 4, column: 12 },
        { messageId: 'invalid', line: 5, column: 10 },
      ],
    },
    { name: 'an internal extension sent to the carrier (profile country US)', input: invite({ ruri: 'sip:1000@trunk.carrier.example', to: '<sip:1000@trunk.carrier.example>' }), profile: { country: 'US' }, findings: [{ messageId: 'invalid', line: 1, column: 12 }, { messageId: 'invalid', line: 5, column: 10 }] },
  ],
});

describe('number-invalid severities and reasons', () => {
  it('the called number is an error, the caller a warning, each with src/number\'s reason', () => {
    const f = findingsOf(rule, { fixture: 'number-invalid/invalid-short-and-unknown-code.sip' });
    expect(f.map((x) => [x.line, x.severity])).toEqual([
      [1, 'error'],
      [4, 'warning'],
      [5, 'error'],
    ]);
    expect(f[0]!.message).toMatch(/too short/);
    expect(f[1]!.message).toMatch(/calling code \+999/);
  });
});
