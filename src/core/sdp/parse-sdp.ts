import { latin1ToUtf8 } from '../syntax/chars.js';
import { checkSdp } from './check-sdp.js';
import { readBandwidth, readConnection, readMediaLine, readOrigin, readRepeat, readTiming, type SdpReport } from './sdp-fields.js';
import { emptySdp, type Sdp, type SdpMedia, type SdpProblem } from './types.js';

export type { SdpProblem } from './types.js';

/** RFC 4566 §5 order of the session-level fields (r= shares t='s rank; it must follow a t=). */
const SESSION_RANK: Readonly<Record<string, number>> = { v: 0, o: 1, s: 2, i: 3, u: 4, e: 5, p: 6, c: 7, b: 8, t: 9, r: 9, z: 10, k: 11, a: 12 };
/** Order of the fields inside a media description. */
const MEDIA_RANK: Readonly<Record<string, number>> = { m: 0, i: 1, c: 2, b: 3, k: 4, a: 5 };
const SESSION_REPEATABLE = 'epbtra';
const MEDIA_REPEATABLE = 'cba';
/** Required besides v= (which must be the first line, checked on its own). */
const REQUIRED: ReadonlyArray<[string, string]> = [['o', 'o= (origin)'], ['s', 's= (session name)'], ['t', 't= (timing)']];

interface Line {
  no: number;
  letter: string;
  /** The value after "x=", latin1 (one char per byte). */
  value: string;
}

/**
 * Parses an SDP session description (RFC 4566). Tolerant: never throws; what cannot be read is
 * reported and skipped. Line numbers and byte columns in problems are relative to the SDP text.
 */
export function parseSdp(input: string | Buffer): { sdp: Sdp; problems: SdpProblem[] } {
  const text = typeof input === 'string' ? Buffer.from(input, 'utf8').toString('latin1') : input.toString('latin1');
  const problems: SdpProblem[] = [];
  const add = (code: SdpProblem['code'], message: string, line: number, column: number): void => {
    problems.push({ code, message, line, column });
  };
  const lines = splitLines(text, add);
  const sdp = emptySdp();
  if (lines.length === 0) {
    add('SIP_SDP_INVALID', 'the SDP is empty (it must start with v=0)', 1, 1);
    return { sdp, problems };
  }
  if (lines[0]!.letter !== 'v') add('SIP_SDP_INVALID', `the SDP must start with v=, not ${lines[0]!.letter}=`, lines[0]!.no, 1);

  const seen = new Map<string, number>();
  let media: SdpMedia | null = null;
  let rank = -1;
  let rankedBy = '';
  let prev = '';
  // problems of the line being read (one closure for all lines)
  let lineNo = 0;
  const report: SdpReport = (code, message, index) => add(code, message, lineNo, 3 + index);
  for (const l of lines) {
    lineNo = l.no;
    if (l.letter === 'm') {
      media = readMediaLine(l.value, l.no, report);
      sdp.media.push(media);
      rank = 0;
      rankedBy = prev = 'm';
      continue;
    }
    const inMedia = media !== null && l.letter in MEDIA_RANK;
    if (media !== null && !inMedia) {
      add('SIP_SDP_WARNING', `${l.letter}= is a session-level field but appears after the first m= line`, l.no, 1);
    } else {
      const r = (inMedia ? MEDIA_RANK : SESSION_RANK)[l.letter]!;
      if (r < rank) add('SIP_SDP_WARNING', `${l.letter}= is out of order (RFC 4566 §5 puts it before ${rankedBy}=)`, l.no, 1);
      else {
        rank = r;
        rankedBy = l.letter;
      }
      if (l.letter === 'r' && prev !== 't' && prev !== 'r') add('SIP_SDP_WARNING', 'r= must directly follow a t= or r= line', l.no, 1);
      prev = l.letter;
    }
    const target = inMedia ? media! : null;
    const key = target ? `${sdp.media.length}${l.letter}` : l.letter;
    const repeatable = (target ? MEDIA_REPEATABLE : SESSION_REPEATABLE).includes(l.letter);
    const first = seen.get(key);
    if (first !== undefined && !repeatable) {
      const severe = 'vos'.includes(l.letter) ? 'SIP_SDP_INVALID' : 'SIP_SDP_WARNING';
      add(severe, `more than one ${l.letter}= line${target ? ' in this media description' : ''} (the first is on line ${first}); this one is ignored`, l.no, 1);
      continue;
    }
    if (first === undefined) seen.set(key, l.no);
    if (target) readMediaField(target, l, report);
    else readSessionField(sdp, l, report);
  }

  for (const [letter, what] of REQUIRED) {
    if (!seen.has(letter)) add('SIP_SDP_INVALID', `the SDP has no ${what} line`, missingAt(lines, letter), 1);
  }
  if (sdp.sessionName === '') add('SIP_SDP_WARNING', 's= is empty; use "s=-" (or a single space) when there is no name (RFC 4566 §5.3)', seen.get('s') ?? 1, 3);
  checkSdp(sdp, add);
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { sdp, problems };
}

