import type { ParamList } from '../syntax/params.js';
import type { HostType } from './host.js';

/** A sip: or sips: URI (RFC 3261 §19.1). Text fields keep their %-escapes as written. */
export interface SipUri {
  readonly type: 'sip';
  scheme: 'sip' | 'sips';
  /** userinfo user as written (escapes kept), including any `;params` of a telephone-subscriber. */
  user: string | null;
  password: string | null;
  /** Host as written; IPv6 references keep their brackets. */
  host: string;
  hostType: HostType;
  port: number | null;
  /** URI parameters (transport, user, method, ttl, maddr, lr, ...). */
  params: ParamList;
  /** URI headers (`?name=value&...`), values escaped as written. */
  headers: ParamList;
}

/** A tel: URI (RFC 3966). */
export interface TelUri {
  readonly type: 'tel';
  /** The number as written, with visual separators. */
  number: string;
  /** The number without visual separators ("+12015550123", "7042"). */
  digits: string;
  /** True for a global number (starts with "+"). */
  global: boolean;
  /** phone-context, when present (required for local numbers). */
  phoneContext: string | null;
  /** All parameters in order, phone-context and ext/isub included. */
  params: ParamList;
}

/** Any other absoluteURI (RFC 3261 §25.1), e.g. `http:`, `urn:`, `isbn:`: kept opaque. */
export interface AbsoluteUri {
  readonly type: 'absolute';
  /** Scheme in lower case. */
  scheme: string;
  /** Everything after the first colon. */
  opaque: string;
}

export type Uri = SipUri | TelUri | AbsoluteUri;
