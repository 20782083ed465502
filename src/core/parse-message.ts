import { printableClip } from './syntax/chars.js';
import { SipParseError } from './errors.js';
import { DEFAULT_LIMITS, type ParseLimits } from './limits.js';
import { SipRequest, SipResponse, type AnySipMessage, type MessageSource } from './message.js';
import { makeProblem, sortProblems, type Position, type Problem, type ProblemCode, PROBLEM_CODES } from './problems.js';
import { parseStartLine } from './start-line.js';
import { readHead } from './read-head.js';
import { validateMessage } from './validate-message.js';

export interface ParseOptions {
  /**
   * How the bytes were carried. 'datagram' (default): the input is one UDP datagram; without
   * Content-Length the body is the rest, and octets after the body are reported and ignored.
   * 'stream': Content-Length is required (RFC 3261 §18.3).
   */
  transport?: 'datagram' | 'stream';
  /** Check every header value and message-level rule (default true). False parses lazily. */
  validate?: boolean;
  limits?: Partial<ParseLimits>;
}

export interface ParseResult {
  /** The message, when a start line could be recognised (even with problems). */
  message: AnySipMessage | undefined;
  /** Every problem found, sorted by position. */
  problems: Problem[];
}

/** @internal options of readMessage */
export interface ReadOptions {
  limits: ParseLimits;
  transport: 'datagram' | 'stream';
  validate: boolean;
  /** Line number of input[start] (1-based) and whether to report octets after the body. */
  line: number;
  reportTrailing: boolean;
  /** True for the stream framer: an incomplete message gives status 'need-more' instead of problems. */
  incremental: boolean;
  /** The input is saved text (a log or paste), not wire bytes: tolerate CRLF converted to LF. */
  savedText?: boolean;
  /** Where a body without a usable Content-Length ends (defaults to `end`). */
  bodyEndWithoutLength?: (input: Buffer, bodyStart: number, end: number) => number;
}

/** @internal result of readMessage */
export interface ReadResult {
  message: AnySipMessage | undefined;
  problems: Problem[];
  /** Index after the message (after its body) in the input. */
  end: number;
  /** 'need-more' when a stream message is not complete yet (head or body). */
  status: 'complete' | 'need-more';
  /** For 'need-more' with a known length: the index where the message will end. */
  expectedEnd?: number;
  /** True when lines ended with a bare LF. */
  bareLf: boolean;
}

/** First window decoded when looking for the end of the header section; grows 4x as needed. */
const HEAD_WINDOW = 2048;

type Latin1Slicer = (this: Buffer, start: number, end: number) => string;
/** Node's Buffer#latin1Slice (what toString('latin1', ...) ends in, without its argument handling). */
const LATIN1_SLICE = (Buffer.prototype as unknown as { latin1Slice?: Latin1Slicer }).latin1Slice;

/** input[start..end) decoded latin1 (one char per byte); start and end are within the buffer. */
function latin1(input: Buffer, start: number, end: number): string {
  return LATIN1_SLICE !== undefined && input instanceof Buffer ? LATIN1_SLICE.call(input, start, end) : input.toString('latin1', start, end);
}

/**
 * Decodes (latin1) from `s` until a window holds the empty line that ends the header section,
 * growing the window so the cost stays proportional to the head, not to the input: a file of
 * many messages is never decoded to its end once per message.
 */
function decodeHead(input: Buffer, s: number, cap: number): string {
  let stop = Math.min(cap, s + HEAD_WINDOW);
  for (;;) {
    const text = latin1(input, s, stop);
    if (stop >= cap || text.indexOf('\n\r\n') >= 0 || text.indexOf('\n\n') >= 0) return text;
    stop = Math.min(cap, s + (stop - s) * 4);
  }
}

/**
 * Parses one SIP message from a Buffer or string (strings are encoded as UTF-8). Never throws
 * on bad input: everything wrong is in `problems`, each with a code, severity and position.
 */
