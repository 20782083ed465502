import { canonicalColonAt, canonicalName, exactCanonicalAt } from './header-names.js';
import { HeadIndex } from './head-index.js';
import type { ParseLimits } from './limits.js';
import type { ProblemCode } from './problems.js';
import { CHAR, TOKEN, printableClip } from './syntax/chars.js';

export interface HeadIssue {
  code: ProblemCode;
  message: string;
  /** Only when it differs from the code's default. */
  severity?: 'error' | 'warning' | 'info';
  /** Index in the head text. */
  index: number;
}

/** The start line and header fields of one message, read from its decoded head text. */
export interface Head {
  startLine: string;
  startLineEol: string;
  /** The header fields, as positions (HeaderField objects are built on demand). */
  index: HeadIndex;
  /** Index in text where the empty line starts, and where the body starts. */
  headEnd: number;
  bodyStart: number;
  /** True when an empty line closed the header section. */
  complete: boolean;
  blankLineEol: string;
  /** Index of the first line that ended with a bare LF, or -1. */
  firstBareLf: number;
  /** True when a size or count limit stopped the reading. */
  limitHit: boolean;
  /** True when the text ended before the header section did (and more may come). */
  truncated: boolean;
  issues: HeadIssue[];
}

const CRLF = '\r\n';
const LF = '\n';

/** Head problems kept per message (a header section of a hundred thousand broken lines is hostile). */
const MAX_ISSUES = 100;

function addIssue(issues: HeadIssue[], issue: HeadIssue): void {
  if (issues.length < MAX_ISSUES) issues.push(issue);
  else if (issues.length === MAX_ISSUES) issues.push({ code: 'SIP_LIMIT_EXCEEDED', message: `more than ${MAX_ISSUES} broken header lines; the rest are not listed`, index: issue.index, severity: 'warning' });
}


/**
 * Splits a head (latin1 text starting at the start line) into the start line and header fields:
 * folded continuation lines joined to their field, CRLF or bare LF line ends, names checked and
 * canonicalised. This is the hot loop of the parser: no closures, no per-line allocations but
 * the field itself, names matched in place.
 */
