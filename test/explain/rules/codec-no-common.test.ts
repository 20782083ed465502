import rule from '../../../src/explain/rules/codec-no-common.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite, SDP } from '../../helpers/sip-messages.js';

const profile = { codecs: ['PCMU', 'PCMA', 'G729'] };

testRule(rule, {
  valid: [
    { name: 'G.711 to a G.711 trunk', input: { fixture: 'codec-no-common/valid-g711.sip' }, profile },
    { name: 'no profile: silent', input: { fixture: 'codec-no-common/invalid-opus-only.sip' } },
    { name: 'names match case-insensitively', input: invite({ sdp: SDP.replace('PCMU/8000', 'pcmu/8000').replace(' 0 8 101', ' 0 101').replace('a=rtpmap:8 PCMA/8000\n', '') }), profile: { codecs: ['PCMU'] } },
    { name: 'a static type without rtpmap counts', input: invite({ sdp: SDP.replace(' 0 8 101', ' 18 101').replace('a=rtpmap:0 PCMU/8000\na=rtpmap:8 PCMA/8000\n', '') }), profile },
  ],
  invalid: [
    { name: 'Opus only', input: { fixture: 'codec-no-common/invalid-opus-only.sip' }, profile, findings: [{ messageId: 'none', line: 17, column: 1 }] },
    { name: 'G.722 to a G.711-only trunk', input: invite({ sdp: SDP.replace(' 0 8 101', ' 9 101').replace('a=rtpmap:0 PCMU/8000\na=rtpmap:8 PCMA/8000\n', 'a=rtpmap:9 G722/8000\n') }), profile: { codecs: ['PCMU', 'PCMA'] }, findings: [{ messageId: 'none', line: 17, column: 1 }] },
  ],
});
