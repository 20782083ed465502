import type { HeaderField } from '../../core/header-field.js';
import type { NameAddr } from '../../core/headers/name-addr.js';
import { splitUserPart } from '../../core/uri/user-part.js';
import type { Uri } from '../../core/uri/types.js';
import { FlowCache } from './flow-cache.js';

/**
 * A telephone number as it appears in a URI, judged with the SIP URI grammar only (no
 * numbering plan): what was written, its digits, and whether it is global ("+"). The
 * number-format rules that need a numbering plan (src/number) build on the same shape.
 */
export interface UriNumber {
  /** The number as written (the SIP user proper, or the tel: number). */
  text: string;
  /** Digits only: "+1 (415) 555-0100" gives "14155550100". */
  digits: string;
  /** Starts with "+" (E.164, RFC 3966 global number). */
  plus: boolean;
  /** sip:/sips: or tel:. */
  scheme: 'sip' | 'tel';
  /** The user parameters of a SIP user part (RFC 4904 tgrp, trunk-context, npdi, rn...). */
  userParams: string[];
  /** phone-context, when written. */
  phoneContext: string | null;
}

const NUMBER = /^\+?[0-9().\- ]*[0-9][0-9().\- ]*$/;

/** Digits of a text, nothing else. */
export function digitsOf(s: string): string {
  return s.replace(/[^0-9]/g, '');
}

/** Same number on digits: equal, or one is the other with a country/trunk prefix (8+ digits in common). */
export function sameDigits(a: string, b: string): boolean {
  if (a === b) return a !== '';
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 8 && long.length - short.length <= 3 && long.endsWith(short);
}

/** The telephone number of a URI, or undefined when its user part is not a number. */
export function numberOf(uri: Uri | null | undefined): UriNumber | undefined {
  if (!uri) return undefined;
  if (uri.type === 'tel') return { text: uri.number, digits: digitsOf(uri.digits), plus: uri.global, scheme: 'tel', userParams: [], phoneContext: uri.phoneContext };
  if (uri.type !== 'sip' || uri.user === null || uri.user === '') return undefined;
  const { user, params } = splitUserPart(uri.user);
  if (!NUMBER.test(user)) return undefined;
  const names = params.items.map((p) => p.name.toLowerCase());
  const pc = params.get('phone-context');
  return { text: user, digits: digitsOf(user), plus: user.startsWith('+'), scheme: 'sip', userParams: names, phoneContext: typeof pc === 'string' ? pc : null };
}

/** The numbers a request carries, by role, with the field (or start line) they are in. */
export interface NumberSite {
  role: 'requestUri' | 'to' | 'from' | 'pai' | 'ppi' | 'diversion';
  label: string;
  number: UriNumber;
  uri: Uri;
  /** The field, or undefined for the Request-URI. */
  field?: HeaderField;
  /** Where the number's text starts in the field value (or the start line). */
  index: number;
}

function firstAddress(field: HeaderField | undefined): NameAddr | undefined {
  const v = field?.parsed();
  if (Array.isArray(v)) return v[0] as NameAddr | undefined;
  return v && typeof v === 'object' && 'uriText' in (v as object) ? (v as NameAddr) : undefined;
}

/** Index of `needle` in `hay` after `from` (or at `from`), falling back to `from`. */
function indexAfter(hay: string, needle: string, from: number): number {
  const i = hay.indexOf(needle, from);
  return i < 0 ? Math.max(0, from) : i;
}

/** Request-URI, To, From, P-Asserted-Identity, P-Preferred-Identity and Diversion numbers of a request. */
export function numberSites(msg: { kind: string; startLine: string; get(name: string): HeaderField | undefined; requestUri?: Uri | null; uri?: string; modified?: boolean }): NumberSite[] {
  // eight rules ask for every request: a parsed message that was not edited is read once (the list is shared, read-only)
  if (msg.modified !== false) return readNumberSites(msg);
  let sites = siteCache.get(msg);
  if (sites === undefined) {
    sites = readNumberSites(msg);
    siteCache.set(msg, sites);
  }
  return sites;
}

const siteCache = new FlowCache<object, NumberSite[]>();

/**
 * numberOf by URI object: the messages of a call share their parsed header values (validation
 * memo), so To, From and an in-dialog Request-URI are read once per call, not once per request.
 */
const uriNumbers = new FlowCache<Uri, UriNumber | null>();

function sharedNumberOf(uri: Uri | null | undefined): UriNumber | undefined {
  if (!uri) return undefined;
  let n = uriNumbers.get(uri);
  if (n === undefined) {
    n = numberOf(uri) ?? null;
    uriNumbers.set(uri, n);
  }
  return n ?? undefined;
}

/** The headers numberSites reads, with their roles, in order. */
const SITE_HEADERS: ReadonlyArray<readonly [NumberSite['role'], string]> = [
  ['to', 'To'],
  ['from', 'From'],
  ['pai', 'P-Asserted-Identity'],
  ['ppi', 'P-Preferred-Identity'],
  ['diversion', 'Diversion'],
];

function readNumberSites(msg: { kind: string; startLine: string; get(name: string): HeaderField | undefined; requestUri?: Uri | null; uri?: string }): NumberSite[] {
  const out: NumberSite[] = [];
  if (msg.kind === 'request' && msg.requestUri !== undefined && msg.uri !== undefined) {
    const n = sharedNumberOf(msg.requestUri);
    if (n && msg.requestUri) out.push({ role: 'requestUri', label: 'Request-URI', number: n, uri: msg.requestUri, index: indexAfter(msg.startLine, n.text, msg.startLine.indexOf(msg.uri)) });
  }
  for (const [role, name] of SITE_HEADERS) {
    const field = msg.get(name);
    const a = firstAddress(field);
    const n = sharedNumberOf(a?.uri);
    if (!field || !a || !n || !a.uri) continue;
    const at = field.lexValue.indexOf(a.uriText);
    out.push({ role, label: name, number: n, uri: a.uri, field, index: indexAfter(field.lexValue, n.text, Math.max(0, at)) });
  }
  return out;
}
