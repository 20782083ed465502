import { exactCanonicalAt, canonicalName } from './header-names.js';
import { HeaderField } from './header-field.js';
import type { ParseLimits } from './limits.js';
import type { ProblemCode } from './problems.js';
import { CHAR, TOKEN } from './syntax/chars.js';

export interface HeadIssue {
  code: ProblemCode;
  message: string;
  /** Index in the head text. */
  index: number;
}

/** The start line and header fields of one message, read from its decoded head text. */
export interface Head {
  startLine: string;
  startLineEol: string;
  fields: HeaderField[];
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

function clip(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

/**
 * Splits a head (latin1 text starting at the start line) into the start line and header fields:
 * folded continuation lines joined to their field, CRLF or bare LF line ends, names checked and
 * canonicalised. This is the hot loop of the parser: no closures, no per-line allocations but
 * the field itself, names matched in place.
 */
export function readHead(text: string, base: number, firstLine: number, limits: ParseLimits): Head {
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
  } else if (nl > 0 && text.charCodeAt(nl - 1) === 13) {
    startLine = text.slice(0, nl - 1);
    startLineEol = CRLF;
  } else {
    startLine = text.slice(0, nl);
    startLineEol = LF;
    firstBareLf = nl;
  }
  if (startLine.length > limits.maxHeaderBytes) {
    issues.push({ code: 'SIP_LIMIT_EXCEEDED', message: `the start line is longer than ${limits.maxHeaderBytes} bytes`, index: limits.maxHeaderBytes });
  }
  const fields: HeaderField[] = [];
  let pos = nl + 1;
  let line = firstLine + 1;
  // the field being read (its continuation lines may follow)
  let fStart = -1;
  let fColon = 0;
  let fEnd = 0;
  let fLine = 0;
  let fCrlf = true;
  let fRaw = '';
  let fName = '';
  let headEnd = len;
  let bodyStart = len;
  let complete = false;
  let blankLineEol = '';
  let limitHit = false;
  let truncated = false;
  for (;;) {
    if (pos >= len) {
      truncated = true;
      break;
    }
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
    let le = next;
    let crlf = false;
    if (next < len) {
      if (next > pos && text.charCodeAt(next - 1) === 13) {
        le = next - 1;
        crlf = true;
      } else if (firstBareLf < 0) firstBareLf = next;
    }
    if (le === pos) {
      if (next >= len) break; // a lone CR at the very end: not a complete empty line
      headEnd = pos;
      bodyStart = next + 1;
      blankLineEol = crlf ? CRLF : LF;
      complete = true;
      break;
    }
    const c0 = text.charCodeAt(pos);
    if (c0 === 32 || c0 === 9) {
      if (fStart >= 0) {
        // continuation line (RFC 3261 §7.3.1: folding is LWS)
        fEnd = le;
        fCrlf = crlf;
      } else {
        issues.push({ code: 'SIP_HEADER_SYNTAX', message: fields.length === 0 ? 'the first header line starts with whitespace (a continuation of nothing)' : 'a continuation line after a broken header line', index: pos });
      }
    } else {
      if (fStart >= 0) {
        fields.push(makeField(text, base, fStart, fColon, fEnd, fLine, fCrlf, fRaw, fName));
        fStart = -1;
      }
      if (fields.length >= limits.maxHeaders) {
        issues.push({ code: 'SIP_LIMIT_EXCEEDED', message: `more than ${limits.maxHeaders} header fields; the rest was not read`, index: pos });
        limitHit = true;
        break;
      }
      // header-name HCOLON: a token, optional whitespace, ":"
      let i = pos;
      while (i < le) {
        const c = text.charCodeAt(i);
        if (c < 256 && (CHAR[c]! & TOKEN) !== 0) i++;
        else break;
      }
      let ne = i;
      while (i < le && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
      if (i < le && text.charCodeAt(i) === 58 /* : */ && ne > pos) {
        const n = ne - pos;
        if (n === 1) {
          fRaw = text[pos]!;
          fName = canonicalName(fRaw);
        } else {
          const exact = exactCanonicalAt(text, pos, ne);
          if (exact !== undefined) fRaw = fName = exact;
          else {
            fRaw = text.slice(pos, ne);
            fName = canonicalName(fRaw);
          }
        }
        fStart = pos;
        fColon = i;
        fEnd = le;
        fLine = line;
        fCrlf = crlf;
      } else {
        const colon = text.indexOf(':', pos);
        if (colon < 0 || colon > le) {
          issues.push({ code: 'SIP_HEADER_NO_COLON', message: `header line "${clip(text.slice(pos, le))}" has no colon`, index: pos });
        } else {
          // find where the name stops being a token, for the message
          while (ne > pos && (text.charCodeAt(ne - 1) === 32 || text.charCodeAt(ne - 1) === 9)) ne--;
          const shown = text.slice(pos, colon).trimEnd();
          issues.push({ code: 'SIP_HEADER_NAME_INVALID', message: shown === '' ? 'a header line starts with ":" (no name)' : `header name "${clip(shown)}" is not a token`, index: pos });
        }
      }
    }
    pos = next + 1;
    line++;
  }
  if (fStart >= 0) fields.push(makeField(text, base, fStart, fColon, fEnd, fLine, fCrlf, fRaw, fName));
  return { startLine, startLineEol, fields, headEnd, bodyStart, complete, blankLineEol, firstBareLf, limitHit, truncated, issues };
}

function makeField(text: string, base: number, start: number, colon: number, end: number, line: number, crlf: boolean, raw: string, name: string): HeaderField {
  let vs = colon + 1;
  while (vs < end) {
    const c = text.charCodeAt(vs);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
    vs++;
  }
  return new HeaderField(name, raw, line, text, base, start, vs, end, crlf, null);
}
