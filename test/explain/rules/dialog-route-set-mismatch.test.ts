import rule from '../../../src/explain/rules/dialog-route-set-mismatch.js';
import { testRule } from '../../helpers/rule-tester.js';
import { flow, inDialog, invite, response } from '../../helpers/sip-messages.js';

const rr = 'Record-Route: <sip:edge2.carrier.example;lr>, <sip:edge1.carrier.example;lr>\n';
const ok = response(200, 'OK', { extra: `${rr}Contact: <sip:gw1.carrier.example>\n` });
const reversed = 'Route: <sip:edge1.carrier.example;lr>, <sip:edge2.carrier.example;lr>\n';

testRule(rule, {
  valid: [
    { name: 'ACK and BYE with the Record-Route reversed', input: { fixture: 'dialog-route-set-mismatch/valid-reversed-record-route.sip' } },
    { name: 'no Record-Route: an outbound proxy Route kept for the dialog is tolerated', input: flow(invite(), response(200, 'OK', { extra: 'Contact: <sip:gw1.carrier.example>\n' }), inDialog('ACK', { route: 'Route: <sip:obp.example;lr>\n' })) },
    { name: 'a strict route is route-missing-lr\'s', input: flow(invite(), response(200, 'OK', { extra: 'Record-Route: <sip:edge1.carrier.example>\nContact: <sip:gw1.carrier.example>\n' }), inDialog('ACK')) },
  ],
  invalid: [
    { name: 'BYE without Route', input: { fixture: 'dialog-route-set-mismatch/invalid-bye-without-route.sip' }, findings: [{ messageId: 'missing', line: 1, column: 1, messageIndex: 3 }] },
    { name: 'ACK with the Record-Route in the wrong order', input: flow(invite(), ok, inDialog('ACK', { route: 'Route: <sip:edge2.carrier.example;lr>, <sip:edge1.carrier.example;lr>\n' })), findings: [{ messageId: 'differs', line: 3, column: 8, messageIndex: 2 }] },
  ],
});
