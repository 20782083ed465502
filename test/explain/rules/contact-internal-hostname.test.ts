import rule from '../../../src/explain/rules/contact-internal-hostname.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite, response } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'a public host name', input: { fixture: 'contact-internal-hostname/valid-public-name.sip' } },
    { name: 'behind a reachable Record-Route', input: invite({ contact: '<sip:app@media-7.internal>', extra: 'Record-Route: <sip:edge.carrier.example;lr>\n' }) },
    { name: 'a failure response (no dialog)', input: response(486, 'Busy Here', { extra: 'Contact: <sip:x@localhost>\n' }) },
    { name: 'an IP is private-contact\'s', input: invite({ contact: '<sip:app@10.0.0.1>' }) },
  ],
  invalid: [
    { name: 'a Kubernetes service name in a 200', input: { fixture: 'contact-internal-hostname/invalid-k8s-service-name.sip' }, findings: [{ messageId: 'internal', line: 7, column: 21 }] },
    { name: 'localhost', input: invite({ contact: '<sip:app@localhost:5060>' }), findings: [{ messageId: 'internal', line: 8, column: 19 }] },
    { name: 'a cloud-internal name and a single label', input: invite({ contact: '<sip:ip-10-0-0-5.ec2.internal>, <sip:app@voicebox>' }), findings: [{ messageId: 'internal', line: 8, column: 15 }, { messageId: 'internal', line: 8, column: 51 }] },
  ],
});
