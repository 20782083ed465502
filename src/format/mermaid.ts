import { hideUriPasswords } from '../core/syntax/chars.js';
import type { Flow } from '../explain/build-flow.js';
import type { Finding } from '../explain/rule.js';
import { findingsByMessage, layoutCall, type LadderLayout } from './ladder-layout.js';

const PLAIN_TEXT = /^[A-Za-z0-9 .@_+/()[\]=*!?~,:-]$/;
/** In a participant line ":" and "," would read as syntax too. */
const PLAIN_NAME = /^[A-Za-z0-9 .@_+/()[\]=*!?~-]$/;

/**
 * Text safe inside a Mermaid sequence diagram (participant label, message, note). Mermaid has no
 * backslash escapes: it decodes entity codes (#35; for "#", #59; for ";"), so every character
 * outside a plain set becomes one. That covers ";" (a statement break), "#" and "%" (entity and
 * comment syntax), "<" and ">" (HTML in labels), quotes, control characters and line breaks,
 * and in participant names also ":" and ",". URI passwords are hidden.
 */
export function mermaidText(text: string, kind: 'text' | 'name' = 'text'): string {
  const s = hideUriPasswords(text);
  const plain = kind === 'name' ? PLAIN_NAME : PLAIN_TEXT;
  let out = '';
  for (const ch of s) {
    out += plain.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  }
  // a label that is empty or starts or ends with a space trips the parser
  return out.trim() === '' ? '#160;' : out.replace(/^ | $/g, '#32;');
}

function callDiagram(layout: LadderLayout): string {
  const out: string[] = ['sequenceDiagram'];
  if (layout.callId) out.push(`  %% Call-ID ${mermaidText(layout.callId)}`);
  layout.hosts.forEach((h, i) => out.push(`  participant H${i + 1} as ${mermaidText(h, 'name')}`));
  for (const r of layout.rows) {
    const from = `H${r.fromCol + 1}`;
    const to = `H${r.toCol + 1}`;
    // requests solid, responses dashed, as in RFC 3261's own flows
    const arrow = r.fm.message.kind === 'request' ? '->>' : '-->>';
    out.push(`  ${from}${arrow}${to}: ${mermaidText(`${r.fm.index + 1}. ${r.label}`)}`);
    if (r.findings.length > 0) {
      const ids = [...new Set(r.findings.map((f) => `${f.severity === 'info' ? 'i' : '!'} ${f.ruleId}`))].join(' ');
      out.push(`  Note over ${from === to ? from : `${from},${to}`}: ${mermaidText(ids)}`);
    }
  }
  if (layout.folded) out.push(`  Note over H${layout.hosts.length}: ${mermaidText('more hosts folded into this column')}`);
  return out.join('\n');
}

/**
 * Each call (Call-ID) as a Mermaid sequenceDiagram: hosts as participants, one arrow per message
 * (requests solid, responses dashed) numbered as in the input, and a note with the rule ids of
 * each message's findings ("!" errors and warnings, "i" notes). Calls are separated by a blank
 * line; with `fenced`, each is wrapped in a ```mermaid block for Markdown.
 */
export function formatMermaid(flow: Flow, findings: readonly Finding[], opts: { fenced?: boolean } = {}): string {
  const byMessage = findingsByMessage(findings);
  return (
    flow.calls
      .map((c) => {
        const d = callDiagram(layoutCall(c, byMessage));
        return opts.fenced ? '```mermaid\n' + d + '\n```' : d;
      })
      .join('\n\n') + '\n'
  );
}
