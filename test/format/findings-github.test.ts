import { escapeData, escapeProperty, formatFindingsGithub } from '../../src/format/findings-github.js';
import { ROOT } from '../helpers/fixtures.js';
import { reportOf } from './explain-report.js';

describe('format github (Actions workflow commands)', () => {
  it('one annotation per finding, with file, line, columns and the rule as title', () => {
    const out = formatFindingsGithub(reportOf(['fixtures/explain/private-contact/invalid-pod-ip-in-200.sip']).report, { cwd: ROOT });
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^::error file=fixtures\/explain\/private-contact\/invalid-pod-ip-in-200\.sip,line=7,col=25,endColumn=35,title=private-contact \(siptool\)::Contact 10\.42\.3\.17 is a private address/);
    expect(lines[0]).toContain('%0Afix: Put an address');
  });

  it('warnings and notes use ::warning and ::notice', () => {
    const out = formatFindingsGithub(reportOf(['fixtures/sip/real/call-flow.sip']).report, { cwd: ROOT });
    expect(out).toMatch(/^::warning file=fixtures\/sip\/real\/call-flow\.sip,line=8,col=19,/m);
    expect(out).toMatch(/^::notice file=fixtures\/sip\/real\/call-flow\.sip,line=26,/m);
  });

  it('prints nothing on a clean run', () => {
    expect(formatFindingsGithub(reportOf(['fixtures/explain/sip-syntax/valid-options.sip']).report, { cwd: ROOT })).toBe('');
  });

  it('escapes data (%, CR, LF) and properties (also : and ,) as the runner requires', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
    // a finding message never breaks out of its command line
    const out = formatFindingsGithub(reportOf(['fixtures/sip/real/inbound-twilio-style.sip']).report, { cwd: ROOT });
    for (const line of out.trimEnd().split('\n')) expect(line).toMatch(/^::(error|warning|notice) [^:]*::/);
  });

  it('leaves out the file for stdin', () => {
    const r = reportOf(['<stdin>']).report;
    expect(r.findings.length).toBeGreaterThan(0);
    expect(formatFindingsGithub(r, { cwd: ROOT })).not.toContain('file=');
  });
});
