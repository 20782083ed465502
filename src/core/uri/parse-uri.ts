import { SiptoolError } from '../../errors.js';
import { ALPHA, DIGIT, is, RESERVED, UNRESERVED } from '../syntax/chars.js';
import { collectInto, ignoreProblems, type Report, type ValueProblem } from '../syntax/report.js';
import { escapesValid } from './escape.js';
import { printable, readSipUri } from './sip-uri.js';
import { readTelephoneSubscriber } from './telephone-subscriber.js';
import type { AbsoluteUri, TelUri, Uri } from './types.js';

/** Index after the URI scheme at s[start] (ALPHA *(ALPHA / DIGIT / "+" / "-" / ".")), or start. */
function schemeEnd(s: string, start: number, end: number): number {
  if (start >= end || !is(s.charCodeAt(start), ALPHA)) return start;
  let i = start + 1;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (!(is(c, ALPHA | DIGIT) || c === 43 || c === 45 || c === 46)) break;
    i++;
  }
  return i;
}

/**
 * Reads the URI in s[start..end) (the whole range is the URI). SIP/SIPS and tel URIs are parsed
 * into their parts, any other scheme is kept opaque. Problems go to `report`; null means there
 * was nothing that could be read as a URI.
 */
export function readUri(s: string, start: number, end: number, report: Report): Uri | null {
  const se = schemeEnd(s, start, end);
  if (se === start || se >= end || s.charCodeAt(se) !== 58 /* : */) {
    report('SIP_URI_INVALID', `"${s.slice(start, Math.min(end, start + 40))}" is not a URI (no scheme such as sip:)`, start);
    return null;
  }
  const scheme = se - start === 3 && s.startsWith('sip', start) ? 'sip' : se - start === 4 && s.startsWith('sips', start) ? 'sips' : s.slice(start, se).toLowerCase();
  const rest = se + 1;
  if (scheme === 'sip' || scheme === 'sips') return readSipUri(s, rest, end, scheme, report);
  if (scheme === 'tel') {
    const sub = readTelephoneSubscriber(s, rest, end, report);
    const tel: TelUri = { type: 'tel', ...sub };
    return tel;
  }
  if (rest === end) report('SIP_URI_INVALID', `the ${scheme}: URI is empty`, rest);
  for (let i = rest; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!(is(c, RESERVED | UNRESERVED) || c === 37 || c === 35 /* # fragment */)) {
      report('SIP_URI_INVALID', `"${printable(s[i]!)}" is not allowed in a URI`, i);
      break;
    }
  }
  if (!escapesValid(s, rest, end)) report('SIP_URI_INVALID', 'bad %-escape in the URI', rest);
  const abs: AbsoluteUri = { type: 'absolute', scheme, opaque: s.slice(rest, end) };
  return abs;
}

/** Parses a URI; problems are returned beside the value (never throws). */
export function parseUriWithProblems(text: string): { uri: Uri | null; problems: ValueProblem[] } {
  const problems: ValueProblem[] = [];
  const uri = readUri(text, 0, text.length, collectInto(problems));
  return { uri, problems };
}

/** Parses a URI leniently: the value when one can be read (problems ignored), else undefined. */
export function parseUri(text: string): Uri | undefined {
  return readUri(text, 0, text.length, ignoreProblems) ?? undefined;
}

export class UriParseError extends SiptoolError {
  readonly index: number;

  constructor(code: string, message: string, index: number) {
    super(code, message);
    this.name = 'UriParseError';
    this.index = index;
  }
}

/** Parses a URI strictly: throws UriParseError (code SIP_URI_INVALID, ...) on the first problem. */
export function parseUriOrThrow(text: string): Uri {
  const { uri, problems } = parseUriWithProblems(text);
  const first = problems[0];
  if (first) throw new UriParseError(first.code, `${first.message} (at character ${first.index + 1} of "${text}")`, first.index);
  if (!uri) throw new UriParseError('SIP_URI_INVALID', `"${text}" is not a URI`, 0);
  return uri;
}
