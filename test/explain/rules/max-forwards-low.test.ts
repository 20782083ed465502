import rule from '../../../src/explain/rules/max-forwards-low.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite, response } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'Max-Forwards 70', input: { fixture: 'max-forwards-low/valid-seventy.sip' } },
    { name: 'a request that passed a few proxies (68)', input: invite({ maxForwards: '68' }) },
    { name: 'OPTIONS with 0 asks the next hop itself', input: invite({ method: 'OPTIONS', maxForwards: '0', contact: null }) },
    { name: 'responses have none', input: response(200, 'OK') },
  ],
  invalid: [
    { name: 'Max-Forwards 3', input: { fixture: 'max-forwards-low/invalid-max-forwards-3.sip' }, findings: [{ messageId: 'low', line: 3, column: 15 }] },
    { name: 'Max-Forwards 0 on an INVITE', input: invite({ maxForwards: '0' }), findings: [{ messageId: 'zero', line: 3, column: 15 }] },
  ],
});
