import rule from '../../../src/explain/rules/private-contact.js';
import { testRule } from '../../helpers/rule-tester.js';

const invite = (contact: string, extra = ''): string =>
  `INVITE sip:+12293160013@carrier.example SIP/2.0\nVia: SIP/2.0/UDP 198.51.100.20:5060;branch=z9hG4bK1;rport\nMax-Forwards: 70\nFrom: <sip:+14155550100@app.example.com>;tag=a\nTo: <sip:+12293160013@carrier.example>\nCall-ID: c1\nCSeq: 1 INVITE\n${extra}Contact: ${contact}\nContent-Length: 0\n\n`;

testRule(rule, {
  valid: [
    { name: 'public Contact', input: invite('<sip:app@198.51.100.20:5060>') },
    { name: 'host name Contact', input: invite('<sip:app@sip.app.example.com>') },
    { name: "the carrier's private Contact behind its public Record-Route", input: { fixture: 'private-contact/valid-carrier-behind-record-route.sip' } },
    { name: 'a final failure response (no dialog)', input: 'SIP/2.0 486 Busy Here\nVia: SIP/2.0/UDP 198.51.100.20;branch=z9hG4bK1\nFrom: <sip:a@b>;tag=1\nTo: <sip:c@d>;tag=2\nCall-ID: x\nCSeq: 1 INVITE\nContact: <sip:x@10.0.0.1>\nContent-Length: 0\n\n' },
    { name: 'tel: Contact is not an address', input: invite('<tel:+14155550100>') },
  ],
  invalid: [
    { name: 'pod IP in the 200 OK Contact', input: { fixture: 'private-contact/invalid-pod-ip-in-200.sip' }, findings: [{ messageId: 'dialog', line: 7, column: 25 }] },
    { name: 'CGNAT Contact in an INVITE', input: invite('<sip:app@100.64.12.9:5060>'), findings: [{ messageId: 'dialog', line: 8, column: 19 }] },
    { name: 'IPv6 link-local and loopback Contacts, one field', input: invite('<sip:a@[fe80::1]>, <sip:b@127.0.0.1>'), findings: [{ messageId: 'dialog', line: 8, column: 17 }, { messageId: 'dialog', line: 8, column: 36 }] },
    { name: 'a private Record-Route does not cover a private Contact', input: invite('<sip:app@192.168.1.20>', 'Record-Route: <sip:10.1.1.1;lr>\n'), findings: [{ messageId: 'dialog', line: 9, column: 19 }] },
    { name: 'REGISTER with a Docker address', input: 'REGISTER sip:registrar.example SIP/2.0\nVia: SIP/2.0/UDP 198.51.100.20;branch=z9hG4bK2;rport\nMax-Forwards: 70\nFrom: <sip:alice@registrar.example>;tag=r\nTo: <sip:alice@registrar.example>\nCall-ID: r1\nCSeq: 1 REGISTER\nContact: <sip:alice@172.17.0.2:5060>\nContent-Length: 0\n\n', findings: [{ messageId: 'register', line: 8, column: 21 }] },
    { name: 'over TLS the connection may be reused: a warning', input: invite('<sip:app@10.12.4.7:5061;transport=tls>'), findings: [{ messageId: 'dialogStream', line: 8, column: 19 }] },
    { name: 'MESSAGE with a private Contact', input: 'MESSAGE sip:bob@carrier.example SIP/2.0\nVia: SIP/2.0/UDP 198.51.100.20;branch=z9hG4bK3;rport\nMax-Forwards: 70\nFrom: <sip:alice@app.example>;tag=m\nTo: <sip:bob@carrier.example>\nCall-ID: m1\nCSeq: 1 MESSAGE\nContact: <sip:alice@10.0.0.9>\nContent-Length: 0\n\n', findings: [{ messageId: 'other', line: 8, column: 21 }] },
  ],
});
