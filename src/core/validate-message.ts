import { REQUIRED_IN_REQUEST, REQUIRED_IN_RESPONSE, SINGLE_HEADERS } from './header-names.js';
import { isKnownParsedHeader } from './header-parsers.js';
import type { NameAddr } from './headers/name-addr.js';
import { LIMITS } from './headers/numbers.js';
import { BRANCH_COOKIE } from './headers/via.js';
import type { HeaderField } from './header-field.js';
import type { AnySipMessage } from './message.js';
import { makeProblem, type Position, type Problem } from './problems.js';
import { SdpMemo, validateBody } from './body/validate-body.js';
import { collectInto, type ValueProblem } from './syntax/report.js';
import { readUri } from './uri/parse-uri.js';
import type { Uri } from './uri/types.js';

export interface ValidateOptions {
  transport?: 'datagram' | 'stream';
  /** False when the header section was not terminated (missing headers may just be cut off). */
  headComplete?: boolean;
  /**
   * @internal Full parses shared by the messages validated with the same memo (the messages of
   * one call repeat From, To, Call-ID, Via...): a header value equal to one of the last few of
   * its name is not parsed again, nor a Request-URI seen before. Parsed values are then shared:
   * read-only.
   */
  memo?: ValidationMemo;
}

/**
 * The recent fields of every memo: many values repeat across calls too (Max-Forwards, Allow,
 * Supported, User-Agent, Content-Type, a trunk's Contact), and a call's first message then
 * finds them. Bounded: a few per known header name. Made at the first memo.
 */
let sharedFields: Map<string, HeaderField[]> | undefined;

/** @internal See ValidateOptions.memo; header values are shared by all memos, the rest is per memo. */
export class ValidationMemo {
  /** The last few fields validated, by canonical name (shared by every memo). */
  readonly fields: Map<string, HeaderField[]> = (sharedFields ??= new Map<string, HeaderField[]>());
  readonly requestUris = new Map<string, { found: ValueProblem[]; parsed: Uri | null }>();
  readonly sdp = new SdpMemo();
}

/** Fields kept per name: a call's messages repeat a value from one message to the next. */
const RECENT = 4;

/**
 * f.valueProblems, or those of a recent field with the same name and value (shared parse): the
 * values are compared, not hashed (a hash would read every value, even a new one, in full).
 */
function memoProblems(f: HeaderField, memo: ValidationMemo): readonly ValueProblem[] {
  const lex = f.lexValue;
  let recent = memo.fields.get(f.name);
  if (recent === undefined) {
    recent = [];
    memo.fields.set(f.name, recent);
  }
  // newest first: the messages of a call repeat the value the call's previous message added
  for (let k = recent.length - 1; k >= 0; k--) if (recent[k]!.lexValue === lex) return f.adoptParse(recent[k]!);
  const found = f.valueProblems;
  if (recent.length >= RECENT) recent.shift();
  recent.push(f);
  return found;
}

