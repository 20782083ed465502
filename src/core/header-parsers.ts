import { readAuth, readAuthInfo, type AuthValue } from './headers/auth.js';
import { readCallId } from './headers/call-id.js';
import { readCSeq, readCSeqIn, type CSeq } from './headers/cseq.js';
import { readDate } from './headers/date.js';
import { readAccept, readContentType, type MediaType } from './headers/media-type.js';
import { readNameAddr, readNameAddrList, type NameAddr } from './headers/name-addr.js';
import { quickCallId } from './quick-facts.js';
import { LIMITS, readUnsigned } from './headers/numbers.js';
import { readRAck, type RAck } from './headers/rack.js';
import { readRetryAfter, type RetryAfter } from './headers/retry-after.js';
import { readPrivacy, readTokenList } from './headers/token-list.js';
import { readTokenWithParams, readTokenWithParamsList, type TokenWithParams } from './headers/token-params.js';
import { readVia, readViaList, type Via } from './headers/via.js';
import { readWarningList, type WarningValue } from './headers/warning.js';
import { ignoreProblems, type Report } from './syntax/report.js';
import { readListIn } from './syntax/split-list.js';
import { nullProto } from './null-proto.js';

/** The structured value each known header parses to. Headers not listed stay text. */
export interface HeaderValueMap {
  'Accept': MediaType[];
  'Allow': string[];
  'Allow-Events': string[];
  'Authentication-Info': AuthValue;
  'Authorization': AuthValue | null;
  'Call-ID': string;
  'Contact': NameAddr[] | '*';
  'Content-Disposition': TokenWithParams;
  'Content-Encoding': string[];
  'Content-Length': number | null;
  'Content-Type': MediaType | null;
  'CSeq': CSeq | null;
  'Date': Date | null;
  'Diversion': NameAddr[];
  'Event': TokenWithParams;
  'Expires': number | null;
  'From': NameAddr;
  'History-Info': NameAddr[];
  'Max-Forwards': number | null;
  'Min-Expires': number | null;
  'Min-SE': TokenWithParams;
  'P-Asserted-Identity': NameAddr[];
  'P-Associated-URI': NameAddr[];
  'P-Called-Party-ID': NameAddr;
  'P-Preferred-Identity': NameAddr[];
  'Path': NameAddr[];
  'Privacy': string[];
  'Proxy-Authenticate': AuthValue | null;
  'Proxy-Authorization': AuthValue | null;
  'Proxy-Require': string[];
  'RAck': RAck | null;
  'Reason': TokenWithParams[];
  'Record-Route': NameAddr[];
  'Refer-To': NameAddr;
  'Referred-By': NameAddr;
  'Remote-Party-ID': NameAddr[];
  'Reply-To': NameAddr;
  'Require': string[];
  'Retry-After': RetryAfter | null;
  'Route': NameAddr[];
  'RSeq': number | null;
  'Service-Route': NameAddr[];
  'Session-Expires': TokenWithParams;
  'Subscription-State': TokenWithParams;
  'Supported': string[];
  'To': NameAddr;
  'Unsupported': string[];
  'Via': Via[];
  'Warning': WarningValue[];
  'WWW-Authenticate': AuthValue | null;
}

export type KnownHeader = keyof HeaderValueMap;

type Parser<T> = (text: string, report: Report) => T;

function unsigned(what: string, max: number): Parser<number | null> {
  return (s, report) => readUnsigned(s, 0, s.length, max, what, report);
}

function deltaWithParams(what: string): Parser<TokenWithParams> {
  return (s, report) => {
    const v = readTokenWithParams(s, 0, s.length, report, what);
    if (v.value !== '' && !/^\d+$/.test(v.value)) report('SIP_HEADER_SYNTAX', `${what} must be a number of seconds`, 0);
    else if (v.value !== '') readUnsigned(v.value, 0, v.value.length, LIMITS.deltaSeconds, what, report);
    return v;
  };
}

const nameAddr: Parser<NameAddr> = (s, report) => readNameAddr(s, 0, s.length, report);

/** Whitespace as String.prototype.trim sees it, for latin1 text. */
function isTrimmed(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 160;
}

/** s[start..end).trim() === '*', without the trimmed copy. */
function isStar(s: string, start: number, end: number): boolean {
  while (start < end && isTrimmed(s.charCodeAt(start))) start++;
  while (end > start && isTrimmed(s.charCodeAt(end - 1))) end--;
  return end - start === 1 && s.charCodeAt(start) === 42;
}

