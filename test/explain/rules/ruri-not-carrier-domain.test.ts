import rule from '../../../src/explain/rules/ruri-not-carrier-domain.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite } from '../../helpers/sip-messages.js';

const profile = { domains: ['trunk.carrier.example', '*.pstn.carrier.example'] };

testRule(rule, {
  valid: [
    { name: 'the carrier domain', input: { fixture: 'ruri-not-carrier-domain/valid-carrier-domain.sip' }, profile },
    { name: 'a name under a wildcard domain', input: invite({ ruri: 'sip:+14155550100@acme.pstn.carrier.example' }), profile },
    { name: 'no profile: the rule is silent', input: { fixture: 'ruri-not-carrier-domain/invalid-ip-in-ruri.sip' } },
    { name: 'in-dialog requests go to the Contact', input: invite({ ruri: 'sip:gw1@203.0.113.5', to: '<sip:+14155550100@trunk.carrier.example>;tag=c1', cseq: '2 INVITE' }), profile },
    { name: 'the carrier calling you', input: invite({ ruri: 'sip:+12125550100@app.example.com', from: '<sip:+14155550100@trunk.carrier.example>;tag=x', to: '<sip:+12125550100@app.example.com>' }), profile },
    { name: 'OPTIONS pings are not judged', input: invite({ method: 'OPTIONS', ruri: 'sip:203.0.113.5', contact: null }), profile },
  ],
  invalid: [
    { name: 'an IP address in the Request-URI', input: { fixture: 'ruri-not-carrier-domain/invalid-ip-in-ruri.sip' }, profile, findings: [{ messageId: 'wrongHost', line: 1, column: 25 }] },
    { name: 'the To names the carrier, the Request-URI does not', input: invite({ ruri: 'sip:+14155550100@sbc.example.net', to: '<sip:+14155550100@trunk.carrier.example>' }), profile, findings: [{ messageId: 'toIsCarrier', line: 1, column: 25 }] },
  ],
});
