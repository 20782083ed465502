/**
 * The catalogue of problems the SIP core can report. Every code is stable: tests, the JSON
 * output and `explain` rules key on it. Each entry names its default severity and the RFC text
 * that the problem is measured against. docs/problems.md documents every code (a test checks).
 */

import { escapeControls, hideUriPasswords } from './syntax/chars.js';
import { nullProto } from './null-proto.js';

export type Severity = 'error' | 'warning' | 'info';

export interface ProblemInfo {
  readonly severity: Severity;
  readonly ref: string;
  readonly summary: string;
}

export const PROBLEM_CODES = nullProto({
  __proto__: null,
  // framing and start line
  SIP_EMPTY_MESSAGE: { severity: 'error', ref: 'RFC 3261 §7', summary: 'no SIP message in the input' },
  SIP_BAD_START_LINE: { severity: 'error', ref: 'RFC 3261 §7.1, §7.2', summary: 'the first line is neither a Request-Line nor a Status-Line' },
  SIP_START_LINE_WHITESPACE: { severity: 'error', ref: 'RFC 3261 §7.1, §25.1; RFC 4475 §3.1.2.9-10', summary: 'start line elements must be separated by exactly one SP, with nothing after the version' },
  SIP_METHOD_INVALID: { severity: 'error', ref: 'RFC 3261 §25.1 (Method = token)', summary: 'the method is not a token' },
  SIP_REQUEST_URI_INVALID: { severity: 'error', ref: 'RFC 3261 §7.1, §19.1; RFC 4475 §3.1.2.7-8', summary: 'the Request-URI is malformed (angle brackets, whitespace or bad syntax)' },
  SIP_REQUEST_URI_HEADERS: { severity: 'error', ref: 'RFC 3261 §19.1.1 (table 1); RFC 4475 §3.1.2.11', summary: 'a Request-URI must not carry a headers component (?name=value)' },
  SIP_VERSION_UNSUPPORTED: { severity: 'error', ref: 'RFC 3261 §7.1, §21.5.7 (505)', summary: 'the SIP version is not SIP/2.0' },
  SIP_STATUS_CODE_INVALID: { severity: 'error', ref: 'RFC 3261 §7.2, §25.1 (Status-Code = 3DIGIT); RFC 4475 §3.1.2.19', summary: 'the status code is not three digits between 100 and 699' },
  SIP_REASON_PHRASE_MISSING: { severity: 'warning', ref: 'RFC 3261 §7.2, §25.1', summary: 'the Status-Line has no SP before the (possibly empty) reason phrase' },
  SIP_LEADING_CRLF: { severity: 'info', ref: 'RFC 3261 §7.5', summary: 'empty lines before the start line were ignored' },
  SIP_LINE_ENDING_LF: { severity: 'warning', ref: 'RFC 3261 §7 (CRLF)', summary: 'lines end with a bare LF instead of CRLF' },
  SIP_HEADERS_UNTERMINATED: { severity: 'warning', ref: 'RFC 3261 §7 (empty line after the headers)', summary: 'the header section is not closed by an empty line' },
  SIP_HEADER_NO_COLON: { severity: 'error', ref: 'RFC 3261 §7.3.1', summary: 'a header line has no colon' },
  SIP_HEADER_NAME_INVALID: { severity: 'error', ref: 'RFC 3261 §7.3.1, §25.1 (header-name = token)', summary: 'a header name is empty or not a token' },
  SIP_LIMIT_EXCEEDED: { severity: 'error', ref: 'siptool limits (docs/limits.md)', summary: 'a size or count limit was exceeded; the rest was not parsed' },
  SIP_CONTENT_LENGTH_INVALID: { severity: 'error', ref: 'RFC 3261 §20.14; RFC 4475 §3.1.2.3', summary: 'Content-Length is not a non-negative integer' },
  SIP_CONTENT_LENGTH_CONFLICT: { severity: 'error', ref: 'RFC 3261 §20.14; RFC 4475 §3.3.9', summary: 'several Content-Length values disagree, so the body cannot be framed' },
  SIP_CONTENT_LENGTH_MISSING: { severity: 'warning', ref: 'RFC 3261 §18.3, §20.14', summary: 'no Content-Length: the body is taken as the rest of the datagram (stream transports require it)' },
  SIP_BODY_TRUNCATED: { severity: 'error', ref: 'RFC 3261 §18.3; RFC 4475 §3.1.2.2', summary: 'Content-Length is larger than the body that follows' },
  SIP_TRAILING_OCTETS: { severity: 'warning', ref: 'RFC 3261 §18.3; RFC 4475 §3.1.1.8', summary: 'octets after the body (per Content-Length) were ignored' },
  SIP_CONTENT_TYPE_MISSING: { severity: 'error', ref: 'RFC 3261 §20.15', summary: 'a non-empty body without a Content-Type' },
  // header presence and values
  SIP_HEADER_MISSING: { severity: 'error', ref: 'RFC 3261 §8.1.1, §20 (table 2); RFC 4475 §3.3.1', summary: 'a mandatory header field is missing' },
  SIP_HEADER_DUPLICATE: { severity: 'error', ref: 'RFC 3261 §7.3.1, §20; RFC 4475 §3.3.8', summary: 'a header field that takes a single value appears more than once' },
  SIP_HEADER_SYNTAX: { severity: 'error', ref: 'RFC 3261 §25.1', summary: 'a header value does not match its grammar' },
  SIP_EMPTY_LIST_ELEMENT: { severity: 'error', ref: 'RFC 3261 §7.3.1; RFC 4475 §3.1.2.1', summary: 'an empty element in a comma-separated header value' },
  SIP_EMPTY_PARAMETER: { severity: 'error', ref: 'RFC 3261 §25.1 (generic-param = token); RFC 4475 §3.1.2.1', summary: 'an empty parameter (;;) in a header value' },
  SIP_UNTERMINATED_QUOTE: { severity: 'error', ref: 'RFC 3261 §25.1 (quoted-string); RFC 4475 §3.1.2.6', summary: 'a quoted string is not closed' },
  SIP_DISPLAY_NAME_UNQUOTED: { severity: 'error', ref: 'RFC 3261 §20.10, §25.1; RFC 4475 §3.1.2.15', summary: 'a display name with non-token characters must be quoted' },
  SIP_ADDR_SPEC_WHITESPACE: { severity: 'error', ref: 'RFC 3261 §25.1 (name-addr); RFC 4475 §3.1.2.14', summary: 'whitespace inside <...> around the URI' },
  SIP_ADDR_SPEC_NEEDS_BRACKETS: { severity: 'error', ref: 'RFC 3261 §20.10; RFC 4475 §3.1.2.13', summary: 'a URI with a comma, question mark or semicolon must be enclosed in <...>' },
  SIP_URI_INVALID: { severity: 'error', ref: 'RFC 3261 §19.1.1, §25.1; RFC 3966 §3', summary: 'a URI does not match the SIP, SIPS, tel or absolute URI grammar' },
  SIP_VALUE_OUT_OF_RANGE: { severity: 'error', ref: 'RFC 3261 §8.1.1.5, §20; RFC 4475 §3.1.2.4-5', summary: 'a numeric value is outside its allowed range' },
  SIP_CSEQ_METHOD_MISMATCH: { severity: 'error', ref: 'RFC 3261 §8.1.1.5; RFC 4475 §3.1.2.17-18', summary: 'the CSeq method differs from the request method' },
  SIP_VIA_BRANCH_MISSING: { severity: 'warning', ref: 'RFC 3261 §8.1.1.7, §20.42', summary: 'the Via has no branch parameter (RFC 2543 style)' },
  SIP_VIA_BRANCH_EMPTY: { severity: 'error', ref: 'RFC 3261 §8.1.1.7; RFC 4475 §3.2.1', summary: 'the Via branch is only the magic cookie z9hG4bK, with no transaction id' },
  SIP_VIA_BRANCH_NO_COOKIE: { severity: 'info', ref: 'RFC 3261 §8.1.1.7', summary: 'the Via branch lacks the z9hG4bK magic cookie (RFC 2543 transaction matching)' },
  SIP_FROM_TAG_MISSING: { severity: 'warning', ref: 'RFC 3261 §8.1.1.3', summary: 'the From of a request has no tag (RFC 2543 style)' },
  SIP_DATE_INVALID: { severity: 'error', ref: 'RFC 3261 §20.17 (rfc1123-date, GMT only); RFC 4475 §3.1.2.12', summary: 'the Date is not an RFC 1123 date in GMT' },
  SIP_WARNING_CODE_INVALID: { severity: 'error', ref: 'RFC 3261 §20.43 (warn-code = 3DIGIT); RFC 4475 §3.1.2.5', summary: 'a Warning code is not three digits' },
  // bodies
  SIP_MULTIPART_INVALID: { severity: 'error', ref: 'RFC 2046 §5.1; RFC 5621', summary: 'a multipart body cannot be split by its boundary' },
  SIP_SDP_INVALID: { severity: 'error', ref: 'RFC 4566 §5', summary: 'the SDP body does not follow RFC 4566' },
  SIP_SDP_WARNING: { severity: 'warning', ref: 'RFC 4566 §5; RFC 3264', summary: 'the SDP body is legal but unusual or incomplete' },
} as const) satisfies Record<string, ProblemInfo>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** A problem found in an input, with the exact place it was found. */
export interface Problem {
  readonly code: ProblemCode;
  readonly severity: Severity;
  readonly message: string;
  /** 1-based line in the input (file or buffer) given to the parser. */
  readonly line: number;
  /** 1-based column, counted in bytes from the start of the line. */
  readonly column: number;
  /** 0-based byte offset in the input. */
  readonly offset: number;
  /** Canonical name of the header field the problem is in, when it is in one. */
  readonly header?: string;
}

export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export function makeProblem(code: ProblemCode, message: string, at: Position, header?: string, severity?: Severity): Problem {
  const p: { -readonly [K in keyof Problem]: Problem[K] } = {
    code,
    severity: severity ?? PROBLEM_CODES[code].severity,
    message: hideUriPasswords(escapeControls(message)),
    line: at.line,
    column: at.column,
    offset: at.offset,
  };
  if (header !== undefined) p.header = header;
  return p;
}

/** Sorts problems by position, then code, so output is stable. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.offset - b.offset || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
