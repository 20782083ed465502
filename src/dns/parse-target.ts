import { bareHost, hostType as classifyHost, isIPv6, type HostType } from '../core/uri/host.js';
import { parseUriWithProblems } from '../core/uri/parse-uri.js';
import { formatUri } from '../core/uri/format-uri.js';
import { DnsError } from './errors.js';
import { hasMark, schemeOf } from './target-text.js';
import { TRANSPORT_INFO, transportFromParam, type Transport } from './transports.js';

/** What RFC 3263 §4 starts from: the URI, and the TARGET within it. */
export interface SipTarget {
  /** The input as given. */
  input: string;
  /** The URI resolved (a bare host becomes sip:host). */
  uri: string;
  scheme: 'sip' | 'sips';
  /** RFC 3263 §4: the maddr parameter when present, else the host; lower case, no brackets. */
  host: string;
  hostType: HostType;
  /** The host of the URI itself (differs from `host` when maddr is used). */
  uriHost: string;
  maddr: string | null;
  port: number | null;
  /** From the transport= parameter or --transport. */
  transport: Transport | null;
  /** The transport= value as written, when it names no transport siptool knows. */
  unknownTransport: string | null;
}

/** A list, a range or a CIDR block where one target was expected. */
function looksLikeSeveral(s: string): string | null {
  // each form below needs white space or one of these characters: most targets are decided by
  // this one check (/[\s,/*?-]/ without a pattern: each is compiled at its first use)
  if (!hasMark(s, ',/*?-', false)) return null;
  if (/[\s,]/.test(s)) return 'a list of targets';
  if (/^\d{1,3}(\.\d{1,3}){3}\/\d+$/.test(s) || /^[0-9a-f:]+\/\d+$/i.test(s)) return 'a CIDR range';
  if (/^\d{1,3}(\.\d{1,3}){3}-\d/.test(s)) return 'an address range';
  if (/[*?]/.test(s)) return 'a wildcard';
  return null;
}

/**
 * Reads a `siptool resolve` target: a sip:/sips: URI, or a bare host with an optional port
 * ("example.com", "example.com:5080", "[2001:db8::1]:5060", "192.0.2.1"). `transport` is
 * --transport: it acts as a transport= parameter and must agree with one already in the URI.
 * Throws DnsError DNS_ERR_BAD_TARGET for anything else (tel: URIs, lists, ranges, bad hosts).
 */
export function parseTarget(input: string, transport?: Transport | null): SipTarget {
  const text = input.trim();
  if (text === '') throw new DnsError('DNS_ERR_BAD_TARGET', 'no target given (a domain or a sip:/sips: URI)');
  if (text.length > 2048) throw new DnsError('DNS_ERR_BAD_TARGET', 'the target is longer than 2048 characters');
  const several = looksLikeSeveral(text);
  if (several) throw new DnsError('DNS_ERR_BAD_TARGET', `"${text.slice(0, 80)}" looks like ${several}; resolve takes one domain or SIP URI`);
  const scheme = schemeOf(text);
  let uriText = text;
  if (scheme === 'tel') throw new DnsError('DNS_ERR_BAD_TARGET', 'a tel: URI names no host to resolve; give the SIP domain of the carrier (sip:+1...@domain)');
  if (scheme !== 'sip' && scheme !== 'sips') {
    // a bare host[:port]; "host:5060" also matches the scheme pattern, so look at what follows
    if (scheme && !/^[a-z0-9.-]+:\d+$/i.test(text)) throw new DnsError('DNS_ERR_BAD_TARGET', `"${scheme}:" URIs cannot be resolved as SIP; give a domain or a sip:/sips: URI`);
    uriText = isIPv6(text) ? `sip:[${text}]` : `sip:${text}`;
  }
  const { uri, problems } = parseUriWithProblems(uriText);
  if (!uri || uri.type !== 'sip') throw new DnsError('DNS_ERR_BAD_TARGET', `"${text}" is not a SIP URI or host`);
  const bad = problems[0];
  if (bad && /[^\x00-\x7f]/.test(text)) throw new DnsError('DNS_ERR_BAD_TARGET', `"${text}": give an internationalised domain in its ASCII (punycode, xn--) form`);
  if (bad) throw new DnsError('DNS_ERR_BAD_TARGET', `"${text}": ${bad.message}`);
  if (uri.port !== null && (uri.port < 1 || uri.port > 65535)) throw new DnsError('DNS_ERR_BAD_TARGET', `"${text}": port ${uri.port} is outside 1..65535`);
  const secure = uri.scheme === 'sips';
  const maddrRaw = uri.params.get('maddr');
  let maddr: string | null = null;
  if (typeof maddrRaw === 'string' && maddrRaw !== '') {
    if (classifyHost(maddrRaw) === null) throw new DnsError('DNS_ERR_BAD_TARGET', `maddr "${maddrRaw}" is not a host name or IP address`);
    maddr = bareHost(maddrRaw);
  }
  const param = uri.params.get('transport');
  let fromUri: Transport | null = null;
  let unknownTransport: string | null = null;
  if (typeof param === 'string' && param !== '') {
    fromUri = transportFromParam(param, secure);
    if (!fromUri) unknownTransport = param;
  }
  let chosen = fromUri;
  if (transport) {
    const wanted = secure && !TRANSPORT_INFO[transport].secure ? (transportFromParam(transport, true) ?? transport) : transport;
    if (fromUri && fromUri !== wanted) {
      throw new DnsError('DNS_ERR_BAD_TARGET', `the URI says transport=${param} but --transport ${transport} was given; drop one of them`);
    }
    chosen = wanted;
  }
  const host = maddr ?? bareHost(uri.host);
  const type = classifyHost(maddr ?? uri.host) ?? 'domain';
  return {
    input: text,
    uri: formatUri(uri),
    scheme: uri.scheme,
    host: withoutFinalDot(host),
    hostType: type,
    uriHost: withoutFinalDot(bareHost(uri.host)),
    maddr,
    port: uri.port,
    transport: chosen,
    unknownTransport,
  };
}

/** The host without the final dot of a fully qualified name ("example.com." is example.com). */
function withoutFinalDot(host: string): string {
  return host.endsWith('.') ? host.slice(0, -1) : host;
}
