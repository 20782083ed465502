/**
 * Header names: canonical spellings (RFC 3261 §20 and the IANA SIP header registry), compact
 * forms, and which headers are comma-separated lists or single-valued. Names compare
 * case-insensitively (RFC 3261 §7.3.1); `canonicalName` maps any spelling to one form.
 */
import { latin1Bytes } from './syntax/chars.js';
import { nullProto } from './null-proto.js';

const CANONICAL = [
  // the most frequent on the wire first: canonicalColonAt tries a first byte's names in this order
  'Via', 'From', 'To', 'Call-ID', 'CSeq', 'Contact', 'Max-Forwards', 'Content-Length',
  'Content-Type', 'Record-Route', 'Route', 'Allow', 'Supported', 'User-Agent', 'Server', 'Expires',
  'Require', 'P-Asserted-Identity', 'Session-Expires', 'Min-SE', 'RSeq', 'RAck', 'Reason', 'Accept',
  'Authorization', 'WWW-Authenticate', 'Proxy-Authorization', 'Proxy-Authenticate', 'Event',
  'Subscription-State', 'Date', 'Privacy', 'Diversion', 'History-Info', 'Identity', 'Refer-To',
  'Referred-By', 'Remote-Party-ID',
  // then the rest, A to Z
  'Accept-Contact', 'Accept-Encoding', 'Accept-Language', 'Accept-Resource-Priority', 'Alert-Info',
  'Allow-Events', 'Answer-Mode', 'Authentication-Info', 'Call-Info', 'Content-Disposition',
  'Content-Encoding', 'Content-Language', 'Error-Info', 'Feature-Caps', 'Flow-Timer', 'Geolocation',
  'Geolocation-Error', 'Geolocation-Routing', 'Identity-Info', 'Info-Package', 'In-Reply-To',
  'Join', 'Max-Breadth', 'MIME-Version', 'Min-Expires', 'Organization', 'P-Access-Network-Info',
  'P-Asserted-Service', 'P-Associated-URI', 'P-Called-Party-ID', 'P-Charging-Function-Addresses',
  'P-Charging-Vector', 'P-Early-Media', 'P-Preferred-Identity', 'P-Preferred-Service',
  'P-Visited-Network-ID', 'Path', 'Permission-Missing', 'Priority', 'Proxy-Require', 'Recv-Info',
  'Refer-Sub', 'Reject-Contact', 'Replaces', 'Reply-To', 'Request-Disposition', 'Resource-Priority',
  'Retry-After', 'Security-Client', 'Security-Server', 'Security-Verify', 'Service-Route',
  'Session-ID', 'SIP-ETag', 'SIP-If-Match', 'Subject', 'Suppress-If-Match', 'Target-Dialog',
  'Timestamp', 'Trigger-Consent', 'Unsupported', 'User-to-User', 'Warning',
] as const;

/** Compact forms (RFC 3261 §7.3.3 and the IANA registry). */
export const COMPACT_FORMS: Readonly<Record<string, string>> = nullProto({
  __proto__: null,
  a: 'Accept-Contact',
  b: 'Referred-By',
  c: 'Content-Type',
  d: 'Request-Disposition',
  e: 'Content-Encoding',
  f: 'From',
  i: 'Call-ID',
  j: 'Reject-Contact',
  k: 'Supported',
  l: 'Content-Length',
  m: 'Contact',
  n: 'Identity-Info',
  o: 'Event',
  r: 'Refer-To',
  s: 'Subject',
  t: 'To',
  u: 'Allow-Events',
  v: 'Via',
  x: 'Session-Expires',
  y: 'Identity',
});

/** The canonical spellings themselves (most names on the wire and in code are written so). */
const EXACT: ReadonlySet<string> = new Set<string>(CANONICAL);

/** Lower-case spellings and compact forms → canonical name; made for the first name written otherwise. */
let byLower: Map<string, string> | undefined;
function lowerTable(): Map<string, string> {
  if (byLower) return byLower;
  const t = new Map<string, string>();
  for (const name of CANONICAL) t.set(name.toLowerCase(), name);
  for (const [short, long] of Object.entries(COMPACT_FORMS)) t.set(short, long);
  return (byLower = t);
}

/** Spellings seen so far → canonical name; bounded so hostile input cannot grow it. */
const SEEN = new Map<string, string>();
const SEEN_LIMIT = 2048;

/**
 * The canonical spelling of a header name: compact forms expanded, known names in their
 * registered case; unknown names are returned as written.
 */
export function canonicalName(name: string): string {
  const hit = SEEN.get(name);
  if (hit !== undefined) return hit;
  const canon = EXACT.has(name) ? name : (lowerTable().get(name.toLowerCase()) ?? name);
  if (SEEN.size < SEEN_LIMIT) SEEN.set(name, canon);
  return canon;
}

/** Whether a header name is one siptool knows (after canonicalisation). */
export function isKnownHeader(name: string): boolean {
  return EXACT.has(name) || lowerTable().has(name.toLowerCase());
}

/**
 * Headers whose values are comma-separated lists (RFC 3261 §7.3.1): several values may share a
 * line, and several lines are one list. Everything else keeps commas as literal text
 * (WWW-Authenticate, Authorization, Date, Subject, User-Agent, unknown headers ...).
 */