export function parseMessage(input: Buffer | string, options?: ParseOptions): ParseResult {
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const r = readMessage(buf, 0, buf.length, options === undefined ? DEFAULT_READ : readOptions(options));
  return { message: r.message, problems: r.problems };
}

function readOptions(options: ParseOptions): ReadOptions {
  if (options.limits === undefined && options.transport === undefined) return options.validate === false ? LAZY_READ : DEFAULT_READ;
  return {
    limits: options.limits === undefined ? DEFAULT_LIMITS : { ...DEFAULT_LIMITS, ...options.limits },
    transport: options.transport ?? 'datagram',
    validate: options.validate ?? true,
    line: 1,
    reportTrailing: true,
    incremental: false,
  };
}

const DEFAULT_READ: ReadOptions = { limits: DEFAULT_LIMITS, transport: 'datagram', validate: true, line: 1, reportTrailing: true, incremental: false };
const LAZY_READ: ReadOptions = { ...DEFAULT_READ, validate: false };

/**
 * Parses one SIP message strictly: throws SipParseError (with the problem's code and position)
 * on the first error-level problem.
 */
export function parseMessageOrThrow(input: Buffer | string, options: ParseOptions = {}): AnySipMessage {
  const { message, problems } = parseMessage(input, options);
  const first = problems.find((p) => p.severity === 'error');
  if (first) throw new SipParseError(first);
  if (!message) throw new SipParseError(makeProblem('SIP_EMPTY_MESSAGE', 'no SIP message in the input', { line: 1, column: 1, offset: 0 }));
  return message;
}

class LineIndex {
  private readonly text: string;
  private readonly base: number;
  private readonly firstLine: number;
  private newlines: number[] | null = null;

  constructor(text: string, base: number, firstLine: number) {
    this.text = text;
    this.base = base;
    this.firstLine = firstLine;
  }

  /** Position of text index i (newlines are indexed once, on the first call). */
  at(i: number): Position {
    if (this.newlines === null) {
      this.newlines = [];
      for (let k = this.text.indexOf('\n'); k >= 0; k = this.text.indexOf('\n', k + 1)) this.newlines.push(k);
    }
    const nl = this.newlines;
    let lo = 0;
    let hi = nl.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (nl[mid]! < i) lo = mid + 1;
      else hi = mid;
    }
    const lineStart = lo === 0 ? 0 : nl[lo - 1]! + 1;
    return { line: this.firstLine + lo, column: i - lineStart + 1, offset: this.base + i };
  }
}

