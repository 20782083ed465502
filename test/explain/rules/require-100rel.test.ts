import rule from '../../../src/explain/rules/require-100rel.js';
import { testRule } from '../../helpers/rule-tester.js';
import { flow, invite, response } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'Supported: 100rel', input: { fixture: 'require-100rel/valid-supported.sip' } },
    { name: 'Require: 100rel in a reliable 183 is how it works', input: response(183, 'Session Progress', { extra: 'Require: 100rel\nRSeq: 1\n' }) },
  ],
  invalid: [
    { name: 'Require: 100rel, then 420', input: { fixture: 'require-100rel/invalid-require-then-420.sip' }, findings: [{ messageId: 'require', line: 9, column: 10 }, { messageId: 'rejected', line: 7, column: 14, messageIndex: 1 }] },
    { name: 'Require: timer', input: invite({ extra: 'Require: timer\n' }), findings: [{ messageId: 'require', line: 9, column: 10 }] },
    { name: 'a 420 without Unsupported names what was required', input: flow(invite({ extra: 'Supported: timer\n' }), response(420, 'Bad Extension')), findings: [{ messageId: 'rejected', line: 1, column: 1, messageIndex: 1 }] },
  ],
});
