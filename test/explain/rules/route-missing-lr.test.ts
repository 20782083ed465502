import rule from '../../../src/explain/rules/route-missing-lr.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    { name: 'pre-loaded Route with ;lr', input: { fixture: 'route-missing-lr/valid-loose-route.sip' } },
    { name: 'no Route at all', input: 'OPTIONS sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nContent-Length: 0\n\n' },
    { name: 'Record-Route list, all loose', input: 'SIP/2.0 200 OK\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nRecord-Route: <sip:p1.example;lr>, <sip:p2.example;lr;transport=tcp>\nContent-Length: 0\n\n' },
  ],
  invalid: [
    { name: 'pre-loaded Route without ;lr', input: { fixture: 'route-missing-lr/invalid-strict-route.sip' }, findings: [{ messageId: 'missing', line: 3, column: 9 }] },
    { name: 'second Record-Route of a list without ;lr', input: 'SIP/2.0 200 OK\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nRecord-Route: <sip:p1.example;lr>, <sip:10.0.0.1;ftag=x>\nContent-Length: 0\n\n', findings: [{ messageId: 'missing', line: 3, column: 37 }] },
    { name: 'lr=on counts as lr, a param named like it does not', input: 'SIP/2.0 200 OK\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nRecord-Route: <sip:a.example;lr=on>\nRecord-Route: <sip:b.example;lrx>\nContent-Length: 0\n\n', findings: [{ messageId: 'missing', line: 4, column: 16 }] },
  ],
});
