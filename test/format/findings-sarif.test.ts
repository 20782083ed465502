import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { artifactUri, formatFindingsSarif, STDIN_URI } from '../../src/format/findings-sarif.js';
import { ROOT } from '../helpers/fixtures.js';
import { reportOf, RULE_METAS } from './explain-report.js';

// the official SARIF 2.1.0 schema (rtm.5, as published on schemastore), shipped in @microsoft/jest-sarif
const require = createRequire(import.meta.url);
// CommonJS packages: require gives the class and the function themselves
const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const ctx = { rules: RULE_METAS, version: '1.2.3', cwd: ROOT };

function sarif(files: string[]): { log: any; text: string } {
  const text = formatFindingsSarif(reportOf(files).report, ctx);
  return { log: JSON.parse(text), text };
}

describe('format sarif', () => {
  it.each([
    [['fixtures/explain/private-contact/invalid-pod-ip-in-200.sip']],
    [['fixtures/sip/real/call-flow.sip', 'fixtures/sip/real/inbound-twilio-style.sip']],
    [['fixtures/explain/sip-syntax/valid-options.sip']],
    [['<stdin>']],
  ])('validates against the SARIF 2.1.0 schema: %j', (files) => {
    const { log } = sarif(files);
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('describes the tool and every rule from its metadata', () => {
    const { log } = sarif(['fixtures/explain/sip-syntax/valid-options.sip']);
    expect(log.version).toBe('2.1.0');
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'siptool', version: '1.2.3', informationUri: expect.stringMatching(/^https:\/\//) });
    expect(driver.rules).toHaveLength(RULE_METAS.length);
    const pc = driver.rules.find((r: { id: string }) => r.id === 'private-contact');
    expect(pc).toMatchObject({
      shortDescription: { text: RULE_METAS.find((m) => m.id === 'private-contact')!.description },
      helpUri: 'https://unpkg.com/siptool@1.2.3/docs/rules/private-contact.md',
      defaultConfiguration: { level: 'error' },
      properties: { category: 'nat' },
    });
    expect(pc.fullDescription.text).toContain('How to fix:');
    expect(driver.rules.find((r: { id: string }) => r.id === 'domain-roles').defaultConfiguration.level).toBe('note');
  });

  it("carries a rule's page as help.markdown when given, and still validates", () => {
    const page = '# private-contact\n\n**Category:** nat\n\n## How to fix\n\nAdvertise the public address.\n';
    const log = JSON.parse(formatFindingsSarif(reportOf(['fixtures/explain/private-contact/invalid-pod-ip-in-200.sip']).report, { ...ctx, ruleDocs: new Map([['private-contact', page]]) }));
    expect(validate(log)).toBe(true);
    const rules = log.runs[0].tool.driver.rules as Array<{ id: string; help: { text: string; markdown?: string } }>;
    const pc = rules.find((r) => r.id === 'private-contact')!;
    expect(pc.help).toEqual({ text: expect.stringContaining(RULE_METAS.find((m) => m.id === 'private-contact')!.fix), markdown: page });
    // rules without a page keep the plain help
    expect(rules.find((r) => r.id === 'user-tel')!.help.markdown).toBeUndefined();
  });

  it('a finding in a captured message validates with line 1 and its frame (a capture is binary)', () => {
    const { report } = reportOf(['fixtures/explain/private-contact/invalid-pod-ip-in-200.sip']);
    // the same message as if read from frame 9 of a capture
    const captured = { ...report, messages: report.messages.map((m) => ({ ...m, origin: { ...m.origin, frame: 9 } })) };
    const log = JSON.parse(formatFindingsSarif(captured, ctx));
    expect(validate(log)).toBe(true);
    const [r] = log.runs[0].results;
    expect(r.locations[0].physicalLocation.region).toEqual({ startLine: 1 });
    expect(r.message.text).toMatch(/^frame 9, line 7:25 of the SIP message: Contact 10\.42\.3\.17/);
    expect(r.properties.frame).toBe(9);
  });

  it('a clean run has an empty results array and a successful invocation', () => {
    const { log } = sarif(['fixtures/explain/sip-syntax/valid-options.sip']);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(true);
  });

  it('each result names its rule, level, message and file region', () => {
    const { log } = sarif(['fixtures/explain/private-contact/invalid-pod-ip-in-200.sip']);
    const [r] = log.runs[0].results;
    expect(r).toMatchObject({
      ruleId: 'private-contact',
      ruleIndex: RULE_METAS.findIndex((m) => m.id === 'private-contact'),
      level: 'error',
      message: { text: expect.stringContaining('Contact 10.42.3.17 is a private address') },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'fixtures/explain/private-contact/invalid-pod-ip-in-200.sip' }, region: { startLine: 7, startColumn: 25, endColumn: 35 } } }],
    });
    expect(log.runs[0].tool.driver.rules[r.ruleIndex].id).toBe('private-contact');
  });

  it('regions are file lines: a finding in the second message of a file', () => {
    const { log } = sarif(['fixtures/sip/real/call-flow.sip']);
    const nat = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'via-received-nat');
    expect(nat.locations[0].physicalLocation.region.startLine).toBe(26);
    expect(nat.level).toBe('note');
  });

  it('uses a documented pseudo-URI for stdin, relative percent-encoded URIs for files', () => {
    expect(sarif(['<stdin>']).log.runs[0].artifacts[0].location.uri).toBe(STDIN_URI);
    expect(artifactUri('captures/my call #1.sip', '/repo')).toBe('captures/my%20call%20%231.sip');
    expect(artifactUri('/repo/a/b.sip', '/repo')).toBe('a/b.sip');
    expect(artifactUri('./a.sip', '/repo')).toBe('a.sip');
    expect(artifactUri('/elsewhere/x y.sip', '/repo')).toBe('file:///elsewhere/x%20y.sip');
  });
});
