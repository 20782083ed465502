import rule from '../../../src/explain/rules/srtp-mismatch.js';
import { testRule } from '../../helpers/rule-tester.js';
import { invite, SDP } from '../../helpers/sip-messages.js';

const savp = SDP.replace('RTP/AVP', 'RTP/SAVP').replace('a=sendrecv', 'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32\na=sendrecv');
const dtls = SDP.replace('RTP/AVP', 'UDP/TLS/RTP/SAVPF').replace('a=sendrecv', 'a=fingerprint:sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF\na=setup:actpass\na=sendrecv');

testRule(rule, {
  valid: [
    { name: 'SDES-SRTP to a secure trunk', input: { fixture: 'srtp-mismatch/valid-sdes-to-secure-trunk.sip' }, profile: { srtp: 'required' } },
    { name: 'RTP with no SRTP policy', input: { fixture: 'srtp-mismatch/invalid-rtp-to-secure-trunk.sip' } },
    { name: 'optional SRTP accepts both', input: invite({ sdp: savp }), profile: { srtp: 'optional' } },
    { name: 'DTLS-SRTP without a profile is not judged', input: invite({ sdp: dtls }) },
  ],
  invalid: [
    { name: 'RTP to a secure trunk', input: { fixture: 'srtp-mismatch/invalid-rtp-to-secure-trunk.sip' }, profile: { srtp: 'required' }, findings: [{ messageId: 'rtpToSecure', line: 17, column: 15 }] },
    { name: 'SRTP to a plain trunk', input: invite({ sdp: savp }), profile: { srtp: 'forbidden' }, findings: [{ messageId: 'srtpToPlain', line: 17, column: 15 }] },
    { name: 'RTP/SAVP without keys', input: invite({ sdp: SDP.replace('RTP/AVP', 'RTP/SAVP') }), findings: [{ messageId: 'noKeys', line: 17, column: 15 }] },
    { name: 'WebRTC DTLS-SRTP to a trunk', input: invite({ sdp: dtls }), profile: { srtp: 'required' }, findings: [{ messageId: 'dtls', line: 17, column: 15 }] },
  ],
});
