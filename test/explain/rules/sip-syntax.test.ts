import rule from '../../../src/explain/rules/sip-syntax.js';
import { findingsOf, testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [{ name: 'a clean OPTIONS', input: { fixture: 'sip-syntax/valid-options.sip' } }],
  invalid: [
    { name: 'spaces inside <> (RFC 4475 badaspec)', input: { fixture: 'sip-syntax/invalid-spaces-in-brackets.sip' }, findings: [{ messageId: 'problem', line: 5, column: 23 }] },
    { name: 'a second message of the input, positioned within it', input: 'OPTIONS sip:a@example.com SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nMax-Forwards: 70\nFrom: <sip:a@example.com>;tag=1\nTo: <sip:a@example.com>\nCall-ID: x\nCSeq: 1 OPTIONS\nContent-Length: 0\n\nOPTIONS sip:b@example.com SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK2\nMax-Forwards: 300\nFrom: <sip:a@example.com>;tag=1\nTo: <sip:b@example.com>\nCall-ID: y\nCSeq: 2 OPTIONS\nContent-Length: 0\n\n', findings: [{ messageId: 'problem', line: 3, column: 15, messageIndex: 1 }] },
  ],
});

describe('rule sip-syntax keeps the problem severity and code', () => {
  it('relays a warning as a warning, an error as an error', () => {
    const found = findingsOf(rule, 'INVITE sip:a@example.com SIP/2.0\nVia: SIP/2.0/UDP h\nMax-Forwards: 70\nFrom: <sip:a@example.com>;tag=1\nTo: <sip:b@example.com>\nCall-ID: z\nCSeq: 1 BYE\nContent-Length: 0\n\n');
    expect(found.map((f) => [f.severity, f.message.match(/\[(\w+)\]$/)?.[1]])).toEqual([
      ['warning', 'SIP_VIA_BRANCH_MISSING'],
      ['error', 'SIP_CSEQ_METHOD_MISMATCH'],
    ]);
  });
});
