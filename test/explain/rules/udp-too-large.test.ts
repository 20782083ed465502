import rule from '../../../src/explain/rules/udp-too-large.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite, response, SDP } from '../../helpers/sip-messages.js';

const big = SDP + Array.from({ length: 20 }, (_, i) => `a=candidate:${i} 1 udp 2122260223 198.51.100.20 ${50000 + i} typ host generation 0\n`).join('');

testRule(rule, {
  valid: [
    { name: 'large but over TCP', input: { fixture: 'udp-too-large/valid-large-over-tcp.sip' } },
    { name: 'a normal INVITE over UDP', input: invite({ sdp: SDP }) },
  ],
  invalid: [
    { name: 'a 2 kB INVITE over UDP', input: { fixture: 'udp-too-large/invalid-large-invite-udp.sip' }, findings: [{ messageId: 'request', line: 1, column: 1 }] },
    { name: 'a large 200 over UDP (a note)', input: response(200, 'OK', { sdp: big }), findings: [{ messageId: 'response', line: 1, column: 1 }] },
  ],
});
