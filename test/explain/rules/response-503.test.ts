import rule from '../../../src/explain/rules/response-503.js';
import { testRule } from '../../helpers/rule-tester.js';
import { response } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'a 200', input: { fixture: 'response-503/valid-200.sip' } },
    { name: 'a 500 is not a 503', input: response(500, 'Server Internal Error') },
  ],
  invalid: [
    { name: '503 without Retry-After', input: { fixture: 'response-503/invalid-503-no-retry-after.sip' }, findings: [{ messageId: 'noRetryAfter', line: 1, column: 1 }] },
    { name: '503 with Retry-After (a note)', input: response(503, 'Service Unavailable', { extra: 'Retry-After: 120 (maintenance)\n' }), findings: [{ messageId: 'retryAfter', line: 7, column: 14 }] },
  ],
});
