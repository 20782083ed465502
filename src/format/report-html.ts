import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Severity } from '../core/problems.js';
import type { Call, Flow } from '../explain/build-flow.js';
import type { Finding, RuleMeta } from '../explain/rule.js';
import { findingsByMessage, layoutCall, worstSeverity, type LadderLayout } from './ladder-layout.js';
import { REPORT_CSS, REPORT_SCRIPT } from './report-html-assets.js';
import { html } from './report-html-escape.js';
import { findingsSection, rulesSection } from './report-html-findings.js';
import { ladderSvg } from './report-html-ladder.js';
import { renderMessage } from './report-html-message.js';

/**
 * A block rendered elsewhere, shown as preformatted text: the resolver tree and the TLS report of
 * a probe (formatResolveTree(result, PLAIN), the TLS lines), or anything else a command has.
 * ANSI colour codes are removed and the text is escaped like everything else.
 */
export interface ReportSection {
  /** Short id for the anchor (#section-<id>), e.g. "resolve", "tls". */
  id: string;
  title: string;
  text: string;
  /** Colours the section's border: how it went. */
  severity?: Severity | 'ok';
}

export interface HtmlReportInput {
  /** Messages grouped into calls (buildFlow). */
  flow: Flow;
  /** Findings of runRules over that flow. */
  findings: readonly Finding[];
  /** Metadata of every rule (RULES' meta): descriptions, references and fixes. */
  rules: readonly RuleMeta[];
  /** docs/rules/<id>.md text by rule id (read by the caller; this module does no I/O). */
  ruleDocs?: Readonly<Record<string, string>>;
  /** Extra sections before the calls (probe: resolver tree, TLS report). */
  sections?: readonly ReportSection[];
  /** The inputs read, for the header. */
  inputs?: ReadonlyArray<{ file: string; messages: number }>;
  title?: string;
  /** siptool's version and the command that made the report, for the header. */
  generator?: { version: string; command?: string };
  /** When the report was made (ISO 8601), passed in so the output is deterministic. */
  generatedAt?: string;
  /** Calls shown open at first (default: all of them when there are at most 3). */
  openCalls?: number;
  /**
   * Keep each call's ladder and messages out of the page until the call is opened (needs the
   * inline script): gzip-compressed in base64 data blocks of LAZY_CHUNK calls, so a large
   * report is a fraction of the size and the browser parses little. Default: when there are
   * more than LAZY_CALLS calls.
   */
  lazy?: boolean;
}

/** Above this many calls, calls are filled in when opened (see HtmlReportInput.lazy). */
export const LAZY_CALLS = 100;
/** Calls per compressed data block in a lazy report. */
export const LAZY_CHUNK = 100;

/** A call with more messages than this draws its first MAX_LADDER_ROWS in the ladder (all are listed). */
export const MAX_LADDER_ROWS = 1000;

function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('base64');
}

/** Allows the report's own style and script (by hash) and nothing else: no network, no other script. */
export const REPORT_CSP = `default-src 'none'; style-src 'sha256-${sha256(REPORT_CSS)}'; script-src 'sha256-${sha256(REPORT_SCRIPT)}'; img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'`;

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

function counts(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

function badges(findings: readonly Finding[]): string {
  const c = counts(findings);
  return (['error', 'warning', 'info'] as const)
    .filter((s) => c[s] > 0)
    .map((s) => `<span class="badge sev-${s}" title="${c[s]} ${s}(s)">${c[s]}</span>`)
    .join(' ');
}

interface CallView {
  n: number;
  call: Call;
  layout: LadderLayout;
  findings: Finding[];
  worst: Severity | undefined;
  search: string;
}

function callView(call: Call, n: number, byMessage: ReadonlyMap<number, readonly Finding[]>): CallView {
  const layout = layoutCall(call, byMessage);
  const findings = layout.rows.flatMap((r) => r.findings);
  const search = [call.callId, ...layout.hosts, ...new Set(findings.map((f) => f.ruleId)), ...new Set(layout.rows.map((r) => r.label))].join(' ').toLowerCase();
  return { n, call, layout, findings, worst: worstSeverity(findings), search };
}

function callRow(v: CallView): string {
  const first = v.layout.rows[0];
  const what = first ? first.label : '';
  const finalRow = first?.fm.message.kind !== 'request' ? undefined : v.layout.rows.find((r) => r.fm.message.kind === 'response' && r.fm.message.status >= 200 && r.fm.message.cseq?.method === first?.fm.message.cseq?.method);
  return [
    `<tr data-search="${html(v.search)}" data-worst="${v.worst ?? 'none'}">`,
    `<td>${v.n}</td>`,
    `<td><a href="#call-${v.n}" class="mono">${html(v.call.callId || '(no Call-ID)')}</a></td>`,
    `<td>${html(what)}${finalRow ? ` → ${html(finalRow.label)}` : ''}</td>`,
    `<td>${v.call.messages.length}</td>`,
    `<td class="mono">${html(v.layout.hosts.join(' · '))}</td>`,
    `<td>${badges(v.findings)}</td>`,
    `</tr>`,
  ].join('');
}

/**
 * Call bodies as inert data blocks: each holds the base64 of a gzip-compressed JSON array of
 * LAZY_CHUNK bodies. Base64 has no "<", so nothing in it can end the block or become markup.
 */
function dataBlocks(bodies: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < bodies.length; i += LAZY_CHUNK) {
    const packed = gzipSync(Buffer.from(JSON.stringify(bodies.slice(i, i + LAZY_CHUNK)), 'utf8')).toString('base64');
    out.push(`<script type="application/x-siptool-calls" id="calls-${i / LAZY_CHUNK}" data-first="${i + 1}">${packed}</script>`);
  }
  return out.join('\n');
}

