import type { AnySipMessage } from '../core/message.js';
import type { Problem, Severity } from '../core/problems.js';
import { escapeControls, hideUriPasswords } from '../core/syntax/chars.js';
import { describeHeader, describeUri } from './describe-header.js';
import type { Palette } from './palette.js';

export interface TreeOptions {
  /** Print the body (text bodies line by line, binary ones as a size). */
  body: boolean;
  /** Print what each parsed header value means, under the header. */
  values: boolean;
  minSeverity: Severity;
  /** Longest body shown, in lines. */
  maxBodyLines?: number;
}

/** A header value fit to print: control characters escaped, passwords and digest responses hidden. */
function hideSecrets(name: string, value: string): string {
  const v = name === 'Authorization' || name === 'Proxy-Authorization' ? value.replace(/(response\s*=\s*)("[^"]*"|[^,\s]+)/i, '$1"(hidden)"') : value;
  return hideUriPasswords(escapeControls(v));
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function severityAtLeast(s: Severity, min: Severity): boolean {
  return RANK[s] >= RANK[min];
}

export function formatProblem(p: Problem, c: Palette): string {
  const sev = p.severity === 'error' ? c.error('error  ') : p.severity === 'warning' ? c.warning('warning') : c.info('info   ');
  return `${c.dim(`${p.line}:${p.column}`.padStart(7))}  ${sev}  ${p.message}  ${c.dim(p.code)}`;
}

/** Decoded for display: latin1 bytes read as UTF-8, control characters escaped. */
function shown(latin1: string): string {
  return hideUriPasswords(escapeControls(/[\x80-\xff]/.test(latin1) ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1));
}

/**
 * A readable view of one message, like a source listing: line numbers in the gutter, each
 * header with what it means underneath, the body, then the problems with their positions.
 */
export function formatMessageTree(msg: AnySipMessage | undefined, problems: readonly Problem[], c: Palette, opts: TreeOptions): string {
  const out: string[] = [];
  if (msg) {
    const first = msg.source?.position.line ?? 1;
    const gutter = (n: number | string): string => c.dim(String(n).padStart(5) + ' │ ');
    const under = c.dim('      │   ↳ ');
    out.push(gutter(first) + c.bold(msg.source ? shown(msg.source.startLine) : hideUriPasswords(escapeControls(msg.startLine))));
    if (opts.values && msg.kind === 'request') out.push(under + c.dim('Request-URI: ' + describeUri(msg.requestUri)));
    for (const h of msg.headers) {
      const alias = h.rawName.length === 1 && h.rawName !== h.name ? c.dim(` (${h.name})`) : '';
      out.push(gutter(h.line) + c.name(h.rawName) + alias + c.dim(': ') + c.value(hideSecrets(h.name, h.value)));
      if (opts.values) {
        const d = describeHeader(h);
        if (d) out.push(under + c.dim(escapeControls(d)));
      }
    }
    if (msg.body.length > 0) {
      const ct = msg.contentType;
      out.push(c.dim(`      │ body: ${ct ? `${ct.type}/${ct.subtype}` : 'no Content-Type'}, ${msg.body.length} bytes`));
      if (opts.body) out.push(...formatBody(msg.body, c, opts.maxBodyLines ?? 80));
    }
  }
  const visible = problems.filter((p) => severityAtLeast(p.severity, opts.minSeverity));
  if (visible.length > 0) {
    out.push(c.bold('  problems'));
    for (const p of visible) out.push(formatProblem(p, c));
  }
  return out.join('\n');
}

function formatBody(body: Buffer, c: Palette, maxLines: number): string[] {
  const text = body.toString('utf8');
  if (text.includes('\uFFFD') || /[\x00-\x08\x0e-\x1f]/.test(text)) return [c.dim(`      │   (binary, ${body.length} bytes; --json shows it as base64)`)];
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
  const out = lines.slice(0, maxLines).map((l) => c.dim('      │   ') + hideUriPasswords(escapeControls(l.replace(/\r$/, ''))));
  if (lines.length > maxLines) out.push(c.dim(`      │   … ${lines.length - maxLines} more lines`));
  return out;
}
