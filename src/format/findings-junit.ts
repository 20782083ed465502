import type { Severity } from '../core/problems.js';
import type { Finding } from '../explain/rule.js';
import type { ReportMessage } from '../explain/report-message.js';
import type { ExplainReport } from './findings-json.js';

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** A character xmlText changes: markup, a control XML does not allow, a surrogate (paired or lone), U+FFFE/U+FFFF. */
const XML_SPECIAL = /[&<>"'\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]/;

/**
 * Text for XML 1.0: characters XML does not allow (C0 controls except TAB/LF/CR, U+FFFE/U+FFFF,
 * lone surrogates) become \xNN / \uNNNN, then & < > " ' are escaped.
 */
export function xmlText(s: string): string {
  // most text needs nothing: one scan by the pattern engine instead of a loop per character
  if (!XML_SPECIAL.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      out += s[i]! + s[i + 1]!;
      i++;
    } else if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) {
      out += c < 0x100 ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
    } else if (c === 38) out += '&amp;';
    else if (c === 60) out += '&lt;';
    else if (c === 62) out += '&gt;';
    else if (c === 34) out += '&quot;';
    else if (c === 39) out += '&apos;';
    else out += s[i]!;
  }
  return out;
}

function caseName(fm: ReportMessage): string {
  const m = fm;
  const what = m.kind === 'request' ? `${m.method} ${m.uri}` : `${m.status} ${m.reason}`;
  return `message ${fm.index + 1} (${fm.origin.frame !== undefined ? `frame ${fm.origin.frame}` : `line ${fm.origin.line}`}): ${what.length > 120 ? what.slice(0, 117) + '...' : what}`;
}

function describe(f: Finding): string {
  return `${f.fileLine}:${f.fileColumn} ${f.severity} ${f.message} [${f.ruleId}]\nfix: ${f.fix}${f.ref ? ` (${f.ref})` : ''}`;
}

/** One testcase per message: its input file, its XML, and whether it holds a <failure>. */
export interface JunitCase {
  file: string;
  xml: string;
  failed: boolean;
}

/** The testcases of these messages (rows in order), with their findings; `failOn` makes a finding a <failure>. */
export function junitCases(rows: readonly ReportMessage[], findings: readonly Finding[], failOn: Severity | 'never'): JunitCase[] {
  const fails = (f: Finding): boolean => failOn !== 'never' && RANK[f.severity] >= RANK[failOn];
  const byMessage = new Map<number, Finding[]>();
  for (const f of findings) {
    const list = byMessage.get(f.messageIndex);
    if (list) list.push(f);
    else byMessage.set(f.messageIndex, [f]);
  }
  return rows.map((fm) => {
    const found = byMessage.get(fm.index) ?? [];
    const failed = found.filter(fails);
    const notes = found.filter((f) => !fails(f));
    let body = '';
    for (const f of failed) body += `\n      <failure type="${xmlText(f.ruleId)}" message="${xmlText(f.message)}">${xmlText(describe(f))}</failure>`;
    if (notes.length > 0) body += `\n      <system-out>${xmlText(notes.map(describe).join('\n'))}</system-out>`;
    const file = fm.origin.file;
    return { file, xml: `    <testcase classname="${xmlText(file)}" name="${xmlText(caseName(fm))}"${body ? `>${body}\n    </testcase>` : ' />'}`, failed: failed.length > 0 };
  });
}

/** The document's opening, with every suite's counts summed. */
export function junitOpen(tests: number, failures: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="siptool explain" tests="${tests}" failures="${failures}" errors="0">\n`;
}

/** A testsuite's opening line (one per input file; `failures` counts the messages that failed). */
export function junitSuiteOpen(file: string, tests: number, failures: number): string {
  return `  <testsuite name="${xmlText(file)}" tests="${tests}" failures="${failures}" errors="0" skipped="0">\n`;
}

export const JUNIT_SUITE_CLOSE = '\n  </testsuite>';
export const JUNIT_CLOSE = '\n</testsuites>\n';

/**
 * JUnit XML: one testsuite per input file, one testcase per SIP message. Findings at or above
 * `failOn` are <failure>s (one per finding); the others are listed in the case's <system-out>.
 */
export function formatFindingsJunit(report: ExplainReport, ctx: { failOn: Severity | 'never' }): string {
  const cases = junitCases(report.messages, report.findings, ctx.failOn);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const input of report.inputs) {
    const mine = cases.filter((c) => c.file === input.file);
    const suiteFailures = mine.filter((c) => c.failed).length;
    tests += mine.length;
    failures += suiteFailures;
    suites.push(junitSuiteOpen(input.file, mine.length, suiteFailures) + mine.map((c) => c.xml).join('\n') + JUNIT_SUITE_CLOSE);
  }
  return junitOpen(tests, failures) + suites.join('\n') + JUNIT_CLOSE;
}