export function readHead(text: string, bytes: Uint8Array, base: number, firstLine: number, limits: ParseLimits): Head {
  const issues: HeadIssue[] = [];
  const len = text.length;
  let firstBareLf = -1;
  let nl = text.indexOf('\n');
  let startLine: string;
  let startLineEol: string;
  if (nl < 0) {
    startLine = text;
    startLineEol = '';
    nl = len;
    if (len >= limits.maxHeaderBytes) {
      // no line end within the limit: the start line itself is too long; read nothing more
      issues.push({ code: 'SIP_LIMIT_EXCEEDED', message: `the start line is longer than ${limits.maxHeaderBytes} bytes; the message was not read`, index: limits.maxHeaderBytes });
      return { startLine: text.slice(0, 200), startLineEol, index: new HeadIndex(text, bytes, base, [], [], []), headEnd: len, bodyStart: len, complete: false, blankLineEol: '', firstBareLf, limitHit: true, truncated: false, issues };
    }
  } else if (nl > 0 && text.charCodeAt(nl - 1) === 13) {
    startLine = text.slice(0, nl - 1);
    startLineEol = CRLF;
  } else {
    startLine = text.slice(0, nl);
    startLineEol = LF;
    firstBareLf = nl;
  }
  const spans: number[] = [];
  const names: string[] = [];
  const rawNames: string[] = [];
  let pos = nl + 1;
  let line = firstLine + 1;
  let headEnd = len;
  let bodyStart = len;
  let complete = false;
  let blankLineEol = '';
  let limitHit = false;
  let truncated = false;
  let nextColon = -2;
  const maxHeaders = limits.maxHeaders;
  while (pos < len) {
    let next = text.indexOf('\n', pos);
    if (next < 0) {
      if (len >= limits.maxHeaderBytes) {
        issues.push({ code: 'SIP_LIMIT_EXCEEDED', message: `the header section is longer than ${limits.maxHeaderBytes} bytes; the rest was not read`, index: pos });
        limitHit = true;
        break;
      }
      truncated = true;
      next = len;
    }
    let crlf = next > pos && next < len && text.charCodeAt(next - 1) === 13;
    let le = crlf ? next - 1 : next;
    if (!crlf && next < len && firstBareLf < 0) firstBareLf = next;
    if (le === pos) {
      if (next >= len) {
        truncated = true;
        break; // a lone CR at the very end: not a complete empty line
      }
      headEnd = pos;
      bodyStart = next + 1;
      blankLineEol = crlf ? CRLF : LF;
      complete = true;
      break;
    }
    const lineNo = line;
    const c0 = text.charCodeAt(pos);
    if (c0 === 32 || c0 === 9) {
      addIssue(issues, { code: 'SIP_HEADER_SYNTAX', message: names.length === 0 ? 'the first header line starts with whitespace (a continuation of nothing)' : 'a continuation line after a broken header line', index: pos });
      pos = next + 1;
      line++;
      continue;
    }
    // continuation lines (RFC 3261 §7.3.1: folding is LWS) belong to this field
    while (next + 1 < len) {
      const d = text.charCodeAt(next + 1);
      if (d !== 32 && d !== 9) break;
      let n2 = text.indexOf('\n', next + 1);
      if (n2 < 0) {
        if (len >= limits.maxHeaderBytes) break;
        truncated = true;
        n2 = len;
      }
      line++;
      next = n2;
      crlf = next < len && text.charCodeAt(next - 1) === 13;
      le = crlf ? next - 1 : next;
      if (!crlf && next < len && firstBareLf < 0) firstBareLf = next;
    }
    if (names.length >= maxHeaders) {
      issues.push({ code: 'SIP_LIMIT_EXCEEDED', message: `more than ${maxHeaders} header fields; the rest was not read`, index: pos });
      limitHit = true;
      break;
    }
    // header-name HCOLON: a token, optional whitespace, ":". Fast path: a canonical name
    // directly followed by ":". Otherwise the next colon is searched for (and remembered, so
    // lines without one do not make every search run to the end of the text).
    let name = canonicalColonAt(bytes, base + pos, base + le);
    let raw = '';
    let colon: number;
    if (name !== undefined) {
      raw = name;
      colon = pos + name.length;
    } else {
      if (nextColon < pos && nextColon !== -1) nextColon = text.indexOf(':', pos);
      colon = nextColon;
    }
    let ne = colon;
    while (ne > pos && (text.charCodeAt(ne - 1) === 32 || text.charCodeAt(ne - 1) === 9)) ne--;
    if (name === undefined && colon >= 0 && colon < le && ne > pos) {
      if (ne - pos === 1) {
        raw = text[pos]!;
        if ((CHAR[raw.charCodeAt(0)]! & TOKEN) !== 0) name = canonicalName(raw);
      } else {
        name = exactCanonicalAt(bytes, base + pos, base + ne);
        if (name !== undefined) raw = name;
        else {
          let i = base + pos;
          const stop = base + ne;
          while (i < stop && (CHAR[bytes[i]!]! & TOKEN) !== 0) i++;
          if (i === stop) {
            raw = text.slice(pos, ne);
            name = canonicalName(raw);
          }
        }
      }
    }
    if (name !== undefined) {
      spans.push(pos, colon, le, lineNo, (crlf ? 1 : 0) | (line !== lineNo ? 2 : 0));
      names.push(name);
      rawNames.push(raw);
    } else if (colon < 0 || colon > le) {
      addIssue(issues, { code: 'SIP_HEADER_NO_COLON', message: `header line "${printableClip(text.slice(pos, le))}" has no colon`, index: pos });
    } else {
      const shown = text.slice(pos, colon).trimEnd();
      addIssue(issues, { code: 'SIP_HEADER_NAME_INVALID', message: shown === '' ? 'a header line starts with ":" (no name)' : `header name "${printableClip(shown)}" is not a token`, index: pos });
    }
    pos = next + 1;
    line++;
  }
  if (pos >= len && !complete && !limitHit) truncated = true;
  return { startLine, startLineEol, index: new HeadIndex(text, bytes, base, spans, names, rawNames), headEnd, bodyStart, complete, blankLineEol, firstBareLf, limitHit, truncated, issues };
}
