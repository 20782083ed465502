/**
 * Recognising SIP by content, on any port: a Request-Line (`METHOD uri SIP/2.0`) or a
 * Status-Line (`SIP/2.0 200 ...`) at the start of a datagram or of a line in a stream.
 */
const REQUEST_LINE = /^[A-Za-z0-9.!%*_+`'~-]{1,32}[ \t]+[^ \t]*:[^ \t]*[ \t]+SIP\/\d{1,3}\.\d{1,3}[ \t]*$/i;
const STATUS_LINE = /^SIP\/\d{1,3}\.\d{1,3}[ \t]+\d{3}(?:[ \t]|$)/i;

/** Longest start line looked at (a Request-URI can be long, but not this long). */
export const MAX_START_LINE = 8192;

export type LineVerdict = 'sip' | 'not-sip' | 'incomplete';

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Whether d[start..end) begins with a SIP start line. 'incomplete' when no line end is in sight
 * yet and what is there could still become one (streams wait for more data; datagrams say no).
 */
export function sipLineAt(d: Buffer, start: number, end: number): LineVerdict {
  if (start >= end) return 'incomplete';
  if (!isLetter(d[start]!)) return 'not-sip';
  const cap = Math.min(end, start + MAX_START_LINE);
  let nl = d.indexOf(10, start);
  if (nl < 0 || nl >= cap) {
    if (cap === end && end - start < MAX_START_LINE) return plausiblePrefix(d, start, end) ? 'incomplete' : 'not-sip';
    return 'not-sip';
  }
  if (nl > start && d[nl - 1] === 13) nl--;
  const line = d.toString('latin1', start, nl);
  return REQUEST_LINE.test(line) || STATUS_LINE.test(line) ? 'sip' : 'not-sip';
}

/** A line start that could still grow into a start line (a token, or "SIP/" ...). */
function plausiblePrefix(d: Buffer, start: number, end: number): boolean {
  const n = Math.min(end - start, 40);
  const head = d.toString('latin1', start, start + n);
  if (/^S(?:I(?:P(?:\/.*)?)?)?$/i.test(head)) return true;
  return /^[A-Za-z0-9.!%*_+`'~-]{1,32}(?:[ \t]|$)/.test(head) && !/[\x00-\x08\x0e-\x1f\x7f-\xff]/.test(head);
}

/** True when a UDP payload (or a WebSocket message) is a SIP message. */
export function isSipDatagram(d: Buffer): boolean {
  return sipLineAt(d, 0, d.length) === 'sip';
}

/**
 * Scans d[from..end) line by line for a SIP start line. Returns its index, or -1 with `resume`
 * set to where scanning must continue once more data arrives (the start of an unfinished line).
 */
export function findSipStart(d: Buffer, from: number, end: number): { at: number; resume: number } {
  let i = from;
  while (i < end) {
    const v = sipLineAt(d, i, end);
    if (v === 'sip') return { at: i, resume: i };
    if (v === 'incomplete') return { at: -1, resume: i };
    const nl = d.indexOf(10, i);
    if (nl < 0 || nl >= end) {
      // the line is not finished: keep at most a start line's worth of it
      return { at: -1, resume: Math.max(i, end - MAX_START_LINE) };
    }
    i = nl + 1;
  }
  return { at: -1, resume: end };
}

/** A TLS record header (RFC 8446 §5.1): content type 20..23, legacy version 3.x. */
export function isTlsRecord(d: Buffer, at: number): boolean {
  return d.length >= at + 3 && d[at]! >= 20 && d[at]! <= 23 && d[at + 1] === 3 && d[at + 2]! <= 4;
}
