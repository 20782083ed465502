import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFlow, readTextMessages, runRules, type CarrierProfile, type Finding, type Rule } from '../../src/index.js';
import { FIXTURES } from './fixtures.js';

/** Input of a case: SIP text (one or more messages, CRLF added where the text has LF), or a fixture under fixtures/explain/. */
export type CaseInput = string | { fixture: string };

export interface ValidCase {
  name: string;
  input: CaseInput;
  profile?: CarrierProfile;
}

export interface ExpectedFinding {
  messageId: string;
  /** 1-based line and column within the message (line 1 is the start line). */
  line: number;
  column: number;
  /** Which message of the input (0-based), default 0. */
  messageIndex?: number;
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
}

function load(input: CaseInput): { data: Buffer; file: string } {
  if (typeof input === 'string') return { data: Buffer.from(input.replace(/\r?\n/g, '\r\n'), 'utf8'), file: '<case>' };
  return { data: readFileSync(join(FIXTURES, 'explain', input.fixture)), file: input.fixture };
}

export function findingsOf(rule: Rule, input: CaseInput, profile?: CarrierProfile): Finding[] {
  const { data, file } = load(input);
  const { messages } = readTextMessages(data, file);
  if (messages.length === 0) throw new Error(`case input has no SIP message: ${file}`);
  return runRules(buildFlow(messages), { rules: [rule], profile: profile ?? {} });
}

/**
 * eslint's RuleTester, for siptool rules: valid cases must give no finding; invalid cases
 * exactly the listed findings (messageId, line, column, message index). It rejects duplicate
 * case names, undeclared messageIds, messages with unfilled {{placeholders}}, rules that throw,
 * and a rule whose messageIds are not all exercised by some invalid case.
 */
export function testRule(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.meta.id}`, () => {
    it('has cases: at least one valid and one invalid, with unique names, covering every messageId', () => {
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
      const names = [...cases.valid, ...cases.invalid].map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
      const used = new Set(cases.invalid.flatMap((c) => c.findings.map((f) => f.messageId)));
      for (const f of cases.invalid.flatMap((c) => c.findings)) expect(Object.keys(rule.meta.messages)).toContain(f.messageId);
      expect([...used].sort()).toEqual(Object.keys(rule.meta.messages).sort());
    });

    it.each(cases.valid.map((c) => [c.name, c] as const))('valid: %s', (_name, c) => {
      const found = findingsOf(rule, c.input, c.profile);
      expect(found.map((f) => `${f.messageId} ${f.line}:${f.column} ${f.message}`)).toEqual([]);
    });

    it.each(cases.invalid.map((c) => [c.name, c] as const))('invalid: %s', (_name, c) => {
      const found = findingsOf(rule, c.input, c.profile);
      expect(found.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
      for (const f of found) {
        expect(f.message).not.toMatch(/\{\{/);
        expect(f.ruleId).toBe(rule.meta.id);
      }
      expect(found.map((f) => ({ messageId: f.messageId, line: f.line, column: f.column, messageIndex: f.messageIndex }))).toEqual(
        c.findings.map((f) => ({ messageId: f.messageId, line: f.line, column: f.column, messageIndex: f.messageIndex ?? 0 })),
      );
    });
  });
}