/** @internal Reads one message from input[start..end). */
export function readMessage(input: Buffer, start: number, end: number, opts: ReadOptions): ReadResult {
  const problems: Problem[] = [];
  const { limits } = opts;
  let line = opts.line;
  // RFC 3261 §7.5: CRLFs before the start line are ignored (also keep-alives on streams)
  let s = start;
  while (s < end && (input[s] === 13 || input[s] === 10)) {
    if (input[s] === 10) line++;
    s++;
  }
  if (s > start && s < end && opts.transport === 'datagram') {
    problems.push(makeProblem('SIP_LEADING_CRLF', 'empty lines before the start line were ignored', { line: opts.line, column: 1, offset: start }));
  }
  if (s >= end) {
    if (opts.incremental) return { message: undefined, problems: [], end, status: 'need-more', bareLf: false };
    problems.push(makeProblem('SIP_EMPTY_MESSAGE', 'no SIP message in the input', { line: opts.line, column: 1, offset: start }));
    return { message: undefined, problems, end, status: 'complete', bareLf: false };
  }

  // The header section ends at the first empty line; decode at most the limit (+ a little).
  const cap = Math.min(end, s + limits.maxHeaderBytes + 4);
  const text = decodeHead(input, s, cap);
  const lines = new LineIndex(text, s, line);
  const head = readHead(text, input, s, line, limits);
  const atInputEnd = text.length === end - s;
  if (opts.incremental && head.truncated && atInputEnd && text.length < limits.maxHeaderBytes) {
    return { message: undefined, problems: [], end, status: 'need-more', bareLf: head.firstBareLf >= 0 };
  }
  for (const issue of head.issues) problems.push(makeProblem(issue.code, issue.message, lines.at(issue.index), undefined, issue.severity));
  const sl = parseStartLine(head.startLine);
  for (const p of sl.problems) problems.push(makeProblem(p.code, p.message, lines.at(p.index)));
  const index = head.index;
  const headComplete = head.complete;
  const limitHit = head.limitHit;
  const headEnd = head.headEnd;
  const bareLf = head.firstBareLf >= 0;
  if (!headComplete && !limitHit) {
    problems.push(makeProblem('SIP_HEADERS_UNTERMINATED', 'the header section is not closed by an empty line', lines.at(text.length)));
  }
  if (bareLf) problems.push(makeProblem('SIP_LINE_ENDING_LF', 'lines end with a bare LF instead of CRLF', lines.at(head.firstBareLf)));

  // body framing by Content-Length (RFC 3261 §18.3, §20.14)
  const bodyStart = s + head.bodyStart;
  let length: number | null = null;
  let lengthField: number | undefined;
  for (let i = index.find('Content-Length'); i >= 0; i = index.find('Content-Length', i + 1)) {
    const n = contentLengthOf(index.bytes, index.base + index.valueStart(i), index.base + index.valueEnd(i));
    if (n === null) {
      problems.push(makeProblem('SIP_CONTENT_LENGTH_INVALID', `Content-Length "${printableClip(index.field(i).value)}" is not a non-negative integer`, index.field(i).valuePosition, 'Content-Length'));
      length = -1;
      break;
    }
    if (lengthField !== undefined && n !== length) {
      problems.push(makeProblem('SIP_CONTENT_LENGTH_CONFLICT', `Content-Length ${n} disagrees with the earlier Content-Length ${length}`, index.field(i).valuePosition, 'Content-Length'));
      length = -1;
      break;
    }
    length = n;
    lengthField = i;
  }
  let bodyEnd: number;
  let lfEnd = -1;
  const avail = end - bodyStart;
  if (limitHit) {
    bodyEnd = bodyStart;
  } else if (length !== null && length >= 0) {
    if (length > limits.maxBodyBytes) {
      problems.push(makeProblem('SIP_LIMIT_EXCEEDED', `Content-Length ${length} is above the body limit of ${limits.maxBodyBytes} bytes`, index.field(lengthField!).valuePosition, 'Content-Length'));
      bodyEnd = Math.min(end, bodyStart + limits.maxBodyBytes);
    } else if (bareLf && opts.savedText && (lfEnd = lfConvertedEnd(input, bodyStart, end, length)) >= 0) {
      // text saved with LF line endings: Content-Length still counts the CRs that were dropped
      bodyEnd = lfEnd;
    } else if (length > avail) {
      if (opts.incremental) return { message: undefined, problems: [], end, status: 'need-more', expectedEnd: bodyStart + length, bareLf };
      problems.push(makeProblem('SIP_BODY_TRUNCATED', `Content-Length is ${length} but only ${avail} body bytes follow`, index.field(lengthField!).valuePosition, 'Content-Length'));
      bodyEnd = end;
    } else {
      bodyEnd = bodyStart + length;
    }
  } else {
    if (length === null && opts.transport === 'stream') {
      problems.push(makeProblem('SIP_CONTENT_LENGTH_MISSING', 'no Content-Length on a stream transport: the body is taken as empty', lines.at(headEnd), undefined, 'error'));
      bodyEnd = bodyStart;
    } else {
      bodyEnd = opts.bodyEndWithoutLength ? opts.bodyEndWithoutLength(input, bodyStart, end) : end;
      if (bodyEnd - bodyStart > limits.maxBodyBytes) {
        problems.push(makeProblem('SIP_LIMIT_EXCEEDED', `the body is above the limit of ${limits.maxBodyBytes} bytes`, lines.at(headEnd), undefined));
        bodyEnd = bodyStart + limits.maxBodyBytes;
      }
      if (length === null && headComplete) {
        problems.push(makeProblem('SIP_CONTENT_LENGTH_MISSING', opts.savedText ? 'no Content-Length: the body is taken up to the next message' : 'no Content-Length: the body is taken as the rest of the datagram', lines.at(headEnd)));
      }
    }
  }
  if (opts.reportTrailing && bodyEnd < end && !limitHit) {
    const rest = input.subarray(bodyEnd, end);
    const onlyWs = rest.every((b) => b === 13 || b === 10 || b === 32 || b === 9);
    const bodyLines = countNewlines(input, bodyStart, bodyEnd);
    const at = { line: lines.at(headEnd).line + 1 + bodyLines, column: 1, offset: bodyEnd };
    problems.push(
      makeProblem(
        'SIP_TRAILING_OCTETS',
        length !== null && length >= 0 ? `${end - bodyEnd} octet(s) after the body (per Content-Length) were ignored` : `${end - bodyEnd} octet(s) after the body were ignored`,
        at,
        undefined,
        onlyWs ? 'info' : PROBLEM_CODES.SIP_TRAILING_OCTETS.severity,
      ),
    );
  }

  let message: AnySipMessage | undefined;
  const source: MessageSource = {
    input,
    start: s,
    end: bodyEnd,
    headEnd: s + headEnd,
    bodyStart,
    startLine: head.startLine,
    startLineEol: head.startLineEol,
    blankLineEol: head.blankLineEol,
    position: { line, column: 1, offset: s },
    headerCount: index.count,
  };
  const l = sl.line;
  if (l.kind === 'request') message = new SipRequest(l.method, l.uri, l.version, index, null, source);
  else if (l.kind === 'response') message = new SipResponse(l.status, latin1Utf8(l.reason), l.version, index, null, source);
  if (message && opts.validate) validateMessage(message, problems, { transport: opts.transport, headComplete });
  return { message, problems: problems.length > 1 ? sortProblems(problems) : problems, end: bodyEnd, status: 'complete', bareLf };
}