/** Splits on LF (CR LF expected) and checks each line is `<letter>=<value>`. */
function splitLines(text: string, add: (code: SdpProblem['code'], message: string, line: number, column: number) => void): Line[] {
  const out: Line[] = [];
  const blanks: number[] = [];
  let warnedLf = false;
  let no = 0;
  for (let pos = 0; pos < text.length; ) {
    no++;
    const nl = text.indexOf('\n', pos);
    let end = nl < 0 ? text.length : nl;
    if (nl >= 0 && (end === pos || text.charCodeAt(end - 1) !== 13) && !warnedLf) {
      add('SIP_SDP_WARNING', 'SDP lines must end with CRLF; this one ends with a bare LF', no, end - pos + 1);
      warnedLf = true;
    }
    if (nl >= 0 && end > pos && text.charCodeAt(end - 1) === 13) end--;
    const s = text.slice(pos, end);
    pos = nl < 0 ? text.length : nl + 1;
    if (s === '') {
      blanks.push(no);
      continue;
    }
    if (blanks.length > 0) {
      add('SIP_SDP_WARNING', blanks.length === 1 ? 'empty line inside the SDP' : `${blanks.length} empty lines inside the SDP`, blanks[0]!, 1);
      blanks.length = 0;
    }
    if (nl < 0) add('SIP_SDP_WARNING', 'the last SDP line does not end with CRLF', no, s.length + 1);
    const letter = s[0]!;
    if (s.length < 2 || s[1] !== '=' || !/^[a-z]$/.test(letter)) {
      const shown = latin1ToUtf8(s.length > 40 ? s.slice(0, 40) + '...' : s);
      add('SIP_SDP_INVALID', `line ${no} is not <type>=<value>: "${shown}"`, no, s.length >= 2 && /^[a-z]$/.test(letter) ? 2 : 1);
      continue;
    }
    if (!(letter in SESSION_RANK) && letter !== 'm') {
      add('SIP_SDP_INVALID', `unknown SDP type "${letter}=" (RFC 4566 §5: a parser must reject the whole description)`, no, 1);
      continue;
    }
    const bad = /[\0\r]/.exec(s);
    if (bad) add('SIP_SDP_INVALID', `${bad[0] === '\0' ? 'NUL' : 'CR'} byte inside an SDP line`, no, bad.index + 1);
    out.push({ no, letter, value: s.slice(2) });
  }
  return out;
}

/** Where to report a missing session field: the first line that should come after it. */
function missingAt(lines: readonly Line[], letter: string): number {
  const r = SESSION_RANK[letter]!;
  for (const l of lines) if (l.letter === 'm' || (SESSION_RANK[l.letter] ?? -1) > r) return l.no;
  return lines[lines.length - 1]!.no;
}

function readAttribute(l: Line, report: SdpReport): { name: string; value: string | null; line: number } | null {
  const colon = l.value.indexOf(':');
  const name = colon < 0 ? l.value : l.value.slice(0, colon);
  if (!/^[A-Za-z0-9!#$%&'*+\-.^_`{|}~]+$/.test(name)) {
    report('SIP_SDP_INVALID', name === '' ? 'a= has no attribute name' : `a= attribute name "${latin1ToUtf8(name)}" is not a token`, 0);
    if (name === '') return null;
  }
  return { name: latin1ToUtf8(name), value: colon < 0 ? null : latin1ToUtf8(l.value.slice(colon + 1)), line: l.no };
}

function readSessionField(sdp: Sdp, l: Line, report: SdpReport): void {
  const v = l.value;
  switch (l.letter) {
    case 'v':
      if (v !== '0') report('SIP_SDP_INVALID', `v= must be 0, got "${latin1ToUtf8(v)}"`, 0);
      sdp.version = /^\d{1,9}$/.test(v) ? Number(v) : null;
      break;
    case 'o':
      sdp.origin = readOrigin(v, l.no, report);
      break;
    case 's':
      sdp.sessionName = latin1ToUtf8(v);
      break;
    case 'i':
      sdp.information = latin1ToUtf8(v);
      break;
    case 'u':
      sdp.uri = latin1ToUtf8(v);
      break;
    case 'e':
      sdp.emails.push(latin1ToUtf8(v));
      break;
    case 'p':
      sdp.phones.push(latin1ToUtf8(v));
      break;
    case 'c':
      sdp.connection = readConnection(v, l.no, report);
      break;
    case 'b': {
      const b = readBandwidth(v, l.no, report);
      if (b) sdp.bandwidths.push(b);
      break;
    }
    case 't': {
      const t = readTiming(v, l.no, report);
      if (t) sdp.timings.push(t);
      break;
    }
    case 'r': {
      const r = readRepeat(v, report);
      const last = sdp.timings[sdp.timings.length - 1];
      if (last) last.repeats.push(r);
      break;
    }
    case 'z':
      sdp.timezones = latin1ToUtf8(v);
      break;
    case 'k':
      sdp.key = latin1ToUtf8(v);
      break;
    case 'a': {
      const a = readAttribute(l, report);
      if (a) sdp.attributes.push(a);
      break;
    }
  }
}

function readMediaField(m: SdpMedia, l: Line, report: SdpReport): void {
  switch (l.letter) {
    case 'i':
      m.information = latin1ToUtf8(l.value);
      break;
    case 'c': {
      const c = readConnection(l.value, l.no, report);
      if (c) m.connections.push(c);
      break;
    }
    case 'b': {
      const b = readBandwidth(l.value, l.no, report);
      if (b) m.bandwidths.push(b);
      break;
    }
    case 'k':
      m.key = latin1ToUtf8(l.value);
      break;
    case 'a': {
      const a = readAttribute(l, report);
      if (a) m.attributes.push(a);
      break;
    }
  }
}
