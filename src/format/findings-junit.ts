import type { Severity } from '../core/problems.js';
import type { Finding } from '../explain/rule.js';
import type { ReportMessage } from '../explain/report-message.js';
import type { ExplainReport } from './findings-json.js';

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * Text for XML 1.0: characters XML does not allow (C0 controls except TAB/LF/CR, U+FFFE/U+FFFF,
 * lone surrogates) become \xNN / \uNNNN, then & < > " ' are escaped.
 */
export function xmlText(s: string): string {
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

/**
 * JUnit XML: one testsuite per input file, one testcase per SIP message. Findings at or above
 * `failOn` are <failure>s (one per finding); the others are listed in the case's <system-out>.
 */
export function formatFindingsJunit(report: ExplainReport, ctx: { failOn: Severity | 'never' }): string {
  const fails = (f: Finding): boolean => ctx.failOn !== 'never' && RANK[f.severity] >= RANK[ctx.failOn];
  const byMessage = new Map<number, Finding[]>();
  for (const f of report.findings) byMessage.set(f.messageIndex, [...(byMessage.get(f.messageIndex) ?? []), f]);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const input of report.inputs) {
    const messages = report.messages.filter((m) => m.origin.file === input.file);
    const cases: string[] = [];
    let suiteFailures = 0;
    for (const fm of messages) {
      const found = byMessage.get(fm.index) ?? [];
      const failed = found.filter(fails);
      const notes = found.filter((f) => !fails(f));
      suiteFailures += failed.length > 0 ? 1 : 0;
      let body = '';
      for (const f of failed) body += `\n      <failure type="${xmlText(f.ruleId)}" message="${xmlText(f.message)}">${xmlText(describe(f))}</failure>`;
      if (notes.length > 0) body += `\n      <system-out>${xmlText(notes.map(describe).join('\n'))}</system-out>`;
      cases.push(`    <testcase classname="${xmlText(input.file)}" name="${xmlText(caseName(fm))}"${body ? `>${body}\n    </testcase>` : ' />'}`);
    }
    tests += messages.length;
    failures += suiteFailures;
    suites.push(`  <testsuite name="${xmlText(input.file)}" tests="${messages.length}" failures="${suiteFailures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="siptool explain" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