/** Content-Length digits in b[start..end) (leading zeros and whitespace allowed), or null. */
function contentLengthOf(b: Uint8Array, start: number, end: number): number | null {
  let i = start;
  let e = end;
  while (i < e && (b[i] === 32 || b[i] === 9)) i++;
  while (e > i && (b[e - 1] === 32 || b[e - 1] === 9 || b[e - 1] === 13 || b[e - 1] === 10)) e--;
  if (i === e) return null;
  let n = 0;
  for (; i < e; i++) {
    const c = b[i]! - 48;
    if (c < 0 || c > 9) return null;
    n = n * 10 + c;
  }
  return Math.min(n, Number.MAX_SAFE_INTEGER);
}

function latin1Utf8(s: string): string {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return Buffer.from(s, 'latin1').toString('utf8');
  return s;
}

/**
 * Where the body ends when the text was saved with LF line endings but Content-Length still
 * counts a CR per line: the first line boundary at which bytes plus LFs equal `length`; -1 if none.
 */
function lfConvertedEnd(input: Buffer, bodyStart: number, end: number, length: number): number {
  if (length === 0) return bodyStart;
  let lfs = 0;
  for (let i = input.indexOf(10, bodyStart); i >= 0 && i < end; i = input.indexOf(10, i + 1)) {
    lfs++;
    const counted = i + 1 - bodyStart + lfs;
    if (counted === length) return i + 1;
    if (counted > length) return -1;
  }
  return -1;
}

function countNewlines(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(10, start); i >= 0 && i < end; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

