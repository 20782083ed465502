import type { Severity } from '../core/problems.js';
import type { Finding, RuleMeta } from '../explain/rule.js';
import { html, markdown, token } from './report-html-escape.js';

/** Findings listed one by one up to this count; the rest are counted per rule (each message still lists its own). */
export const MAX_FINDINGS_LISTED = 2000;

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Call number (1-based, in flow order) of each message index. */
export type CallOfMessage = ReadonlyMap<number, number>;

function findingRow(f: Finding, callOf: CallOfMessage): string {
  const call = callOf.get(f.messageIndex);
  return [
    `<tr class="sev-${f.severity}">`,
    `<td><span class="sev">${f.severity}</span></td>`,
    `<td><a class="rule" href="#rule-${token(f.ruleId)}">${html(f.ruleId)}</a></td>`,
    `<td>${html(f.message)}</td>`,
    `<td><a href="#m-${f.messageIndex + 1}"${call !== undefined ? ` data-call="${call}"` : ''}>message ${f.messageIndex + 1}</a> ${f.line}:${f.column}${f.header ? ` (${html(f.header)})` : ''}${call !== undefined ? ` · <a href="#call-${call}">call ${call}</a>` : ''}<br><span class="origin">${html(f.file)}:${f.fileLine}:${f.fileColumn}</span></td>`,
    `</tr>`,
  ].join('');
}

/** The findings as one table (worst first), cut at MAX_FINDINGS_LISTED with a note. */
export function findingsSection(findings: readonly Finding[], callOf: CallOfMessage): string {
  if (findings.length === 0) return `<section id="findings"><h2>Findings</h2><p class="ok">No findings: every rule passed.</p></section>`;
  const sorted = [...findings].sort((a, b) => RANK[b.severity] - RANK[a.severity] || a.messageIndex - b.messageIndex || a.line - b.line);
  const shown = sorted.slice(0, MAX_FINDINGS_LISTED);
  const more = sorted.length - shown.length;
  return [
    `<section id="findings"><h2>Findings <span class="count">${findings.length}</span></h2>`,
    `<table class="findings"><thead><tr><th>severity</th><th>rule</th><th>finding</th><th>where</th></tr></thead><tbody>`,
    shown.map((f) => findingRow(f, callOf)).join('\n'),
    `</tbody></table>`,
    more > 0 ? `<p class="note">${more} more finding(s) not listed here; each message lists its own, and the rules below count them all.</p>` : '',
    `</section>`,
  ].join('\n');
}

function ruleEntry(id: string, list: readonly Finding[], meta: RuleMeta | undefined, doc: string | undefined): string {
  const worst = list.reduce<Severity>((w, f) => (RANK[f.severity] > RANK[w] ? f.severity : w), 'info');
  const first = list.slice(0, 10).map((f) => `<a href="#m-${f.messageIndex + 1}">#${f.messageIndex + 1}</a>`).join(' ');
  const head = `<summary><span class="badge sev-${worst}">${list.length}</span> <code>${html(id)}</code>${meta ? ` <span class="cat">${html(meta.category)}, default ${meta.severity}</span> ${html(meta.description)}` : ''}</summary>`;
  const body: string[] = [];
  if (meta) {
    body.push(`<dl><dt>Reference</dt><dd>${html(meta.ref)}</dd><dt>How to fix</dt><dd>${html(meta.fix)}</dd><dt>Seen in</dt><dd>${first}${list.length > 10 ? ` and ${list.length - 10} more` : ''}</dd></dl>`);
  } else {
    const fix = list[0]?.fix;
    body.push(`<dl>${fix ? `<dt>How to fix</dt><dd>${html(fix)}</dd>` : ''}<dt>Seen in</dt><dd>${first}</dd></dl>`);
  }
  if (doc !== undefined) body.push(`<div class="doc"><p class="docname">docs/rules/${html(id)}.md</p>${markdown(doc)}</div>`);
  return `<details class="rule" id="rule-${token(id)}">${head}${body.join('')}</details>`;
}

/** Each rule that found something: its metadata (description, reference, fix) and its docs page inline. */
export function rulesSection(findings: readonly Finding[], rules: readonly RuleMeta[], docs: Readonly<Record<string, string>>): string {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  if (byRule.size === 0) return '';
  const metas = new Map(rules.map((r) => [r.id, r]));
  const ids = [...byRule.keys()].sort();
  return [`<section id="rules"><h2>Rules that found something</h2>`, ...ids.map((id) => ruleEntry(id, byRule.get(id)!, metas.get(id), Object.hasOwn(docs, id) ? docs[id] : undefined)), `</section>`].join('\n');
}
