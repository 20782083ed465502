import rule from '../../../src/explain/rules/identity-tn-mismatch.js';
import { testRule } from '../../helpers/rule-tester.js';
import { identity } from '../../helpers/passport.js';
import { invite } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'orig and dest match From and To', input: { fixture: 'identity-tn-mismatch/valid-numbers-match.sip' } },
    { name: 'compared as digits: visual separators and "+" do not matter', input: invite({ from: '<tel:+1-212-555-0100>;tag=a1', extra: `Identity: ${identity()}\n` }) },
    { name: 'PAI is the caller ID when present', input: invite({ from: '<sip:anonymous@anonymous.invalid>;tag=a1', extra: `P-Asserted-Identity: <sip:+12125550100@app.example.com>\nIdentity: ${identity()}\n` }) },
    { name: 'a malformed Identity is identity-passport\'s', input: invite({ extra: 'Identity: abc\n' }) },
  ],
  invalid: [
    { name: 'orig differs from From', input: { fixture: 'identity-tn-mismatch/invalid-orig-differs.sip' }, findings: [{ messageId: 'orig', line: 4, column: 12 }] },
    { name: 'dest differs from To', input: invite({ extra: `Identity: ${identity({ dest: ['14155550199'] })}\n` }), findings: [{ messageId: 'dest', line: 5, column: 10 }] },
  ],
});
