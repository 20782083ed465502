import rule from '../../../src/explain/rules/auth-loop.js';
import { testRule } from '../../helpers/rule-tester.js';
import { flow, invite, response } from '../../helpers/sip-messages.js';

const challenge = (cseq: number, branch: string, extra = ''): string =>
  response(407, 'Proxy Authentication Required', { cseq: `${cseq} INVITE`, via: `SIP/2.0/UDP 198.51.100.20:5060;branch=${branch};rport=5060`, extra: `Proxy-Authenticate: Digest realm="sip.carrier.example", nonce="n${cseq}"${extra}\n` });
const retry = (cseq: number, branch: string, realm = 'sip.carrier.example'): string =>
  invite({ cseq: `${cseq} INVITE`, via: `SIP/2.0/UDP 198.51.100.20:5060;branch=${branch};rport`, extra: `Proxy-Authorization: Digest username="trunk1", realm="${realm}", nonce="n1", uri="sip:+14155550100@trunk.carrier.example", response="0123456789abcdef0123456789abcdef"\n` });

testRule(rule, {
  valid: [
    { name: 'challenged once, then accepted', input: { fixture: 'auth-loop/valid-challenge-then-ok.sip' } },
    { name: 'a stale=true re-challenge is normal', input: flow(invite(), challenge(1, 'z9hG4bKinv1'), retry(2, 'z9hG4bK2'), challenge(2, 'z9hG4bK2', ', stale=true')) },
    { name: 'the first challenge alone', input: flow(invite(), challenge(1, 'z9hG4bKinv1')) },
  ],
  invalid: [
    { name: 'credentials challenged again', input: { fixture: 'auth-loop/invalid-challenged-again.sip' }, findings: [{ messageId: 'rejected', line: 1, column: 1, messageIndex: 3 }] },
    { name: 'credentials for another realm', input: flow(invite(), challenge(1, 'z9hG4bKinv1'), retry(2, 'z9hG4bK2', 'app.example.com')), findings: [{ messageId: 'realm', line: 9, column: 48, messageIndex: 2 }] },
  ],
});
