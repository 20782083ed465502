import { DEFAULT_LIMITS, type ParseLimits } from './limits.js';
import type { AnySipMessage } from './message.js';
import { readMessage } from './parse-message.js';
import { makeProblem, sortProblems, type Problem } from './problems.js';

export interface ParsedEntry {
  /** The message, when a start line was recognised. */
  message: AnySipMessage | undefined;
  problems: Problem[];
  /** Byte range of the entry in the input. */
  start: number;
  end: number;
}

export interface SplitOptions {
  validate?: boolean;
  limits?: Partial<ParseLimits>;
}

/** A line that can start a SIP message: a Request-Line or a Status-Line (leniently spaced). */
const START_LINE = /^(?:[!-~]+[ \t]+\S(?:.*\S)?[ \t]+SIP\/\d+\.\d+[ \t]*|SIP\/\d+\.\d+[ \t]+\d+(?:[ \t].*)?)$/i;

function lineAt(buf: Buffer, i: number, end: number): { text: string; next: number } {
  let nl = buf.indexOf(10, i);
  if (nl < 0 || nl >= end) nl = end;
  let e = nl;
  if (e > i && buf[e - 1] === 13) e--;
  return { text: buf.toString('latin1', i, Math.min(e, i + 4096)), next: Math.min(nl + 1, end) };
}

function isBlank(text: string): boolean {
  return /^[ \t]*$/.test(text);
}

/**
 * Where a body without Content-Length ends inside a file of several messages: before the next
 * start line that follows an empty line, with the empty lines in between left out (the last
 * body line keeps its line terminator).
 */
export function findBodyEnd(buf: Buffer, bodyStart: number, end: number): number {
  let i = bodyStart;
  let prevBlank = true;
  let lastContentEnd = bodyStart;
  while (i < end) {
    const { text, next } = lineAt(buf, i, end);
    if (prevBlank && i > bodyStart && START_LINE.test(text)) return lastContentEnd;
    const blank = isBlank(text);
    if (!blank) lastContentEnd = next;
    prevBlank = blank;
    i = next;
  }
  return lastContentEnd;
}

/**
 * Parses a file or paste holding one or more SIP messages, as people save logs: messages
 * separated by blank lines, framed by Content-Length where it is right, bodies without
 * Content-Length running to the next start line, LF or CRLF line endings. Text between
 * messages that is not SIP is skipped and reported. Positions are relative to the whole input.
 */
export function parseMessages(input: Buffer | string, options: SplitOptions = {}): { entries: ParsedEntry[] } {
  return { entries: [...splitMessages(input, options)] };
}

/**
 * parseMessages one entry at a time, so that a long log is never parsed whole: an entry is
 * handed over once the next one starts (text that is not SIP after a message is reported on
 * that message, so it is known only then) or the input ends.
 */
export function* splitMessages(input: Buffer | string, options: SplitOptions = {}): Generator<ParsedEntry> {
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  // the entry read last, not handed over yet (none: no entry so far)
  let last: ParsedEntry | undefined;
  let pos = 0;
  let line = 1;
  const end = buf.length;
  while (pos < end) {
    // skip blank lines, and anything that is not a start line (reported)
    let skipFrom = -1;
    let skipLine = line;
    while (pos < end) {
      const { text, next } = lineAt(buf, pos, end);
      if (isBlank(text)) {
        pos = next;
        line++;
        continue;
      }
      if (START_LINE.test(text)) break;
      if (skipFrom < 0) {
        skipFrom = pos;
        skipLine = line;
      }
      pos = next;
      line++;
    }
    if (skipFrom >= 0) {
      if (pos >= end && last === undefined) {
        // nothing in the file looks like a start line: parse it as one message to say why
        pos = skipFrom;
        line = skipLine;
      } else {
        const problem = makeProblem('SIP_TRAILING_OCTETS', `${pos - skipFrom} byte(s) that do not start a SIP message were skipped`, { line: skipLine, column: 1, offset: skipFrom });
        if (last) {
          last.problems.push(problem);
          sortProblems(last.problems);
        } else {
          last = { message: undefined, problems: [problem], start: skipFrom, end: pos };
        }
        if (pos >= end) break;
      }
    }
    if (pos >= end) break;
    const r = readMessage(buf, pos, end, {
      limits,
      transport: 'datagram',
      validate: options.validate ?? true,
      line,
      reportTrailing: false,
      incremental: false,
      savedText: true,
      bodyEndWithoutLength: findBodyEnd,
    });
    const stop = Math.max(r.end, pos + 1);
    if (last) yield last;
    last = { message: r.message, problems: r.problems, start: pos, end: stop };
    for (let i = buf.indexOf(10, pos); i >= 0 && i < stop; i = buf.indexOf(10, i + 1)) line++;
    pos = stop;
    if (r.message === undefined) {
      // an unreadable start line: the rest up to the next start line is that entry's
      const next = findBodyEnd(buf, pos, end);
      for (let i = buf.indexOf(10, pos); i >= 0 && i < next; i = buf.indexOf(10, i + 1)) line++;
      pos = Math.max(next, pos);
    }
  }
  if (last) yield last;
}
