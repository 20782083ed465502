import type { ProblemCode } from './problems.js';
import { CHAR, is, TOKEN, printableClip } from './syntax/chars.js';

export interface StartLineProblem {
  code: ProblemCode;
  message: string;
  /** Index in the start line text. */
  index: number;
}

export type StartLine =
  | { kind: 'request'; method: string; uri: string; version: string }
  | { kind: 'response'; status: number; reason: string; version: string }
  | { kind: 'unknown' };

const VERSION = /^SIP\/(\d+)\.(\d+)$/i;
const NO_PROBLEMS: StartLineProblem[] = [];

/**
 * The common, well-formed case without regexes or arrays: "METHOD SP URI SP SIP/2.0" or
 * "SIP/2.0 SP 3DIGIT SP reason". Anything unusual returns null for the full tolerant parser.
 */
function fastStartLine(text: string): StartLine | null {
  const len = text.length;
  if (text.startsWith('SIP/2.0 ')) {
    if (len < 12 || text.charCodeAt(11) !== 32) return null;
    const d0 = text.charCodeAt(8) - 48;
    const d1 = text.charCodeAt(9) - 48;
    const d2 = text.charCodeAt(10) - 48;
    if (d0 < 1 || d0 > 6 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return null;
    return { kind: 'response', status: d0 * 100 + d1 * 10 + d2, reason: text.slice(12), version: 'SIP/2.0' };
  }
  const sp1 = text.indexOf(' ');
  if (sp1 <= 0 || len - sp1 < 10 || !text.endsWith(' SIP/2.0')) return null;
  const sp2 = len - 8;
  if (sp2 <= sp1 + 1 || text.indexOf(' ', sp1 + 1) !== sp2 || text.indexOf('\t') >= 0) return null;
  for (let i = 0; i < sp1; i++) {
    const c = text.charCodeAt(i);
    if (c > 255 || (CHAR[c]! & TOKEN) === 0) return null;
  }
  if (text.charCodeAt(sp1 + 1) === 60 /* < */) return null;
  return { kind: 'request', method: text.slice(0, sp1), uri: text.slice(sp1 + 1, sp2), version: 'SIP/2.0' };
}

/**
 * Parses a Request-Line or Status-Line (RFC 3261 §7.1, §7.2). Tolerant: the elements are
 * recovered where possible (extra spaces, <> around the URI, a missing version) and every
 * deviation is reported.
 */
export function parseStartLine(text: string): { line: StartLine; problems: StartLineProblem[] } {
  const fast = fastStartLine(text);
  if (fast !== null) return { line: fast, problems: NO_PROBLEMS };
  const problems: StartLineProblem[] = [];
  const report = (code: ProblemCode, message: string, index: number): void => {
    problems.push({ code, message, index });
  };
  // tokens split at SP/HTAB, with their indexes
  const tokens: Array<{ text: string; at: number }> = [];
  const re = /[^ \t]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) tokens.push({ text: m[0], at: m.index });
  if (tokens.length === 0) {
    report('SIP_BAD_START_LINE', 'the start line is empty', 0);
    return { line: { kind: 'unknown' }, problems };
  }
  const first = tokens[0]!;
  if (/^SIP\//i.test(first.text)) return parseStatusLine(text, first.text, report, problems);

  if (tokens.length < 3) {
    const last = tokens[tokens.length - 1]!;
    report(
      'SIP_BAD_START_LINE',
      tokens.length === 1 ? `"${printableClip(text)}" is not a Request-Line (Method SP Request-URI SP SIP/2.0)` : 'the Request-Line has no SIP version (expected "Method SP Request-URI SP SIP/2.0")',
      last.at + last.text.length,
    );
    // "INVITE sip:x@y" (no version) is still read as a request; two words without a URI are not
    if (tokens.length === 1 || !tokens[1]!.text.includes(':')) return { line: { kind: 'unknown' }, problems };
    const method = first.text;
    checkMethod(method, report);
    return { line: { kind: 'request', method, uri: unbracket(tokens[1]!.text, tokens[1]!.at, report), version: '' }, problems };
  }
  const versionTok = tokens[tokens.length - 1]!;
  const method = first.text;
  checkMethod(method, report);
  let uriText: string;
  if (tokens.length > 3) {
    const u0 = tokens[1]!;
    const uEnd = tokens[tokens.length - 2]!;
    uriText = text.slice(u0.at, uEnd.at + uEnd.text.length);
    report('SIP_REQUEST_URI_INVALID', `the Request-URI "${uriText}" contains whitespace`, u0.at);
  } else {
    uriText = unbracket(tokens[1]!.text, tokens[1]!.at, report);
  }
  checkSpacing(text, tokens, report);
  const version = checkVersion(versionTok.text, versionTok.at, report);
  return { line: { kind: 'request', method, uri: uriText, version }, problems };
}

function parseStatusLine(
  text: string,
  versionText: string,
  report: (code: ProblemCode, message: string, index: number) => void,
  problems: StartLineProblem[],
): { line: StartLine; problems: StartLineProblem[] } {
  const version = checkVersion(versionText, 0, report);
  let i = versionText.length;
  if (text.charCodeAt(i) !== 32) {
    report('SIP_START_LINE_WHITESPACE', 'the SIP version must be followed by exactly one SP', i);
  }
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  const cs = i;
  while (i < text.length && text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 9) i++;
  const codeText = text.slice(cs, i);
  let status = Number(codeText);
  if (!/^\d{3}$/.test(codeText) || status < 100 || status > 699) {
    report('SIP_STATUS_CODE_INVALID', codeText === '' ? 'the Status-Line has no status code' : `status code "${printableClip(codeText)}" is not three digits from 100 to 699`, cs);
    if (!Number.isFinite(status)) status = 0;
  }
  let reason = '';
  if (i >= text.length) report('SIP_REASON_PHRASE_MISSING', 'the status code must be followed by SP and a (possibly empty) reason phrase', i);
  else reason = text.slice(i + 1);
  return { line: { kind: 'response', status, reason, version }, problems };
}

function checkMethod(method: string, report: (code: ProblemCode, message: string, index: number) => void): void {
  for (let i = 0; i < method.length; i++) {
    if (!is(method.charCodeAt(i), TOKEN)) {
      report('SIP_METHOD_INVALID', `method "${printableClip(method)}" holds "${method[i]}", which is not a token character`, i);
      return;
    }
  }
}

function unbracket(uri: string, at: number, report: (code: ProblemCode, message: string, index: number) => void): string {
  if (uri.startsWith('<') && uri.endsWith('>')) {
    report('SIP_REQUEST_URI_INVALID', 'the Request-URI must not be enclosed in <>', at);
    return uri.slice(1, -1);
  }
  return uri;
}

function checkSpacing(text: string, tokens: Array<{ text: string; at: number }>, report: (code: ProblemCode, message: string, index: number) => void): void {
  for (let k = 1; k < tokens.length; k++) {
    const gapStart = tokens[k - 1]!.at + tokens[k - 1]!.text.length;
    if (tokens[k]!.at - gapStart !== 1 || text[gapStart] !== ' ') {
      report('SIP_START_LINE_WHITESPACE', 'Request-Line elements must be separated by exactly one SP', gapStart);
      break;
    }
  }
  const last = tokens[tokens.length - 1]!;
  if (last.at + last.text.length < text.length) {
    report('SIP_START_LINE_WHITESPACE', 'whitespace after the SIP version at the end of the Request-Line', last.at + last.text.length);
  }
  if (tokens[0]!.at > 0) report('SIP_START_LINE_WHITESPACE', 'whitespace before the method', 0);
}

function checkVersion(v: string, at: number, report: (code: ProblemCode, message: string, index: number) => void): string {
  const m = VERSION.exec(v);
  if (!m) report('SIP_BAD_START_LINE', `"${printableClip(v)}" is not a SIP version (SIP/2.0)`, at);
  else if (m[1] !== '2' || m[2] !== '0') report('SIP_VERSION_UNSUPPORTED', `SIP version ${v} is not supported (only SIP/2.0)`, at);
  return v;
}

