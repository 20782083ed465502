import rule from '../../../src/explain/rules/ruri-host-is-proxy.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'the domain in the Request-URI, the proxy in a Route', input: { fixture: 'ruri-host-is-proxy/valid-domain-with-route.sip' } },
    { name: 'with profile.domains ruri-not-carrier-domain speaks instead', input: { fixture: 'ruri-host-is-proxy/invalid-proxy-ip-in-ruri.sip' }, profile: { domains: ['trunk.carrier.example'] } },
    { name: 'an IP in both is consistent', input: invite({ ruri: 'sip:+14155550100@203.0.113.5' }) },
    { name: 'another callee in the To', input: invite({ ruri: 'sip:+14155550100@203.0.113.5', to: '<sip:+13105550199@trunk.carrier.example>' }) },
  ],
  invalid: [
    { name: "the proxy's IP in the Request-URI", input: { fixture: 'ruri-host-is-proxy/invalid-proxy-ip-in-ruri.sip' }, findings: [{ messageId: 'proxyInRuri', line: 1, column: 25 }] },
    { name: 'an IPv6 proxy', input: invite({ ruri: 'sip:bob@[2001:db8::5]', to: '<sip:bob@trunk.carrier.example>' }), findings: [{ messageId: 'proxyInRuri', line: 1, column: 16 }] },
  ],
});
