import rule from '../../../src/explain/rules/sdp-private-address.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite, response, SDP } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'a public c=', input: { fixture: 'sdp-private-address/valid-public-c.sip' } },
    { name: 'c=0.0.0.0 is hold (sdp-hold)', input: invite({ sdp: SDP.replace('c=IN IP4 198.51.100.20', 'c=IN IP4 0.0.0.0') }) },
    { name: "a carrier's private o= behind its Record-Route (Twilio)", input: response(200, 'OK', { extra: 'Record-Route: <sip:54.172.60.0;lr>\nContact: <sip:gw@172.18.0.20>\n', sdp: SDP.replace('o=- 1 1 IN IP4 198.51.100.20', 'o=- 1 1 IN IP4 172.18.0.20') }) },
  ],
  invalid: [
    { name: 'a private c=', input: { fixture: 'sdp-private-address/invalid-private-c.sip' }, findings: [{ messageId: 'connection', line: 15, column: 10 }] },
    { name: 'a CGNAT media-level c=', input: invite({ sdp: SDP.replace('a=sendrecv', 'c=IN IP4 100.64.1.2\na=sendrecv') }), findings: [{ messageId: 'connection', line: 22, column: 10 }] },
    { name: 'a private o= with a public c=', input: invite({ sdp: SDP.replace('o=- 1 1 IN IP4 198.51.100.20', 'o=- 1 1 IN IP4 10.9.8.7') }), findings: [{ messageId: 'origin', line: 13, column: 16 }] },
  ],
});
