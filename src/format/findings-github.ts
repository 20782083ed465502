import type { Severity } from '../core/problems.js';
import type { ReportMessage } from '../explain/report-message.js';
import type { Finding } from '../explain/rule.js';
import { captureFrames, framePrefix } from './capture-frames.js';
import type { ExplainReport } from './findings-json.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes a workflow-command message as the Actions runner reads it (%, CR, LF). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow-command property value (also ':' and ','). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A path as GitHub wants it in annotations: relative to the workspace, forward slashes. */
function relativePath(file: string, cwd: string): string {
  const p = file.replace(/\\/g, '/');
  const base = cwd.replace(/\\/g, '/').replace(/\/?$/, '/');
  return (p.startsWith(base) ? p.slice(base.length) : p).replace(/^\.\//, '');
}

/**
 * GitHub Actions workflow commands, one line per finding:
 * `::error file=F,line=L,col=C,endColumn=E,title=RULE::message%0Afix`. Input from stdin has no
 * file property (the annotation then belongs to the run, not to a file). A finding in a capture
 * belongs to the file as a whole (no line: the file is binary), its message starts with the
 * frame and the line within the SIP message.
 */
export function formatFindingsGithub(report: ExplainReport, ctx: { cwd: string }): string {
  return githubLines(report.messages, report.findings, ctx.cwd);
}

/** The commands of some findings (formatFindingsGithub's lines), their messages' rows giving the capture frames. */
export function githubLines(rows: readonly ReportMessage[], findings: readonly Finding[], cwd: string): string {
  const out: string[] = [];
  const frames = captureFrames({ messages: rows });
  for (const f of findings) {
    const props: string[] = [];
    if (f.file !== '<stdin>') props.push(`file=${escapeProperty(relativePath(f.file, cwd))}`);
    const frame = frames.get(f.messageIndex);
    if (frame === undefined) props.push(`line=${f.fileLine}`, `col=${f.fileColumn}`, `endColumn=${f.fileColumn + f.length}`);
    props.push(`title=${escapeProperty(`${f.ruleId} (siptool)`)}`);
    const text = frame === undefined ? f.message : framePrefix(f, frame) + f.message;
    out.push(`::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(`${text}\nfix: ${f.fix}${f.ref ? ` (${f.ref})` : ''}`)}`);
  }
  return out.length > 0 ? out.join('\n') + '\n' : '';
}
