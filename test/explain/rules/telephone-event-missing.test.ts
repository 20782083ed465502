import rule from '../../../src/explain/rules/telephone-event-missing.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite, SDP } from '../../helpers/sip-messages.js';

testRule(rule, {
  valid: [
    { name: 'telephone-event offered', input: { fixture: 'telephone-event-missing/valid-with-te.sip' } },
    { name: 'video streams need none', input: invite({ sdp: SDP + 'm=video 40002 RTP/AVP 96\na=rtpmap:96 H264/90000\n' }) },
    { name: 'a rejected audio stream', input: invite({ sdp: SDP.replace('m=audio 40000 RTP/AVP 0 8 101', 'm=audio 0 RTP/AVP 0') }) },
  ],
  invalid: [
    { name: 'PCMU and PCMA only', input: { fixture: 'telephone-event-missing/invalid-pcmu-only.sip' }, findings: [{ messageId: 'missing', line: 17, column: 1 }] },
    { name: 'a second audio stream without it', input: invite({ sdp: SDP + 'm=audio 40002 RTP/AVP 0\n' }), findings: [{ messageId: 'missing', line: 23, column: 1 }] },
  ],
});