export const LIST_HEADERS: ReadonlySet<string> = new Set([
  'Accept', 'Accept-Contact', 'Accept-Encoding', 'Accept-Language', 'Accept-Resource-Priority',
  'Alert-Info', 'Allow', 'Allow-Events', 'Call-Info', 'Contact', 'Content-Encoding',
  'Content-Language', 'Diversion', 'Error-Info', 'Feature-Caps', 'Geolocation', 'History-Info',
  'In-Reply-To', 'P-Asserted-Identity', 'P-Associated-URI', 'P-Early-Media', 'P-Preferred-Identity',
  'Path', 'Permission-Missing', 'Proxy-Require', 'Reason', 'Record-Route', 'Recv-Info',
  'Reject-Contact', 'Remote-Party-ID', 'Request-Disposition', 'Require', 'Resource-Priority',
  'Route', 'Security-Client', 'Security-Server', 'Security-Verify', 'Service-Route', 'Supported',
  'Trigger-Consent', 'Unsupported', 'User-to-User', 'Via', 'Warning',
]);

/** Headers that may appear once only (RFC 3261 §20, table 2 and the extensions' grammars). */
export const SINGLE_HEADERS: ReadonlySet<string> = new Set([
  'Call-ID', 'Content-Disposition', 'Content-Length', 'Content-Type', 'CSeq', 'Date', 'Event',
  'Expires', 'From', 'Max-Forwards', 'MIME-Version', 'Min-Expires', 'Min-SE', 'Organization',
  'Priority', 'RAck', 'Refer-To', 'Referred-By', 'Replaces', 'Reply-To', 'Retry-After', 'RSeq',
  'Server', 'Session-Expires', 'SIP-ETag', 'SIP-If-Match', 'Subject', 'Subscription-State',
  'Timestamp', 'To', 'User-Agent',
]);

/** Headers every request must carry (RFC 3261 §8.1.1); responses need all but Max-Forwards (§8.2.6.2). */
export const REQUIRED_IN_REQUEST = ['To', 'From', 'CSeq', 'Call-ID', 'Max-Forwards', 'Via'] as const;
export const REQUIRED_IN_RESPONSE = ['To', 'From', 'CSeq', 'Call-ID', 'Via'] as const;

/** The compact form of a canonical name, if it has one (for `--compact` output). */
export function compactFormOf(name: string): string | undefined {
  for (const [short, long] of Object.entries(COMPACT_FORMS)) if (long === name) return short;
  return undefined;
}

/**
 * Canonical names as bytes, bucketed by length and first byte, for matching in the input buffer.
 * A name's bytes are made when its bucket is first searched: a run that parses one message (a
 * probe's answer) meets a few names, and making all ~200 at start cost ~0.8 ms of it.
 */
interface Spelling {
  readonly name: string;
  bytes: Uint8Array | undefined;
}
function bytesOf(s: Spelling): Uint8Array {
  return (s.bytes ??= latin1Bytes(s.name));
}
/** By length * 128 + first byte; made at the first call (a parse may find every name by canonicalColonAt). */
let exact: Array<Spelling[] | undefined> | undefined;
function exactTable(): Array<Spelling[] | undefined> {
  if (exact) return exact;
  const t: Array<Spelling[] | undefined> = [];
  for (const name of CANONICAL) {
    const key = name.length * 128 + (name.charCodeAt(0) & 0x7f);
    (t[key] ??= []).push({ name, bytes: undefined });
  }
  return (exact = t);
}

/**
 * The canonical name when bytes[start..end) is spelled exactly as a canonical name (the common
 * case on the wire), found without decoding or allocating; undefined otherwise.
 */
export function exactCanonicalAt(bytes: Uint8Array, start: number, end: number): string | undefined {
  const bucket = (exact ?? exactTable())[(end - start) * 128 + (bytes[start]! & 0x7f)];
  if (bucket === undefined) return undefined;
  for (let k = 0; k < bucket.length; k++) {
    const b = bytesOf(bucket[k]!);
    let i = 1;
    while (i < b.length && bytes[start + i] === b[i]) i++;
    if (i === b.length) return bucket[k]!.name;
  }
  return undefined;
}

/** Canonical names by first byte, the most frequent first (for matching at the start of a line); made at the first call. */
let byFirst: Array<Spelling[] | undefined> | undefined;
function firstTable(): Array<Spelling[] | undefined> {
  if (byFirst) return byFirst;
  const t: Array<Spelling[] | undefined> = [];
  for (const name of CANONICAL) (t[name.charCodeAt(0)] ??= []).push({ name, bytes: undefined });
  return (byFirst = t);
}

/**
 * When bytes[start..] begins with a canonical name spelled exactly and directly followed by
 * ":", that name; the colon is then at start + name.length. Undefined otherwise (the caller
 * takes the general path). No search for the colon, no allocation.
 */
export function canonicalColonAt(bytes: Uint8Array, start: number, limit: number): string | undefined {
  const list = (byFirst ?? firstTable())[bytes[start]!];
  if (list === undefined) return undefined;
  for (let k = 0; k < list.length; k++) {
    const n = list[k]!.name.length;
    if (start + n >= limit || bytes[start + n] !== 58) continue;
    const b = bytesOf(list[k]!);
    let i = 1;
    while (i < n && bytes[start + i] === b[i]) i++;
    if (i === n) return list[k]!.name;
  }
  return undefined;
}
