import rule from '../../../src/explain/rules/domain-roles.js';
import { findingsOf, testRule } from '../../helpers/rule-tester.js';
import { invite } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'a response is not explained', input: { fixture: 'domain-roles/valid-response-only.sip' } },
    { name: 'in-dialog INVITEs are not explained', input: invite({ to: '<sip:+14155550100@trunk.carrier.example>;tag=c1', cseq: '2 INVITE' }) },
  ],
  invalid: [
    { name: 'an outgoing INVITE through an outbound proxy', input: { fixture: 'domain-roles/invalid-explained-outbound-invite.sip' }, findings: [{ messageId: 'roles', line: 1, column: 1 }] },
    { name: 'a tel: Request-URI', input: invite({ ruri: 'tel:+14155550100' }), findings: [{ messageId: 'roles', line: 1, column: 1 }] },
  ],
});

describe('rule domain-roles explains each host', () => {
  it('names the Request-URI domain, the outbound proxy, the Contact and the Via', () => {
    const [f] = findingsOf(rule, { fixture: 'domain-roles/invalid-explained-outbound-invite.sip' });
    expect(f!.severity).toBe('info');
    expect(f!.message).toContain('Request-URI host trunk.carrier.example');
    expect(f!.message).toContain('next hop is sbc.carrier.example (the first Route: an outbound proxy)');
    expect(f!.message).toContain('Contact 198.51.100.20:5060 is where ACK, BYE and re-INVITEs must go');
  });
  it('says where the packet went when the log knows', () => {
    const [f] = findingsOf(rule, '2026/11/25 10:00:00.000000 198.51.100.20:5060 -> 203.0.113.10:5060\n' + invite());
    expect(f!.message).toContain('the packet went to 203.0.113.10:5060');
  });
});
