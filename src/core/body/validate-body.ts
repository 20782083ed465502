import type { AnySipMessage } from '../message.js';
import { makeProblem, type Position, type Problem } from '../problems.js';
import type { MediaType } from '../headers/media-type.js';
import { parseSdp } from '../sdp/parse-sdp.js';
import { keepSdpParse, parseSdpOnce } from '../sdp/parse-sdp-once.js';
import type { Sdp, SdpProblem } from '../sdp/types.js';
import { splitMultipart } from './multipart.js';

/** Maps a byte offset inside the body to a position in the parser's input. */
function bodyPositions(msg: AnySipMessage): (bodyOffset: number) => Position {
  const src = msg.source;
  if (src === null) return () => ({ line: 0, column: 0, offset: -1 });
  const { input, start, bodyStart } = src;
  let firstLine = src.position.line;
  for (let i = input.indexOf(10, start); i >= 0 && i < bodyStart; i = input.indexOf(10, i + 1)) firstLine++;
  return (off) => {
    let line = firstLine;
    let lineStart = bodyStart;
    const abs = bodyStart + off;
    for (let i = input.indexOf(10, bodyStart); i >= 0 && i < abs; i = input.indexOf(10, i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { line, column: abs - lineStart + 1, offset: abs };
  };
}

/** Byte offset of the start of 1-based `line` within `buf` (for SDP problems reported by line). */
function lineOffset(buf: Buffer, line: number): number {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const nl = buf.indexOf(10, off);
    if (nl < 0) return buf.length;
    off = nl + 1;
  }
  return off;
}

/**
 * @internal SDP bodies parsed lately (a ValidationMemo's): a call's messages often repeat one
 * (retransmissions, a 183 and the 200 with the same answer, a refreshing re-INVITE), and one
 * with the same bytes takes that parse instead of parsing again (read-only, shared).
 */
export class SdpMemo {
  private readonly bodies: Buffer[] = [];
  private readonly results: Array<{ sdp: Sdp; problems: SdpProblem[] }> = [];

  parse(body: Buffer): { sdp: Sdp; problems: SdpProblem[] } {
    const bodies = this.bodies;
    for (let i = 0; i < bodies.length; i++) {
      const b = bodies[i]!;
      if (b === body) return this.results[i]!;
      if (b.length === body.length && b.equals(body)) return keepSdpParse(body, this.results[i]!);
    }
    const hit = parseSdpOnce(body);
    if (bodies.length >= RECENT_SDP) {
      bodies.shift();
      this.results.shift();
    }
    bodies.push(body);
    this.results.push(hit);
    return hit;
  }
}

/** SDP bodies an SdpMemo compares with. */
const RECENT_SDP = 4;

function isSdp(ct: MediaType | null): boolean {
  return ct !== null && ct.type === 'application' && ct.subtype === 'sdp';
}

/**
 * Body checks: a non-empty body needs a Content-Type (RFC 3261 §20.15); SDP bodies are checked
 * against RFC 4566; multipart bodies are split (RFC 2046) and their SDP parts checked too.
 */
export function validateBody(msg: AnySipMessage, problems: Problem[], memo?: SdpMemo): void {
  const body = msg.body;
  if (body.length === 0) return;
  const ctField = msg.get('Content-Type');
  if (!ctField) {
    const at = bodyPositions(msg)(0);
    problems.push(makeProblem('SIP_CONTENT_TYPE_MISSING', `a ${body.length}-byte body without a Content-Type`, at));
    return;
  }
  const ct = msg.contentType ?? null;
  if (ct === null) return;
  let pos: ((off: number) => Position) | null = null;
  const at = (off: number): Position => (pos ??= bodyPositions(msg))(off);
  const checkSdp = (bytes: Buffer, base: number): void => {
    // the whole body is parsed once (the explain media rules read the same parse); parts as they come
    const { problems: sdpProblems } = bytes !== body ? parseSdp(bytes) : memo !== undefined ? memo.parse(bytes) : parseSdpOnce(bytes);
    for (const p of sdpProblems) {
      const off = base + Math.min(bytes.length, lineOffset(bytes, p.line) + Math.max(0, p.column - 1));
      problems.push(makeProblem(p.code, `SDP: ${p.message}`, at(off)));
    }
  };
  if (isSdp(ct)) checkSdp(body, 0);
  else if (ct.type === 'multipart') {
    const { parts, problems: mp } = splitMultipart(body, ct);
    for (const p of mp) problems.push(makeProblem(p.code, p.message, at(p.offset), undefined, p.severity));
    for (const part of parts) if (isSdp(part.contentType)) checkSdp(part.body, part.offset);
  }
}