/** A call's <details>; in a lazy report its body goes to `bodies` instead of the page. */
function callDetails(v: CallView, open: boolean, bodies: string[] | undefined): string {
  const lazy = bodies !== undefined;
  const rows = v.layout.rows.length > MAX_LADDER_ROWS ? { ...v.layout, rows: v.layout.rows.slice(0, MAX_LADDER_ROWS) } : v.layout;
  const t0 = v.layout.rows.find((r) => r.fm.time !== undefined)?.fm.time;
  const notes: string[] = [];
  if (v.layout.folded) notes.push(`More than ${v.layout.hosts.length} hosts: the rest are drawn in the last column.`);
  if (rows !== v.layout) notes.push(`The ladder shows the first ${MAX_LADDER_ROWS} of ${v.layout.rows.length} messages; all are listed below it.`);
  const body = [
    notes.map((t) => `<p class="note">${t}</p>`).join(''),
    `<div class="ladder-wrap">${ladderSvg(rows, v.n)}</div>`,
    `<div class="messages">`,
    v.layout.rows.map((r) => renderMessage(r.fm, r.findings, t0, !lazy)).join('\n'),
    `</div>`,
  ].join('\n');
  // a lazy call's body goes to the data blocks, in call order (call n is bodies[n - 1])
  if (lazy) bodies.push(body);
  return [
    `<details class="call${v.worst ? ` sev-${v.worst}` : ''}" id="call-${v.n}" data-search="${html(v.search)}" data-worst="${v.worst ?? 'none'}"${lazy ? ' data-lazy="1"' : ''}${open ? ' open' : ''}>`,
    `<summary>Call ${v.n} · <span class="mono">${html(v.call.callId || '(no Call-ID)')}</span> · ${v.call.messages.length} message(s) ${badges(v.findings)}</summary>`,
    `<div class="call-body">${lazy ? `<p class="note">Loading… (a large report draws a call when it is opened, with its script enabled)</p>` : body}</div></details>`,
  ].join('\n');
}

function sectionBlock(s: ReportSection): string {
  const id = s.id.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  return `<section class="extra${s.severity ? ` sev-${s.severity}` : ''}" id="section-${id}"><h2>${html(s.title)}</h2><pre>${html(s.text.replace(ANSI, ''))}</pre></section>`;
}

/**
 * The report as one self-contained HTML document: a summary, the calls as a filterable table,
 * per call an SVG ladder and every message expandable to its full text with the problem lines
 * marked, the findings, and the documentation of each rule that found something. No external
 * resource of any kind; a Content-Security-Policy that admits only the inline style and script.
 */
export function formatReportHtml(input: HtmlReportInput): string {
  const byMessage = findingsByMessage(input.findings);
  const views = input.flow.calls.map((c, i) => callView(c, i + 1, byMessage));
  const callOf = new Map<number, number>();
  for (const v of views) for (const fm of v.call.messages) callOf.set(fm.index, v.n);
  const openCalls = input.openCalls ?? (views.length <= 3 ? views.length : 0);
  const bodies = (input.lazy ?? views.length > LAZY_CALLS) ? ([] as string[]) : undefined;
  const c = counts(input.findings);
  const title = input.title ?? 'siptool report';
  const generator = input.generator ? `siptool ${html(input.generator.version)}${input.generator.command ? ` · <code>${html(input.generator.command)}</code>` : ''}` : 'siptool';
  const inputs = (input.inputs ?? []).map((i) => `${html(i.file)} (${i.messages} message${i.messages === 1 ? '' : 's'})`).join(', ');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="siptool">`,
    `<title>${html(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head><body>',
    `<header><h1>${html(title)}</h1><p class="meta">${generator}${input.generatedAt ? ` · ${html(input.generatedAt)}` : ''}${inputs ? ` · ${inputs}` : ''}</p>`,
    `<div class="summary" id="summary"><span>${views.length} call(s)</span><span>${input.flow.messages.length} message(s)</span><span class="sev-error">${c.error} error(s)</span><span class="sev-warning">${c.warning} warning(s)</span><span class="sev-info">${c.info} note(s)</span></div></header>`,
    ...(input.sections ?? []).map(sectionBlock),
    `<div class="toolbar" id="toolbar" hidden><input id="filter" type="search" placeholder="filter calls: Call-ID, host, rule id, method…" aria-label="filter calls"><select id="severity" aria-label="minimum severity"><option value="none">all calls</option><option value="info">with findings</option><option value="warning">warnings and errors</option><option value="error">errors</option></select><button id="expand" type="button">expand</button><button id="collapse" type="button">collapse</button><span id="shown" class="meta"></span></div>`,
    `<section id="calls"><h2>Calls <span class="count">${views.length}</span></h2>`,
    `<table class="calls"><thead><tr><th>#</th><th>Call-ID</th><th>first request → final response</th><th>messages</th><th>hosts</th><th>findings</th></tr></thead><tbody>`,
    views.map(callRow).join('\n'),
    `</tbody></table></section>`,
    `<section id="flows"><h2>Call flows</h2><p class="note">Click an arrow to open its message; lines with findings are highlighted and the exact part marked.</p>`,
    views.map((v) => callDetails(v, v.n <= openCalls, bodies)).join('\n'),
    `</section>`,
    bodies ? dataBlocks(bodies) : '',
    findingsSection(input.findings, callOf),
    rulesSection(input.findings, input.rules, input.ruleDocs ?? {}),
    `<footer><p class="meta">Made by siptool. This file is self-contained: it loads nothing and sends nothing.</p></footer>`,
    `<script>${REPORT_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