export function validateMessage(msg: AnySipMessage, problems: Problem[], options: ValidateOptions = {}): void {
  const startPos: Position = msg.source?.position ?? { line: 0, column: 0, offset: -1 };
  const headers = msg.headers;
  const count = headers.length;
  const memo = options.memo;
  // 1. header values
  for (let i = 0; i < count; i++) {
    const f = headers[i]!;
    // Content-Length values are checked by the framing, which reports them once
    if (!isKnownParsedHeader(f.name) || f.name === 'Content-Length') continue;
    const found = memo === undefined ? f.valueProblems : memoProblems(f, memo);
    for (let k = 0; k < found.length; k++) {
      const vp = found[k]!;
      problems.push(makeProblem(vp.code, vp.message, f.positionAt(vp.index), f.name, vp.severity));
    }
  }
  // 2. mandatory headers
  const required = msg.kind === 'request' ? REQUIRED_IN_REQUEST : REQUIRED_IN_RESPONSE;
  for (let r = 0; r < required.length; r++) {
    const name = required[r]!;
    if (!msg.has(name)) {
      const cut = options.headComplete === false ? ' (the header section may be cut off)' : '';
      problems.push(makeProblem('SIP_HEADER_MISSING', `${name} is missing; every ${msg.kind} must carry it${cut}`, startPos, name));
    }
  }
  // 3. single-instance headers (Content-Length conflicts are a framing problem, reported there):
  // reported at the second field of a name (a scan of the fields before it; a map for long heads)
  let seen: Map<string, number> | undefined;
  for (let i = 0; i < count; i++) {
    const f = headers[i]!;
    const name = f.name;
    if (!SINGLE_HEADERS.has(name) || name === 'Content-Length') continue;
    let n = 1;
    if (count <= 64) {
      for (let j = 0; j < i && n < 3; j++) if (headers[j]!.name === name) n++;
    } else {
      seen ??= new Map<string, number>();
      n = (seen.get(name) ?? 0) + 1;
      seen.set(name, n);
    }
    if (n === 2) {
      problems.push(makeProblem('SIP_HEADER_DUPLICATE', `${name} appears more than once; it takes a single value`, { line: f.line, column: f.column, offset: f.offset }, name));
    }
  }
  // 4. request specifics
  if (msg.kind === 'request') {
    const cseqField = msg.get('CSeq');
    const cseq = msg.cseq;
    if (cseqField && cseq && cseq.method !== '' && cseq.method !== msg.method) {
      problems.push(makeProblem('SIP_CSEQ_METHOD_MISMATCH', `CSeq method ${cseq.method} differs from the request method ${msg.method}`, cseqField.valuePosition, 'CSeq'));
    }
    if (!hasRequestUriProblem(problems, startPos)) {
      msg.keepRequestUri(msg.uri, checkRequestUri(msg.uri, msg.source?.startLine ?? msg.startLine, startPos, problems, memo));
    }
    const fromField = msg.get('From');
    const from = msg.from;
    if (fromField && from && from.uri && !from.params.has('tag')) {
      problems.push(makeProblem('SIP_FROM_TAG_MISSING', 'From has no tag; RFC 3261 requires one in every request (RFC 2543 did not)', fromField.valuePosition, 'From'));
    }
  }
  // 5. Via branches
  for (let i = 0; i < count; i++) {
    const f = headers[i]!;
    if (f.name !== 'Via') continue;
    const vias = f.parsed();
    if (!Array.isArray(vias)) continue;
    for (const via of vias as Array<{ params: { get(n: string): string | null | undefined } }>) {
      const branch = via.params.get('branch');
      if (branch === undefined) {
        problems.push(makeProblem('SIP_VIA_BRANCH_MISSING', 'Via has no branch parameter (RFC 2543 transaction matching)', f.valuePosition, 'Via'));
      } else if (branch === BRANCH_COOKIE) {
        problems.push(makeProblem('SIP_VIA_BRANCH_EMPTY', 'Via branch is only the magic cookie z9hG4bK, with no transaction id', f.valuePosition, 'Via'));
      } else if (branch !== null && branch !== '' && !branch.startsWith(BRANCH_COOKIE)) {
        problems.push(makeProblem('SIP_VIA_BRANCH_NO_COOKIE', `Via branch "${branch}" lacks the z9hG4bK magic cookie (RFC 2543 style)`, f.valuePosition, 'Via'));
      }
    }
  }
  // 6. Contact expires params (RFC 3261 §20.10: delta-seconds)
  for (let i = 0; i < count; i++) {
    const f = headers[i]!;
    if (f.name !== 'Contact') continue;
    const v = f.parsed();
    if (!Array.isArray(v)) continue;
    for (const na of v as NameAddr[]) {
      const e = na.params.get('expires');
      if (e === undefined) continue;
      if (e === null || !/^\d+$/.test(e)) problems.push(makeProblem('SIP_HEADER_SYNTAX', `Contact expires "${e ?? ''}" is not a number of seconds`, f.valuePosition, 'Contact'));
      else if (Number(e) > LIMITS.deltaSeconds) problems.push(makeProblem('SIP_VALUE_OUT_OF_RANGE', `Contact expires ${e} is above 2^32-1`, f.valuePosition, 'Contact'));
    }
  }
  // 7. body
  validateBody(msg, problems, memo?.sdp);
}

/** Whether the parser already reported this message's Request-URI as invalid. */
function hasRequestUriProblem(problems: readonly Problem[], startPos: Position): boolean {
  for (const p of problems) if (p.code === 'SIP_REQUEST_URI_INVALID' && p.offset >= startPos.offset && p.line === startPos.line) return true;
  return false;
}

/** Checks the Request-URI; returns it parsed (as SipRequest#requestUri reads it: problems do not change the value). */
function checkRequestUri(uri: string, startLine: string, at: Position, problems: Problem[], memo: ValidationMemo | undefined): Uri | null {
  const col = Math.max(0, startLine.indexOf(uri));
  let read = memo?.requestUris.get(uri);
  if (read === undefined) {
    const list: ValueProblem[] = [];
    read = { found: list, parsed: readUri(uri, 0, uri.length, collectInto(list)) };
    memo?.requestUris.set(uri, read);
  }
  const { found, parsed } = read;
  const pos = (i: number): Position => ({ line: at.line, column: at.column + col + i, offset: at.offset + col + i });
  for (const p of found) problems.push(makeProblem(p.code, `Request-URI: ${p.message}`, pos(p.index), undefined, p.severity));
  if (parsed?.type === 'sip' && parsed.headers.size > 0) {
    problems.push(makeProblem('SIP_REQUEST_URI_HEADERS', 'the Request-URI carries URI headers ("?..."), which are not allowed there', pos(uri.indexOf('?'))));
  }
  return parsed;
}
