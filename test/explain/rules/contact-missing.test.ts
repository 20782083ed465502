import rule from '../../../src/explain/rules/contact-missing.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite, response } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'an INVITE with Contact', input: { fixture: 'contact-missing/valid-contact.sip' } },
    { name: 'a 180 without Contact is tolerated', input: response(180, 'Ringing') },
    { name: 'a 486 needs none', input: response(486, 'Busy Here') },
    { name: 'OPTIONS needs none', input: invite({ method: 'OPTIONS', contact: null }) },
  ],
  invalid: [
    { name: 'a 200 to INVITE without Contact', input: { fixture: 'contact-missing/invalid-200-without-contact.sip' }, findings: [{ messageId: 'response', line: 1, column: 1 }] },
    { name: 'an INVITE without Contact', input: invite({ contact: null }), findings: [{ messageId: 'request', line: 1, column: 1 }] },
  ],
});
