import rule from '../../../src/explain/rules/session-expires-low.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite, response } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: '1800 s', input: { fixture: 'session-expires-low/valid-1800.sip' } },
    { name: 'exactly 90 s', input: invite({ extra: 'Session-Expires: 90\n' }) },
    { name: 'compact form x: 1800', input: invite({ extra: 'x: 1800\n' }) },
  ],
  invalid: [
    { name: 'Session-Expires 60', input: { fixture: 'session-expires-low/invalid-60-seconds.sip' }, findings: [{ messageId: 'sessionExpires', line: 10, column: 18 }] },
    { name: 'Min-SE 30 in a 200', input: response(200, 'OK', { extra: 'Session-Expires: 1800;refresher=uas\nMin-SE: 30\n' }), findings: [{ messageId: 'minSe', line: 8, column: 9 }] },
  ],
});
