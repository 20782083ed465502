import rule from '../../../src/explain/rules/invite-no-response.js';
import { testRule } from '../../helpers/rule-tester.js';
import { flow, invite } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'answered by 100 Trying', input: { fixture: 'invite-no-response/valid-answered.sip' } },
    { name: 'sent once (the log may just end there)', input: invite() },
    { name: 'an OPTIONS retransmitted is not an INVITE', input: flow(invite({ method: 'OPTIONS', contact: null }), invite({ method: 'OPTIONS', contact: null })) },
    { name: 'two INVITEs in two transactions (new branch each)', input: flow(invite(), invite({ via: 'SIP/2.0/UDP 198.51.100.20:5060;branch=z9hG4bKinv2;rport', cseq: '2 INVITE' })) },
  ],
  invalid: [
    { name: 'three copies and nothing back', input: { fixture: 'invite-no-response/invalid-three-retransmissions.sip' }, findings: [{ messageId: 'none', line: 1, column: 1 }] },
    { name: 'two copies', input: flow(invite(), invite()), findings: [{ messageId: 'none', line: 1, column: 1 }] },
  ],
});
