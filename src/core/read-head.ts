import { canonicalColonAt, canonicalName, exactCanonicalAt } from './header-names.js';
import { HeadIndex, SPAN } from './head-index.js';
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

const NO_ISSUES: HeadIssue[] = [];

/** Name lists handed out lately (read-only, shared by the heads that have the same names in order). */
const RECENT_NAMES: string[][] = [];
let nextNames = 0;

/**
 * names[0..count) as an array, the one of a recent head with the same names when there is one:
 * the messages of a capture repeat a few layouts, and a held message (explain holds calls for
 * seconds) then keeps no list of its own. Known names are the table's own strings, so most
 * compares end at the reference.
 */
function sharedNames(names: string[], count: number): string[] {
  for (let r = 0; r < RECENT_NAMES.length; r++) {
    const recent = RECENT_NAMES[r]!;
    if (recent.length !== count) continue;
    let i = 0;
    while (i < count && recent[i] === names[i]) i++;
    if (i === count) return recent;
  }
  const out = names.slice(0, count);
  if (RECENT_NAMES.length < 8) RECENT_NAMES.push(out);
  else RECENT_NAMES[nextNames] = out;
  nextNames = (nextNames + 1) & 7;
  return out;
}

/**
 * Per-field spans (SPAN numbers each) and canonical names of the head being read, reused from
 * one call to the next (readHead runs to its end without calling out, so it is never re-entered);
 * each call copies its part out. Growing them is rare: they start with room for 64 fields.
 */
let SPANS: number[] = new Array<number>(SPAN * 64).fill(0);
const NAMES: string[] = new Array<string>(64).fill('');

function growSpans(): number[] {
  SPANS = SPANS.concat(new Array<number>(SPANS.length).fill(0));
  return SPANS;
}

function addIssue(issues: HeadIssue[] | null, issue: HeadIssue): HeadIssue[] {
  issues ??= [];
  if (issues.length < MAX_ISSUES) issues.push(issue);
  else if (issues.length === MAX_ISSUES) issues.push({ code: 'SIP_LIMIT_EXCEEDED', message: `more than ${MAX_ISSUES} broken header lines; the rest are not listed`, index: issue.index, severity: 'warning' });
  return issues;
}


/**
 * Splits a head (latin1 text starting at the start line) into the start line and header fields:
 * folded continuation lines joined to their field, CRLF or bare LF line ends, names checked and
 * canonicalised. This is the hot loop of the parser: no closures, no per-line allocations but
 * the field itself, names matched in place.
 */
