import rule from '../../../src/explain/rules/rtpmap-missing.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite, SDP } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'every dynamic type mapped', input: { fixture: 'rtpmap-missing/valid-all-mapped.sip' } },
    { name: 'static types need no rtpmap', input: invite({ sdp: SDP.replace(' 0 8 101', ' 0 8 18').replace('a=rtpmap:101 telephone-event/8000\na=fmtp:101 0-16\n', '') }) },
    { name: 'T.38 (udptl) formats are not payload types', input: invite({ sdp: SDP + 'm=image 40004 udptl t38\n' }) },
  ],
  invalid: [
    { name: 'telephone-event 101 without its rtpmap', input: { fixture: 'rtpmap-missing/invalid-dynamic-without-rtpmap.sip' }, findings: [{ messageId: 'missing', line: 17, column: 27 }] },
    { name: 'two unmapped types', input: invite({ sdp: SDP.replace(' 0 8 101', ' 96 0 97 101') }), findings: [{ messageId: 'missing', line: 17, column: 23 }, { messageId: 'missing', line: 17, column: 28 }] },
  ],
});
