import rule from '../../../src/explain/rules/identity-passport.js';
import { findingsOf, testRule } from '../../helpers/rule-tester.js';
import { identity } from '../../helpers/passport.js';
import { invite } from '../../helpers/sip-messages.js';

// invalid-* fixtures here are messages the rule reports on: for attestation A that is the decoded PASSporT (info)
const withIdentity = (value: string): string => invite({ extra: `Identity: ${value}\n` });

testRule(rule, {
  valid: [
    { name: 'no Identity header', input: { fixture: 'identity-passport/valid-no-identity.sip' } },
  ],
  invalid: [
    { name: 'attestation A, decoded', input: { fixture: 'identity-passport/invalid-decoded-attestation-a.sip' }, findings: [{ messageId: 'decoded', line: 9, column: 11 }] },
    { name: 'two parts only', input: { fixture: 'identity-passport/invalid-two-parts.sip' }, findings: [{ messageId: 'malformed', line: 9, column: 11 }] },
    { name: 'attestation C', input: withIdentity(identity({ attest: 'C' })), findings: [{ messageId: 'weakAttestation', line: 9, column: 11 }] },
    { name: 'claims that are not JSON', input: withIdentity('eyJhbGciOiJFUzI1NiJ9.bm90IGpzb24.c2ln;info=<https://x.example/c.pem>'), findings: [{ messageId: 'malformed', line: 9, column: 32 }] },
    { name: 'no orig and no iat', input: withIdentity(identity({ claims: { attest: 'A', dest: { tn: ['14155550100'] } } })), findings: [{ messageId: 'incomplete', line: 9, column: 11 }] },
    { name: 'no info parameter', input: withIdentity(identity({ info: false })), findings: [{ messageId: 'noInfo', line: 9, column: 11 }, { messageId: 'decoded', line: 9, column: 11 }] },
  ],
});

describe('rule identity-passport decodes the PASSporT', () => {
  it('shows attestation, numbers, time and certificate', () => {
    const [f] = findingsOf(rule, { fixture: 'identity-passport/invalid-decoded-attestation-a.sip' });
    expect(f!.message).toBe('Identity (STIR/SHAKEN): attestation A, orig 12125550100, dest 14155550100, signed 2026-11-25T10:00:00Z, certificate https://cert.carrier.example/sti.pem');
    expect(f!.severity).toBe('info');
  });
  it('reports a malformed header as an error', () => {
    expect(findingsOf(rule, withIdentity('not a jws'))[0]!.severity).toBe('error');
  });
});
