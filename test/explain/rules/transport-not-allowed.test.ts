import rule from '../../../src/explain/rules/transport-not-allowed.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite } from '../../helpers/sip-messages.js';

const profile = { transports: ['tls' as const], domains: ['trunk.carrier.example'] };

testRule(rule, {
  valid: [
    { name: 'TLS to a TLS-only trunk', input: { fixture: 'transport-not-allowed/valid-tls.sip' }, profile },
    { name: 'no profile: silent', input: { fixture: 'transport-not-allowed/invalid-udp-to-tls-trunk.sip' } },
    { name: 'a request to someone else', input: invite({ ruri: 'sip:bob@other.example' }), profile },
  ],
  invalid: [
    { name: 'UDP to a TLS-only trunk', input: { fixture: 'transport-not-allowed/invalid-udp-to-tls-trunk.sip' }, profile, findings: [{ messageId: 'notAllowed', line: 2, column: 14 }] },
    { name: 'the log says TCP', input: 'T 2026/11/25 10:00:00.000000 198.51.100.20:5060 -> 203.0.113.10:5060\n' + invite({ via: 'SIP/2.0/TCP 198.51.100.20:5060;branch=z9hG4bK1;rport' }), profile: { transports: ['udp' as const] }, findings: [{ messageId: 'notAllowed', line: 2, column: 14 }] },
  ],
});
