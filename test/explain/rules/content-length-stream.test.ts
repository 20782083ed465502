import rule from '../../../src/explain/rules/content-length-stream.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'TCP with Content-Length', input: { fixture: 'content-length-stream/valid-tcp-with-length.sip' } },
    { name: 'UDP without Content-Length is sip-syntax\'s warning', input: invite().replace('Content-Length: 0\n', '') },
  ],
  invalid: [
    { name: 'TCP without Content-Length', input: { fixture: 'content-length-stream/invalid-tcp-no-length.sip' }, findings: [{ messageId: 'missing', line: 9, column: 1 }] },
    { name: 'the log says TLS', input: 'T 2026/11/25 10:00:00.000000 198.51.100.20:5061 -> 203.0.113.10:5061\n' + invite({ via: 'SIP/2.0/TLS 198.51.100.20:5061;branch=z9hG4bK1' }).replace('Content-Length: 0\n', ''), findings: [{ messageId: 'missing', line: 9, column: 1 }] },
  ],
});
