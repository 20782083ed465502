import { InvalidArgumentError } from '../errors.js';
import { appendHeadersAndBody } from './build-fields.js';
import { HeaderField } from './header-field.js';
import { formatNameAddr, readNameAddr, type NameAddr } from './headers/name-addr.js';
import { formatVia } from './headers/via.js';
import { defaultRandom, newBranch, newCallId, newTag, type RandomSource } from './ids.js';
import { SipRequest } from './message.js';
import { ParamList } from './syntax/params.js';
import { collectInto, type ValueProblem } from './syntax/report.js';
import { isToken } from './syntax/chars.js';
import { formatUri } from './uri/format-uri.js';
import { parseUriWithProblems } from './uri/parse-uri.js';
import { PROBLEM_CODES } from './problems.js';
import type { Uri } from './uri/types.js';

/** An address as text (`"Alice" <sip:alice@example.com>`, `sip:bob@example.com`) or parts. */
export type AddressSpec = string | { uri: string | Uri; displayName?: string; params?: Record<string, string | null> };

export interface RequestSpec {
  method: string;
  /** Request-URI. */
  uri: string | Uri;
  from: AddressSpec;
  to: AddressSpec;
  /** Where responses should come back: the top Via (RFC 3261 §18.1.1). */
  via: { transport: string; host: string; port?: number; branch?: string; rport?: boolean };
  /** Contact; omitted when null/undefined. */
  contact?: AddressSpec | null;
  callId?: string;
  cseq?: number;
  maxForwards?: number;
  /** Extra header fields in order, e.g. [['User-Agent', 'siptool'], ['Route', '<sip:p.example.com;lr>']]. */
  headers?: Array<[string, string]>;
  body?: Buffer | string;
  contentType?: string;
}

export interface BuildContext {
  /** Randomness for tags, branches and Call-IDs (inject for reproducible output). */
  random?: RandomSource;
}

function toNameAddr(spec: AddressSpec, what: string): NameAddr {
  if (typeof spec === 'string') {
    const problems: ValueProblem[] = [];
    const na = readNameAddr(spec, 0, spec.length, collectInto(problems));
    if (problems.length > 0 || na.uri === null) throw new InvalidArgumentError(`${what} "${spec}" is not a valid address: ${problems[0]?.message ?? 'no URI'}`);
    return na;
  }
  const uriText = typeof spec.uri === 'string' ? spec.uri : formatUri(spec.uri);
  const na = toNameAddr(`<${uriText}>`, what);
  na.displayName = spec.displayName ?? null;
  const params = new ParamList();
  for (const [k, v] of Object.entries(spec.params ?? {})) params.set(k, v);
  na.params = params;
  return na;
}

/**
 * Builds a request with the header fields RFC 3261 §8.1.1 requires: Via (with a z9hG4bK branch
 * and rport), Max-Forwards 70, From with a tag, To, Call-ID, CSeq, Contact, then the extra
 * headers and Content-Type/Content-Length.
 */
export function buildRequest(spec: RequestSpec, ctx: BuildContext = {}): SipRequest {
  const random = ctx.random ?? defaultRandom;
  if (!isToken(spec.method)) throw new InvalidArgumentError(`method "${spec.method}" is not a token`);
  const uri = typeof spec.uri === 'string' ? spec.uri : formatUri(spec.uri);
  const uriProblems = parseUriWithProblems(uri).problems.filter((p) => PROBLEM_CODES[p.code].severity === 'error');
  if (uriProblems.length > 0) throw new InvalidArgumentError(`Request-URI "${uri}" is not valid: ${uriProblems[0]!.message}`);
  const maxForwards = spec.maxForwards ?? 70;
  if (!Number.isInteger(maxForwards) || maxForwards < 0 || maxForwards > 255) throw new InvalidArgumentError(`Max-Forwards ${maxForwards} is not an integer from 0 to 255`);
  const from = toNameAddr(spec.from, 'From');
  if (!from.params.has('tag')) from.params.set('tag', newTag(random));
  const to = toNameAddr(spec.to, 'To');
  const params = new ParamList();
  params.set('branch', spec.via.branch ?? newBranch(random));
  if (spec.via.rport ?? true) params.set('rport', null);
  const via = formatVia({
    protocol: 'SIP',
    version: '2.0',
    transport: spec.via.transport.toUpperCase(),
    host: spec.via.host.includes(':') && !spec.via.host.startsWith('[') ? `[${spec.via.host}]` : spec.via.host,
    hostType: 'domain',
    port: spec.via.port ?? null,
    params,
  });
  const cseq = spec.cseq ?? 1;
  if (!Number.isInteger(cseq) || cseq < 0 || cseq > 2 ** 31 - 1) throw new InvalidArgumentError(`CSeq ${cseq} is not an integer below 2^31`);
  const fields: HeaderField[] = [
    HeaderField.create('Via', via),
    HeaderField.create('Max-Forwards', String(maxForwards)),
    HeaderField.create('From', formatNameAddr(from)),
    HeaderField.create('To', formatNameAddr(to)),
    HeaderField.create('Call-ID', spec.callId ?? newCallId(random)),
    HeaderField.create('CSeq', `${cseq} ${spec.method}`),
  ];
  if (spec.contact !== undefined && spec.contact !== null) fields.push(HeaderField.create('Contact', formatNameAddr(toNameAddr(spec.contact, 'Contact'))));
  const body = appendHeadersAndBody(fields, spec.headers, spec.body, spec.contentType);
  return new SipRequest(spec.method, uri, 'SIP/2.0', fields, body);
}