export function readHead(text: string, bytes: Uint8Array, base: number, firstLine: number, limits: ParseLimits): Head {
  let issues: HeadIssue[] | null = null;
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
      issues = [{ code: 'SIP_LIMIT_EXCEEDED', message: `the start line is longer than ${limits.maxHeaderBytes} bytes; the message was not read`, index: limits.maxHeaderBytes }];
      return { startLine: text.slice(0, 200), startLineEol, index: new HeadIndex(text, bytes, base, [], [], null), headEnd: len, bodyStart: len, complete: false, blankLineEol: '', firstBareLf, limitHit: true, truncated: false, issues };
    }
  } else if (nl > 0 && bytes[base + nl - 1] === 13) {
    startLine = text.slice(0, nl - 1);
    startLineEol = CRLF;
  } else {
    startLine = text.slice(0, nl);
    startLineEol = LF;
    firstBareLf = nl;
  }
  // spans and names are written into buffers kept between calls, then copied out at their size
  let sp = SPANS;
  let nsp = 0;
  const names = NAMES;
  let count = 0;
  /** The names as written, only once one differs from its canonical name (compact forms, other case). */
  let rawNames: string[] | null = null;
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
  // single characters are read from the bytes (text[i] is bytes[base + i]): cheaper than charCodeAt
  let c0 = pos < len ? bytes[base + pos]! : 0;
  while (pos < len) {
    let next = text.indexOf('\n', pos);
    if (next < 0) {
      if (len >= limits.maxHeaderBytes) {
        (issues ??= []).push({ code: 'SIP_LIMIT_EXCEEDED', message: `the header section is longer than ${limits.maxHeaderBytes} bytes; the rest was not read`, index: pos });
        limitHit = true;
        break;
      }
      truncated = true;
      next = len;
    }
    let crlf = next > pos && next < len && bytes[base + next - 1] === 13;
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
    if (c0 === 32 || c0 === 9) {
      issues = addIssue(issues, { code: 'SIP_HEADER_SYNTAX', message: count === 0 ? 'the first header line starts with whitespace (a continuation of nothing)' : 'a continuation line after a broken header line', index: pos });
      pos = next + 1;
      line++;
      c0 = pos < len ? bytes[base + pos]! : 0;
      continue;
    }
    // continuation lines (RFC 3261 §7.3.1: folding is LWS) belong to this field
    c0 = next + 1 < len ? bytes[base + next + 1]! : 0;
    while (c0 === 32 || c0 === 9) {
      let n2 = text.indexOf('\n', next + 1);
      if (n2 < 0) {
        if (len >= limits.maxHeaderBytes) break;
        truncated = true;
        n2 = len;
      }
      line++;
      next = n2;
      crlf = next < len && bytes[base + next - 1] === 13;
      le = crlf ? next - 1 : next;
      if (!crlf && next < len && firstBareLf < 0) firstBareLf = next;
      c0 = next + 1 < len ? bytes[base + next + 1]! : 0;
    }
    if (count >= maxHeaders) {
      (issues ??= []).push({ code: 'SIP_LIMIT_EXCEEDED', message: `more than ${maxHeaders} header fields; the rest was not read`, index: pos });
      limitHit = true;
      break;
    }
    // header-name HCOLON: a token, optional whitespace, ":". Fast path: a canonical name
    // directly followed by ":". Otherwise the next colon is searched for (and remembered, so
    // lines without one do not make every search run to the end of the text).
    let name = canonicalColonAt(bytes, base + pos, base + le);
    let raw = '';
    let colon: number;
    let ne: number;
    if (name !== undefined) {
      raw = name;
      colon = pos + name.length;
      ne = colon;
    } else {
      if (nextColon < pos && nextColon !== -1) nextColon = text.indexOf(':', pos);
      colon = nextColon;
      ne = colon;
      while (ne > pos && (bytes[base + ne - 1] === 32 || bytes[base + ne - 1] === 9)) ne--;
      if (colon >= 0 && colon < le && ne > pos) {
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
    }
    if (name !== undefined) {
      if (nsp + SPAN > sp.length) sp = growSpans();
      sp[nsp] = pos;
      sp[nsp + 1] = colon;
      sp[nsp + 2] = le;
      sp[nsp + 3] = lineNo;
      sp[nsp + 4] = (crlf ? 1 : 0) | (line !== lineNo ? 2 : 0);
      nsp += SPAN;
      if (raw !== name && rawNames === null) rawNames = names.slice(0, count);
      if (count < names.length) names[count] = name;
      else names.push(name);
      count++;
      if (rawNames !== null) rawNames.push(raw);
    } else if (colon < 0 || colon > le) {
      issues = addIssue(issues, { code: 'SIP_HEADER_NO_COLON', message: `header line "${printableClip(text.slice(pos, le))}" has no colon`, index: pos });
    } else {
      const shown = text.slice(pos, colon).trimEnd();
      issues = addIssue(issues, { code: 'SIP_HEADER_NAME_INVALID', message: shown === '' ? 'a header line starts with ":" (no name)' : `header name "${printableClip(shown)}" is not a token`, index: pos });
    }
    pos = next + 1;
    line++;
  }
  if (pos >= len && !complete && !limitHit) truncated = true;
  const index = new HeadIndex(text, bytes, base, sp.slice(0, nsp), sharedNames(names, count), rawNames);
  return { startLine, startLineEol, index, headEnd, bodyStart, complete, blankLineEol, firstBareLf, limitHit, truncated, issues: issues ?? NO_ISSUES };
}
