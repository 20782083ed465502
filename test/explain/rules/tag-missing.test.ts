import rule from '../../../src/explain/rules/tag-missing.js';
import { testRule } from '../../helpers/rule-tester.js';
import { flow, inDialog, invite, response } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'a tagged 200', input: { fixture: 'tag-missing/valid-tagged-200.sip' } },
    { name: '100 Trying needs no tag', input: response(100, 'Trying', { toTag: '' }) },
    { name: 'an initial INVITE has none yet', input: invite() },
    { name: 'the ACK of a failure carries the tag of the failure', input: flow(invite(), response(486, 'Busy Here'), inDialog('ACK', { branch: 'z9hG4bKinv1' })) },
  ],
  invalid: [
    { name: '180 without To tag', input: { fixture: 'tag-missing/invalid-180-without-tag.sip' }, findings: [{ messageId: 'response', line: 4, column: 5 }] },
    { name: 'BYE without To tag', input: inDialog('BYE', { toTag: '', branch: 'z9hG4bKb' }), findings: [{ messageId: 'inDialog', line: 5, column: 5 }] },
    { name: 'the ACK of a 200 without To tag', input: flow(invite(), response(200, 'OK'), inDialog('ACK', { toTag: '' })), findings: [{ messageId: 'inDialog', line: 5, column: 5, messageIndex: 2 }] },
  ],
});
