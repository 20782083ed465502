import type { AuthValue } from './headers/auth.js';
import type { MediaType } from './headers/media-type.js';
import type { NameAddr } from './headers/name-addr.js';
import type { Via } from './headers/via.js';
import type { HeaderField } from './header-field.js';
import { isKnownParsedHeader } from './header-parsers.js';
import type { AnySipMessage } from './message.js';
import type { Problem } from './problems.js';
import type { ParamList } from './syntax/params.js';
import { hideUriPasswords } from './syntax/chars.js';
import { percentDecode } from './uri/escape.js';
import { formatUri } from './uri/format-uri.js';
import { splitUserPart } from './uri/user-part.js';
import type { Uri } from './uri/types.js';

/**
 * JSON views of core values, shared by `siptool parse --json` and later commands. The shapes
 * are documented in docs/json/parse.md; change them only with a schema version bump.
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function paramsToJson(p: ParamList): Record<string, string | null> {
  return p.toObject();
}

export function uriToJson(uri: Uri | null): Json {
  if (uri === null) return null;
  switch (uri.type) {
    case 'sip': {
      const user = uri.user === null ? null : splitUserPart(uri.user);
      return {
        text: hideUriPasswords(formatUri(uri)),
        scheme: uri.scheme,
        user: uri.user,
        userDecoded: user ? user.user : null,
        userParams: user ? paramsToJson(user.params) : {},
        password: uri.password === null ? null : '(hidden)',
        host: uri.host,
        hostType: uri.hostType,
        port: uri.port,
        params: paramsToJson(uri.params),
        headers: paramsToJson(uri.headers),
      };
    }
    case 'tel':
      return { text: formatUri(uri), scheme: 'tel', number: uri.number, digits: uri.digits, global: uri.global, phoneContext: uri.phoneContext, params: paramsToJson(uri.params) };
    case 'absolute':
      return { text: formatUri(uri), scheme: uri.scheme, opaque: uri.opaque };
  }
}

export function nameAddrToJson(na: NameAddr): Json {
  return { displayName: na.displayName, uri: uriToJson(na.uri), uriText: hideUriPasswords(na.uriText), bracketed: na.bracketed, params: paramsToJson(na.params) };
}

export function viaToJson(v: Via): Json {
  return {
    protocol: `${v.protocol}/${v.version}`,
    transport: v.transport,
    host: v.host,
    hostType: v.hostType,
    port: v.port,
    branch: v.params.get('branch') ?? null,
    received: v.params.get('received') ?? null,
    rport: v.params.has('rport') ? (v.params.get('rport') ?? true) : null,
    maddr: v.params.get('maddr') ?? null,
    ttl: v.params.get('ttl') ?? null,
    params: paramsToJson(v.params),
  };
}

function mediaTypeToJson(m: MediaType): Json {
  return { type: m.type, subtype: m.subtype, params: paramsToJson(m.params) };
}

/** Digest values without secrets: the response hash and any password-like values are masked. */
function authToJson(a: AuthValue): Json {
  const params: Record<string, string> = {};
  for (const p of a.params) params[p.name.toLowerCase()] = p.name.toLowerCase() === 'response' ? '(hidden)' : p.value;
  return { scheme: a.scheme, params };
}

/** The structured value of a header field as JSON (null for headers without a parser). */
export function headerValueToJson(field: HeaderField): Json {
  if (!isKnownParsedHeader(field.name)) return null;
  const v = field.parsed();
  if (v === null || v === undefined) return null;
  switch (field.name) {
    case 'Via':
      return (v as Via[]).map(viaToJson);
    case 'From': case 'To': case 'Refer-To': case 'Referred-By': case 'Reply-To': case 'P-Called-Party-ID':
      return nameAddrToJson(v as NameAddr);
    case 'Contact':
      return v === '*' ? '*' : (v as NameAddr[]).map(nameAddrToJson);
    case 'Route': case 'Record-Route': case 'Path': case 'Service-Route': case 'P-Asserted-Identity': case 'P-Preferred-Identity':
    case 'P-Associated-URI': case 'Diversion': case 'History-Info': case 'Remote-Party-ID':
      return (v as NameAddr[]).map(nameAddrToJson);
    case 'Content-Type':
      return mediaTypeToJson(v as MediaType);
    case 'Accept':
      return (v as MediaType[]).map(mediaTypeToJson);
    case 'Authorization': case 'Proxy-Authorization': case 'WWW-Authenticate': case 'Proxy-Authenticate': case 'Authentication-Info':
      return authToJson(v as AuthValue);
    case 'Date':
      return (v as Date).toISOString();
    default:
      return toPlainJson(v);
  }
}

function toPlainJson(v: unknown): Json {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(toPlainJson);
  if (typeof v === 'object') {
    const o: Record<string, Json> = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
      o[k] = val !== null && typeof val === 'object' && 'items' in (val as object) && 'toObject' in (val as object) ? (val as ParamList).toObject() : toPlainJson(val);
    }
    return o;
  }
  return null;
}

export function problemToJson(p: Problem): Json {
  const o: Record<string, Json> = { code: p.code, severity: p.severity, message: p.message, line: p.line, column: p.column, offset: p.offset };
  if (p.header !== undefined) o.header = p.header;
  return o;
}

/** Headers whose values are credentials: shown with the digest response masked. */
const SECRET_HEADERS = new Set(['Authorization', 'Proxy-Authorization']);

export interface MessageJsonOptions {
  /** Include the body text (UTF-8, or base64 when it is not text). Default true. */
  body?: boolean;
}

export function messageToJson(msg: AnySipMessage, problems: readonly Problem[], options: MessageJsonOptions = {}): { [k: string]: Json } {
  const src = msg.source;
  const head: { [k: string]: Json } = {
    kind: msg.kind,
    startLine: hideUriPasswords(src ? latin1Utf8(src.startLine) : msg.startLine),
    line: src?.position.line ?? null,
    offset: src?.start ?? null,
    length: src ? src.end - src.start : null,
    version: msg.version,
  };
  if (msg.kind === 'request') {
    head.method = msg.method;
    head.uri = hideUriPasswords(msg.uri);
    head.requestUri = uriToJson(msg.requestUri);
  } else {
    head.status = msg.status;
    head.reason = msg.reason;
  }
  head.headers = msg.headers.map((h) => {
    const o: { [k: string]: Json } = {
      name: h.name,
      rawName: h.rawName,
      value: SECRET_HEADERS.has(h.name) ? h.value.replace(/(response\s*=\s*)("[^"]*"|[^,\s]+)/i, '$1"(hidden)"') : hideUriPasswords(h.value),
      line: h.line,
      column: h.column,
      offset: h.offset,
    };
    const parsed = headerValueToJson(h);
    if (parsed !== null) o.parsed = parsed;
    return o;
  });
  const body = msg.body;
  const ct = msg.contentType;
  const bodyJson: { [k: string]: Json } = { length: body.length, contentType: ct ? `${ct.type}/${ct.subtype}` : null };
  if (options.body !== false && body.length > 0) {
    const text = body.toString('utf8');
    const isText = !text.includes('\uFFFD') && !/[\x00-\x08\x0e-\x1f]/.test(text);
    bodyJson.encoding = isText ? 'utf8' : 'base64';
    bodyJson.content = isText ? text : body.toString('base64');
  }
  head.body = bodyJson;
  head.problems = problems.map(problemToJson);
  return head;
}

function latin1Utf8(s: string): string {
  return /[\x80-\xff]/.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s;
}
