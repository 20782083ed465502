import rule from '../../../src/explain/rules/dialog-target-mismatch.js';
import { testRule } from '../../helpers/rule-tester.js';
import { flow, inDialog, invite, response } from '../../helpers/sip-messages.js';

const rr = 'Record-Route: <sip:edge2.carrier.example;lr>, <sip:edge1.carrier.example;lr>\n';
const ok = response(200, 'OK', { extra: `${rr}Contact: <sip:gw1.carrier.example>\n` });
const route = 'Route: <sip:edge1.carrier.example;lr>, <sip:edge2.carrier.example;lr>\n';
// seen at the callee: the INVITE came through one proxy (two Vias) that record-routed
const inbound = invite({ via: 'SIP/2.0/UDP edge1.carrier.example;branch=z9hG4bKp1, SIP/2.0/UDP 198.51.100.20:5060;branch=z9hG4bKinv1;rport', extra: 'Record-Route: <sip:edge1.carrier.example;lr>\n' });
const inboundOk = response(200, 'OK', { via: 'SIP/2.0/UDP edge1.carrier.example;branch=z9hG4bKp1, SIP/2.0/UDP 198.51.100.20:5060;branch=z9hG4bKinv1;rport=5060', extra: 'Record-Route: <sip:edge1.carrier.example;lr>\nContact: <sip:gw1.carrier.example>\n' });
const calleeBye = (ruri: string): string =>
  `BYE ${ruri} SIP/2.0\nVia: SIP/2.0/UDP gw1.carrier.example;branch=z9hG4bKcb1\nRoute: <sip:edge1.carrier.example;lr>\nMax-Forwards: 70\nFrom: <sip:+14155550100@trunk.carrier.example>;tag=c1\nTo: <sip:+12125550100@app.example.com>;tag=a1\nCall-ID: call-1@app.example.com\nCSeq: 7 BYE\nContent-Length: 0\n\n`;

testRule(rule, {
  valid: [
    { name: 'ACK to the 200 Contact', input: { fixture: 'dialog-target-mismatch/valid-ack-to-contact.sip' } },
    { name: 'the ACK of a failure reuses the INVITE Request-URI (same transaction)', input: flow(invite(), response(486, 'Busy Here'), inDialog('ACK', { ruri: 'sip:+14155550100@trunk.carrier.example', branch: 'z9hG4bKinv1' })) },
    { name: 'the callee answers to the INVITE Contact', input: flow(inbound, inboundOk, calleeBye('sip:app@198.51.100.20:5060')) },
    { name: 'seen behind a proxy, the caller is not judged', input: flow(inbound, inboundOk, inDialog('BYE', { ruri: 'sip:other.example', cseq: '2 BYE', branch: 'z9hG4bKb' })) },
    { name: 'a target refresh moves the target', input: flow(invite(), ok, inDialog('ACK', { route }), invite({ ruri: 'sip:gw1.carrier.example', to: '<sip:+14155550100@trunk.carrier.example>;tag=c1', cseq: '2 INVITE', via: 'SIP/2.0/UDP 198.51.100.20:5060;branch=z9hG4bKre1;rport', extra: route }), response(200, 'OK', { cseq: '2 INVITE', via: 'SIP/2.0/UDP 198.51.100.20:5060;branch=z9hG4bKre1;rport', extra: 'Contact: <sip:gw9.carrier.example>\n' }), inDialog('ACK', { ruri: 'sip:gw9.carrier.example', cseq: '2 ACK', branch: 'z9hG4bKack2', route })) },
  ],
  invalid: [
    { name: "the ACK goes to the carrier domain, not the 200's Contact", input: { fixture: 'dialog-target-mismatch/invalid-ack-to-carrier-domain.sip' }, findings: [{ messageId: 'uac', line: 1, column: 5, messageIndex: 2 }] },
    { name: 'the BYE goes to the first address', input: flow(invite(), ok, inDialog('ACK', { route }), inDialog('BYE', { ruri: 'sip:203.0.113.5', cseq: '2 BYE', branch: 'z9hG4bKbye1', route })), findings: [{ messageId: 'uac', line: 1, column: 5, messageIndex: 3 }] },
    { name: "the callee's BYE misses the caller's Contact", input: flow(inbound, inboundOk, calleeBye('sip:+12125550100@app.example.com')), findings: [{ messageId: 'uas', line: 1, column: 5, messageIndex: 2 }] },
  ],
});