/** Canonical header name → value parser. */
export const HEADER_PARSERS: { readonly [K in KnownHeader]: Parser<HeaderValueMap[K]> } = nullProto({
  __proto__: null,
  'Accept': readAccept,
  'Allow': readTokenList,
  'Allow-Events': readTokenList,
  'Authentication-Info': readAuthInfo,
  'Authorization': readAuth,
  'Call-ID': readCallId,
  'Contact': (s, report) => (isStar(s, 0, s.length) ? '*' : readNameAddrList(s, report)),
  'Content-Disposition': (s, report) => readTokenWithParams(s, 0, s.length, report, 'Content-Disposition'),
  'Content-Encoding': readTokenList,
  'Content-Length': unsigned('Content-Length', Number.MAX_SAFE_INTEGER),
  'Content-Type': readContentType,
  'CSeq': readCSeq,
  'Date': readDate,
  'Diversion': readNameAddrList,
  'Event': (s, report) => readTokenWithParams(s, 0, s.length, report, 'Event'),
  'Expires': unsigned('Expires', LIMITS.deltaSeconds),
  'From': nameAddr,
  'History-Info': readNameAddrList,
  'Max-Forwards': unsigned('Max-Forwards', LIMITS.maxForwards),
  'Min-Expires': unsigned('Min-Expires', LIMITS.deltaSeconds),
  'Min-SE': deltaWithParams('Min-SE'),
  'P-Asserted-Identity': readNameAddrList,
  'P-Associated-URI': readNameAddrList,
  'P-Called-Party-ID': nameAddr,
  'P-Preferred-Identity': readNameAddrList,
  'Path': readNameAddrList,
  'Privacy': readPrivacy,
  'Proxy-Authenticate': readAuth,
  'Proxy-Authorization': readAuth,
  'Proxy-Require': readTokenList,
  'RAck': readRAck,
  'Reason': (s, report) => readTokenWithParamsList(s, report, 'Reason'),
  'Record-Route': readNameAddrList,
  'Refer-To': nameAddr,
  'Referred-By': nameAddr,
  'Remote-Party-ID': readNameAddrList,
  'Reply-To': nameAddr,
  'Require': readTokenList,
  'Retry-After': readRetryAfter,
  'Route': readNameAddrList,
  'RSeq': unsigned('RSeq', LIMITS.rseq),
  'Service-Route': readNameAddrList,
  'Session-Expires': deltaWithParams('Session-Expires'),
  'Subscription-State': (s, report) => readTokenWithParams(s, 0, s.length, report, 'Subscription-State'),
  'Supported': readTokenList,
  'To': nameAddr,
  'Unsupported': readTokenList,
  'Via': readViaList,
  'Warning': readWarningList,
  'WWW-Authenticate': readAuth,
} satisfies { __proto__: null } & { readonly [K in KnownHeader]: Parser<HeaderValueMap[K]> });

const BY_NAME = new Map<string, Parser<unknown>>(Object.entries(HEADER_PARSERS));

export function isKnownParsedHeader(name: string): name is KnownHeader {
  return BY_NAME.has(name);
}

/** The value parser of a canonical header name, or undefined for headers kept as text. */
export function parserFor(name: string): Parser<unknown> | undefined {
  return BY_NAME.get(name);
}

type InPlaceParser = (s: string, start: number, end: number) => unknown;
const nameAddrIn: InPlaceParser = (s, a, b) => readNameAddr(s, a, b, ignoreProblems);
const nameAddrListIn: InPlaceParser = (s, a, b) => readListIn(s, a, b, ignoreProblems, readNameAddr);

/**
 * The headers every tool reads, parsed without collecting problems straight from s[start..end)
 * (exactly the text lexValue would hold), so the value is not copied first. Each gives what its
 * HEADER_PARSERS entry gives for the same text with ignoreProblems.
 */
const IN_PLACE = new Map<string, InPlaceParser>([
  ['Call-ID', quickCallId],
  ['Contact', (s, a, b) => (isStar(s, a, b) ? '*' : readListIn(s, a, b, ignoreProblems, readNameAddr))],
  ['CSeq', (s, a, b) => readCSeqIn(s, a, b, ignoreProblems)],
  ['From', nameAddrIn],
  ['To', nameAddrIn],
  ['Via', (s, a, b) => readListIn(s, a, b, ignoreProblems, readVia)],
  ['Route', nameAddrListIn],
  ['Record-Route', nameAddrListIn],
  ['P-Asserted-Identity', nameAddrListIn],
]);

/** The in-place light parser of a canonical header name, if it has one. */
export function inPlaceParserFor(name: string): InPlaceParser | undefined {
  return IN_PLACE.get(name);
}
