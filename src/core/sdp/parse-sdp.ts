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

/** The tables above by char code ("a" is 0): rank (-1 when the letter has none) and repeatable. */
function byCode(rank: Readonly<Record<string, number>>, repeatable: string): { rank: Int8Array; repeatable: Uint8Array } {
  const r = new Int8Array(26).fill(-1);
  const rep = new Uint8Array(26);
  for (let c = 0; c < 26; c++) {
    const letter = String.fromCharCode(97 + c);
    if (letter in rank) r[c] = rank[letter]!;
    if (repeatable.includes(letter)) rep[c] = 1;
  }
  return { rank: r, repeatable: rep };
}
// made at the first parse: a run may load the parser and never meet an SDP (a probe's answer)
let SESSION_BY_CODE!: ReturnType<typeof byCode>;
let MEDIA_BY_CODE!: ReturnType<typeof byCode>;
let tablesMade = false;
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
  if (!tablesMade) {
    SESSION_BY_CODE = byCode(SESSION_RANK, SESSION_REPEATABLE);
    MEDIA_BY_CODE = byCode(MEDIA_RANK, MEDIA_REPEATABLE);
    tablesMade = true;
  }
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

  // line of the first field of each letter (0: none yet), at session level and in the current m= block;
  // plain arrays: a typed array over 64 bytes gets a backing store outside V8's heap, and making
  // two of them cost more than the rest of a short SDP's parse
  const seenSession = new Array<number>(26).fill(0);
  const seenMedia = new Array<number>(26).fill(0);
  let media: SdpMedia | null = null;
  let rank = -1;
  let rankedBy = '';
  let prev = '';
  // problems of the line being read (one closure for all lines)
  let lineNo = 0;
  const report: SdpReport = (code, message, index) => add(code, message, lineNo, 3 + index);
  for (let li = 0; li < lines.length; li++) {
    const l = lines[li]!;
    lineNo = l.no;
    const code = l.letter.charCodeAt(0) - 97;
    if (code === 12 /* m */) {
      media = readMediaLine(l.value, l.no, report);
      sdp.media.push(media);
      seenMedia.fill(0);
      rank = 0;
      rankedBy = prev = 'm';
      continue;
    }
    const inMedia = media !== null && MEDIA_BY_CODE.rank[code]! >= 0;
    if (media !== null && !inMedia) {
      add('SIP_SDP_WARNING', `${l.letter}= is a session-level field but appears after the first m= line`, l.no, 1);
    } else {
      const r = (inMedia ? MEDIA_BY_CODE : SESSION_BY_CODE).rank[code]!;
      if (r < rank) add('SIP_SDP_WARNING', `${l.letter}= is out of order (RFC 4566 §5 puts it before ${rankedBy}=)`, l.no, 1);
      else {
        rank = r;
        rankedBy = l.letter;
      }
      if (l.letter === 'r' && prev !== 't' && prev !== 'r') add('SIP_SDP_WARNING', 'r= must directly follow a t= or r= line', l.no, 1);
      prev = l.letter;
    }
    const target = inMedia ? media! : null;
    const seen = target ? seenMedia : seenSession;
    const repeatable = (target ? MEDIA_BY_CODE : SESSION_BY_CODE).repeatable[code] === 1;
    const first = seen[code]!;
    if (first !== 0 && !repeatable) {
      const severe = 'vos'.includes(l.letter) ? 'SIP_SDP_INVALID' : 'SIP_SDP_WARNING';
      add(severe, `more than one ${l.letter}= line${target ? ' in this media description' : ''} (the first is on line ${first}); this one is ignored`, l.no, 1);
      continue;
    }
    if (first === 0) seen[code] = l.no;
    if (target) readMediaField(target, l, report);
    else readSessionField(sdp, l, report);
  }

  for (const [letter, what] of REQUIRED) {
    if (seenSession[letter.charCodeAt(0) - 97] === 0) add('SIP_SDP_INVALID', `the SDP has no ${what} line`, missingAt(lines, letter), 1);
  }
  if (sdp.sessionName === '') add('SIP_SDP_WARNING', 's= is empty; use "s=-" (or a single space) when there is no name (RFC 4566 §5.3)', seenSession[18] || 1, 3);
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
  // the first NUL at or after the line being read (-1: none left)
  let nul = text.indexOf('\0');
  for (let pos = 0; pos < text.length; ) {
    no++;
    const nl = text.indexOf('\n', pos);
    let end = nl < 0 ? text.length : nl;
    if (nl >= 0 && (end === pos || text.charCodeAt(end - 1) !== 13) && !warnedLf) {
      add('SIP_SDP_WARNING', 'SDP lines must end with CRLF; this one ends with a bare LF', no, end - pos + 1);
      warnedLf = true;
    }
    if (nl >= 0 && end > pos && text.charCodeAt(end - 1) === 13) end--;
    // the line is text[start..end)
    const start = pos;
    const len = end - start;
    pos = nl < 0 ? text.length : nl + 1;
    if (len === 0) {
      blanks.push(no);
      continue;
    }
    if (blanks.length > 0) {
      add('SIP_SDP_WARNING', blanks.length === 1 ? 'empty line inside the SDP' : `${blanks.length} empty lines inside the SDP`, blanks[0]!, 1);
      blanks.length = 0;
    }
    if (nl < 0) add('SIP_SDP_WARNING', 'the last SDP line does not end with CRLF', no, len + 1);
    const c0 = text.charCodeAt(start);
    const lower = c0 >= 97 && c0 <= 122;
    if (len < 2 || text.charCodeAt(start + 1) !== 61 /* = */ || !lower) {
      const s = text.slice(start, end);
      const shown = latin1ToUtf8(s.length > 40 ? s.slice(0, 40) + '...' : s);
      add('SIP_SDP_INVALID', `line ${no} is not <type>=<value>: "${shown}"`, no, len >= 2 && lower ? 2 : 1);
      continue;
    }
    const letter = text[start]!;
    if (SESSION_BY_CODE.rank[c0 - 97]! < 0 && c0 !== 109 /* m */) {
      add('SIP_SDP_INVALID', `unknown SDP type "${letter}=" (RFC 4566 §5: a parser must reject the whole description)`, no, 1);
      continue;
    }
    // a NUL or CR inside the line: the first of them is reported
    while (nul >= 0 && nul < start) nul = text.indexOf('\0', nul + 1);
    let cr = text.indexOf('\r', start);
    if (cr >= end) cr = -1;
    const badNul = nul >= 0 && nul < end && (cr < 0 || nul < cr);
    if (badNul || cr >= 0) add('SIP_SDP_INVALID', `${badNul ? 'NUL' : 'CR'} byte inside an SDP line`, no, (badNul ? nul : cr) - start + 1);
    out.push({ no, letter, value: text.slice(start + 2, end) });
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
