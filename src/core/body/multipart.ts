import { readMediaType, type MediaType } from '../headers/media-type.js';
import { latin1ToUtf8 } from '../syntax/chars.js';

/** One body part of a multipart body (RFC 2046 §5.1). */
export interface BodyPart {
  /** The part's MIME headers in order, unfolded; values decoded UTF-8. */
  headers: Array<{ name: string; value: string }>;
  /** The part's Content-Type; null when absent (RFC 2046 §5.1 then means text/plain; charset=us-ascii). */
  contentType: MediaType | null;
  /** The part's body (a view into the input, not a copy). */
  body: Buffer;
  /** Byte offset of the part body within the multipart body. */
  offset: number;
}

export interface BodyProblem {
  code: 'SIP_MULTIPART_INVALID';
  /** 'warning' for things tolerated (bare LF line ends, a long boundary); the code's default otherwise. */
  severity: 'error' | 'warning';
  message: string;
  /** Byte offset within the multipart body. */
  offset: number;
}

const CR = 13;
const LF = 10;

interface Delimiter {
  /** Where the delimiter starts, including the CRLF (or LF) before "--boundary". */
  start: number;
  /** Offset of "--boundary". */
  dash: number;
  /** Offset just after the delimiter line's line end. */
  lineEnd: number;
  close: boolean;
  /** Offset of a bare LF before or after the delimiter, or -1. */
  bareLf: number;
}

/** The next "--boundary" at the start of a line (or of the body) from `from`, or null. */
function nextDelimiter(body: Buffer, dash: Buffer, from: number): Delimiter | null {
  for (let i = from; ; ) {
    const at = body.indexOf(dash, i);
    if (at < 0) return null;
    i = at + 1;
    let start = at;
    let bareLf = -1;
    if (at > 0) {
      if (body[at - 1] !== LF) continue;
      if (at >= 2 && body[at - 2] === CR) start = at - 2;
      else {
        start = at - 1;
        bareLf = at - 1;
      }
    }
    let j = at + dash.length;
    const close = body[j] === 45 && body[j + 1] === 45;
    if (close) j += 2;
    while (body[j] === 32 || body[j] === 9) j++;
    if (j >= body.length) return { start, dash: at, lineEnd: body.length, close, bareLf };
    if (body[j] === CR && body[j + 1] === LF) return { start, dash: at, lineEnd: j + 2, close, bareLf };
    if (body[j] === LF) return { start, dash: at, lineEnd: j + 1, close, bareLf: bareLf >= 0 ? bareLf : j };
    if (close) return { start, dash: at, lineEnd: j, close, bareLf };
    // "--boundaryXYZ": a longer line that only begins like the delimiter.
  }
}

/**
 * Splits a multipart body (RFC 2046 §5.1, as used by SIP in RFC 5621) at the boundary given in
 * its Content-Type. The preamble and epilogue are ignored; the CRLF before each delimiter
 * belongs to the delimiter, so part bodies are exact bytes (binary, NULs and bare CR/LF kept).
 * Tolerant: what can be read is returned, and the rest is reported. Nested multiparts are
 * returned as parts with a multipart content type.
 */
export function splitMultipart(body: Buffer, contentType: MediaType): { parts: BodyPart[]; problems: BodyProblem[] } {
  const parts: BodyPart[] = [];
  const problems: BodyProblem[] = [];
  const report = (message: string, offset: number, severity: BodyProblem['severity'] = 'error'): void => {
    problems.push({ code: 'SIP_MULTIPART_INVALID', severity, message, offset });
  };
  const boundary = contentType.params.get('boundary');
  if (boundary === undefined || boundary === null || boundary === '') {
    report(`${contentType.type}/${contentType.subtype} without a boundary parameter`, 0);
    return { parts, problems };
  }
  if (boundary.length > 70) report(`the boundary is ${boundary.length} characters long; RFC 2046 §5.1.1 allows at most 70`, 0, 'warning');
  const dash = Buffer.from('--' + boundary, 'latin1');
  let warnedLf = false;
  const lf = (offset: number): void => {
    if (offset < 0 || warnedLf) return;
    warnedLf = true;
    report('multipart lines must end with CRLF; a bare LF was accepted', offset, 'warning');
  };

  let cur = nextDelimiter(body, dash, 0);
  if (cur === null) {
    report(`the boundary "${latin1ToUtf8(boundary)}" does not occur in the body`, 0);
    return { parts, problems };
  }
  lf(cur.bareLf);
  if (cur.close) {
    report('the body has a close delimiter but no body part', cur.dash);
    return { parts, problems };
  }
  for (;;) {
    const from = cur.lineEnd;
    const next = nextDelimiter(body, dash, from);
    const to = next === null ? body.length : Math.max(from, next.start);
    parts.push(readPart(body, from, to, report, lf));
    if (next === null) {
      report(`the close delimiter "--${latin1ToUtf8(boundary)}--" is missing`, body.length);
      break;
    }
    lf(next.bareLf);
    if (next.close) break;
    cur = next;
  }
  return { parts, problems };
}

const HEADER_LINE = /^[!-9;-~]+[ \t]*:/;

/** Reads one body part from body[from..to): MIME headers, an empty line, the body. */
function readPart(body: Buffer, from: number, to: number, report: (m: string, o: number) => void, lf: (o: number) => void): BodyPart {
  const lines: Array<{ text: string; at: number }> = [];
  let bodyStart = -1;
  for (let pos = from; pos < to; ) {
    const nl = body.indexOf(LF, pos);
    if (nl < 0 || nl >= to) {
      lines.push({ text: body.toString('latin1', pos, to), at: pos });
      break;
    }
    const crlf = nl > pos && body[nl - 1] === CR;
    if (!crlf) lf(nl);
    const text = body.toString('latin1', pos, crlf ? nl - 1 : nl);
    pos = nl + 1;
    if (text === '') {
      bodyStart = pos;
      break;
    }
    lines.push({ text, at: nl - text.length - (crlf ? 1 : 0) });
  }
  if (bodyStart < 0) {
    if (lines.every((l) => HEADER_LINE.test(l.text) || /^[ \t]/.test(l.text))) bodyStart = to;
    else {
      report('a body part has no empty line after its headers; it was taken as a body without headers', from);
      return { headers: [], contentType: null, body: body.subarray(from, to), offset: from };
    }
  }
  const headers: Array<{ name: string; value: string; at: number }> = [];
  for (const l of lines) {
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(l.text)) {
      if (last) last.value += ' ' + l.text.trim();
      else report('a body part starts with a folded (indented) header line', l.at);
      continue;
    }
    const colon = l.text.indexOf(':');
    if (colon <= 0 || !HEADER_LINE.test(l.text)) {
      report(`body part header line "${latin1ToUtf8(l.text.slice(0, 40))}" is not <name>: <value>`, l.at);
      continue;
    }
    headers.push({ name: l.text.slice(0, colon).trim(), value: l.text.slice(colon + 1).trim(), at: l.at });
  }
  let contentType: MediaType | null = null;
  const ct = headers.find((h) => h.name.toLowerCase() === 'content-type');
  if (ct) contentType = readMediaType(ct.value, 0, ct.value.length, (_code, message) => report(`body part Content-Type: ${message}`, ct.at));
  return {
    headers: headers.map((h) => ({ name: latin1ToUtf8(h.name), value: latin1ToUtf8(h.value) })),
    contentType,
    body: body.subarray(bodyStart, to),
    offset: bodyStart,
  };
}
