import rule from '../../../src/explain/rules/failure-response.js';
import { findingsOf, testRule } from '../../helpers/rule-tester.js';
import { response } from '../../helpers/sip-messages.js';

const r = (status: number, reason: string, extra = ''): string => response(status, reason, { extra });

testRule(rule, {
  valid: [
    { name: '486 Busy Here needs no explanation', input: { fixture: 'failure-response/valid-486-not-explained.sip' } },
    { name: 'a 404 to REGISTER is not a call failure', input: response(404, 'Not Found', { cseq: '1 REGISTER' }) },
    { name: 'a 200', input: r(200, 'OK') },
  ],
  invalid: [
    { name: '484', input: { fixture: 'failure-response/invalid-484.sip' }, findings: [{ messageId: 'r484', line: 1, column: 1 }] },
    { name: '403 with a Reason', input: r(403, 'Forbidden', 'Reason: SIP;cause=403;text="Caller Origination Number is Invalid D35"\n'), findings: [{ messageId: 'r403', line: 1, column: 1 }] },
    { name: '404', input: r(404, 'Not Found'), findings: [{ messageId: 'r404', line: 1, column: 1 }] },
    { name: '408', input: r(408, 'Request Timeout'), findings: [{ messageId: 'r408', line: 1, column: 1 }] },
    { name: '480', input: r(480, 'Temporarily Unavailable'), findings: [{ messageId: 'r480', line: 1, column: 1 }] },
    { name: '487', input: r(487, 'Request Terminated'), findings: [{ messageId: 'r487', line: 1, column: 1 }] },
    { name: '488', input: r(488, 'Not Acceptable Here', 'Warning: 305 sbc.carrier.example "Incompatible media format"\n'), findings: [{ messageId: 'r488', line: 1, column: 1 }] },
  ],
});

describe('rule failure-response', () => {
  it('quotes the Reason and keeps 487 a note', () => {
    const [f] = findingsOf(rule, r(403, 'Forbidden', 'Reason: SIP;cause=403;text="D35"\n'));
    expect(f!.message).toContain('(the response says: Reason: SIP;cause=403;text="D35")');
    expect(findingsOf(rule, r(487, 'Request Terminated'))[0]!.severity).toBe('info');
  });
});
