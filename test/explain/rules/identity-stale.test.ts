import rule from '../../../src/explain/rules/identity-stale.js';
import { testRule } from '../../helpers/rule-tester.js';
import { identity } from '../../helpers/passport.js';
import { invite } from '../../helpers/sip-messages.js';

const at = (time: string): string => `2026/11/25 ${time} 198.51.100.20:5060 -> 203.0.113.10:5060\n`;
const signed = invite({ extra: `Identity: ${identity({ iat: 1795600800 })}\n` });

testRule(rule, {
  valid: [
    { name: 'sent 10 s after signing', input: { fixture: 'identity-stale/valid-fresh.txt' } },
    { name: 'no time known', input: signed },
    { name: 'the Date header gives the time', input: invite({ extra: `Date: Wed, 25 Nov 2026 10:00:30 GMT\nIdentity: ${identity({ iat: 1795600800 })}\n` }) },
  ],
  invalid: [
    { name: 'sent 10 minutes after signing', input: { fixture: 'identity-stale/invalid-signed-ten-minutes-before.txt' }, findings: [{ messageId: 'stale', line: 9, column: 11 }] },
    { name: 'signed in the future', input: at('09:50:00.000000') + signed, findings: [{ messageId: 'future', line: 9, column: 11 }] },
    { name: 'stale by the Date header', input: invite({ extra: `Date: Wed, 25 Nov 2026 10:05:00 GMT\nIdentity: ${identity({ iat: 1795600800 })}\n` }), findings: [{ messageId: 'stale', line: 10, column: 11 }] },
  ],
});
