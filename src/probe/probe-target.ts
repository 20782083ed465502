import { isIPv4, isIPv6 } from '../core/uri/host.js';
import { SiptoolError } from '../errors.js';
import { DnsError } from '../dns/errors.js';
import { parseTarget, type SipTarget } from '../dns/parse-target.js';
import { hasMark, plainHostPort, schemeOf, sipUserOf, transportPrefix } from '../dns/target-text.js';
import type { ResolvedTarget } from '../dns/resolve-result.js';
import { TRANSPORT_INFO, type Transport } from '../dns/transports.js';
import type { TransportProtocol } from '../transport/types.js';

/** The transports `siptool probe` can open. */
export const PROBE_TRANSPORTS: readonly TransportProtocol[] = ['udp', 'tcp', 'tls', 'ws', 'wss'];

/** A target siptool probe cannot use: not one host, a list or range (it is not a scanner), a bad URI. */
export class ProbeTargetError extends SiptoolError {
  constructor(message: string) {
    super('SIPTOOL_ERR_PROBE_TARGET', message);
    this.name = 'ProbeTargetError';
  }
}

/** One probe target as typed, ready for RFC 3263 resolution. */
export interface ProbeTarget {
  input: string;
  /** What the resolver starts from (host, port, transport, scheme). */
  sip: SipTarget;
  /** The Request-URI to send (the URI as given; sip:host[:port] for the other forms). */
  requestUri: string;
  /** The SIP domain (TLS SNI and certificate match, WebSocket Host); null for an IP literal. */
  domain: string | null;
  /** The user part of the URI, when there is one. */
  user: string | null;
  /** WebSocket resource path (ws:// and wss:// URLs). */
  wsPath: string | undefined;
  /** How the target was written. */
  form: 'domain' | 'host-port' | 'ip' | 'sip-uri' | 'transport-prefix' | 'ws-url';
}

/** Why an input names several targets (a list, a range, a CIDR block, a wildcard), or null. */
export function scannerPattern(host: string): string | null {
  // each form below needs white space, one of these characters or "..": most targets are decided
  // by this one check (/[\s,;/*?-]|\.\./ without a pattern: each is compiled at its first use)
  if (!hasMark(host, ',;/*?-', true)) return null;
  if (/[\s,;]/.test(host)) return 'a list of targets';
  if (/^[0-9a-f:.[\]]+\/\d{1,3}(:\d+)?$/i.test(host)) return 'a CIDR block';
  if (/^\d{1,3}(\.\d{1,3}){0,3}(\.\d{1,3})?-\d{1,3}(\.\d{1,3}){0,3}$/.test(host) || /\[\d+-\d+\]/.test(host) || /^\d{1,3}(\.\d{1,3}){3}\.\.\d/.test(host)) return 'an address range';
  if (/:\d+-\d+$/.test(host)) return 'a port range';
  if (/[*?]/.test(host)) return 'a wildcard';
  return null;
}

function refuse(input: string, what: string): never {
  throw new ProbeTargetError(`"${clip(input)}" looks like ${what}: siptool probe takes exactly one target (it is not a scanner)`);
}

function clip(s: string): string {
  const printable = s.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 80 ? printable.slice(0, 79) + '…' : printable;
}

const URL_FORM = /^(ws|wss):\/\/([^/?#]*)([^?#]*)?(?:[?#].*)?$/i;

/**
 * Reads a probe target: a domain (`carrier.example`, resolved with RFC 3263), `host:port`, an
 * IPv4 or IPv6 literal (`192.0.2.1`, `::1`, `[::1]:5060`), a `sip:`/`sips:` URI (with a user
 * part), `udp:host:port` / `tcp:` / `tls:` / `ws:` / `wss:` (sipexer style) or a `ws://` /
 * `wss://` URL. `transport` is --transport and must agree with the one the target names.
 * Throws ProbeTargetError (SIPTOOL_ERR_PROBE_TARGET) for lists, ranges, CIDR blocks and
 * wildcards, and for anything that is not one SIP host.
 */
export function parseProbeTarget(input: string, transport?: TransportProtocol | null): ProbeTarget {
  const text = input.trim();
  if (text === '') throw new ProbeTargetError('no target given: siptool probe <domain | host[:port] | sip:URI | udp:host:port | wss://host/path>');
  if (text.length > 2048) throw new ProbeTargetError('the target is longer than 2048 characters');
  // (URL_FORM needs "ws" or "wss" first: other targets skip compiling it)
  const url = (text.charCodeAt(0) | 0x20) === 119 ? URL_FORM.exec(text) : null;
  if (url) return fromUrl(text, url[1]!.toLowerCase() as 'ws' | 'wss', url[2]!, url[3] || '/', transport);
  const prefixed = transportPrefix(text);
  if (prefixed) {
    const proto = prefixed.proto.toLowerCase();
    if (proto === 'sctp') throw new ProbeTargetError(`"${clip(text)}": siptool probe speaks udp, tcp, tls, ws and wss, not sctp`);
    const hostPart = prefixed.rest;
    const several = scannerPattern(hostPart);
    if (several) refuse(text, several);
    agree(text, proto as TransportProtocol, transport);
    const hp = splitHostPort(text, hostPart);
    return build(text, `sip:${bracket(hp.host)}${hp.port ? ':' + hp.port : ''};transport=${proto}`, proto as TransportProtocol, 'transport-prefix', `sip:${bracket(hp.host)}${hp.port ? ':' + hp.port : ''}`);
  }
  const scheme = schemeOf(text);
  if (scheme === 'sip' || scheme === 'sips') {
    const hostPart = text.slice(scheme.length + 1).replace(/^[^@]*@/, '').split(/[;?]/)[0] ?? '';
    const several = scannerPattern(hostPart);
    if (several) refuse(text, several);
    return build(text, text, transport ?? null, 'sip-uri', text);
  }
  if (scheme === 'tel') throw new ProbeTargetError(`"${clip(text)}": a tel: URI names no host; give the carrier's domain with the number as user part (sip:+15551234567@carrier.example)`);
  const several = scannerPattern(text);
  if (several) refuse(text, several);
  if (scheme && !/^[a-z0-9.-]+:\d+$/i.test(text)) throw new ProbeTargetError(`"${clip(text)}": "${scheme}:" is not a target siptool probe understands; give a domain, host:port, a sip:/sips: URI, udp:host:port or a ws:// / wss:// URL`);
  const hp = splitHostPort(text, text);
  const uri = `sip:${bracket(hp.host)}${hp.port ? ':' + hp.port : ''}`;
  const form = isIPv4(hp.host) || isIPv6(hp.host) ? 'ip' : hp.port ? 'host-port' : 'domain';
  return build(text, uri, transport ?? null, form, uri);
}

function agree(text: string, named: TransportProtocol, flag: TransportProtocol | null | undefined): void {
  if (flag && flag !== named) throw new ProbeTargetError(`"${clip(text)}" says ${named} but --transport ${flag} was given; drop one of them`);
}

function bracket(host: string): string {
  return isIPv6(host) ? `[${host}]` : host;
}

/** host, host:port, [v6]:port or a bare IPv6 literal. */
function splitHostPort(text: string, s: string): { host: string; port: number | null } {
  if (isIPv6(s)) return { host: s, port: null };
  let host: string;
  let portText: string | undefined;
  if (s.startsWith('[')) {
    const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
    if (!m) throw new ProbeTargetError(`"${clip(text)}" is not host, host:port or [IPv6]:port`);
    host = m[1]!;
    portText = m[2];
  } else {
    const hp = plainHostPort(s);
    if (!hp) throw new ProbeTargetError(`"${clip(text)}" is not host, host:port or [IPv6]:port`);
    ({ host, port: portText } = hp);
  }
  const port = portText === undefined ? null : Number(portText);
  if (port !== null && (port < 1 || port > 65535)) throw new ProbeTargetError(`"${clip(text)}": port ${portText} is outside 1..65535`);
  if (s.startsWith('[') && !isIPv6(host)) throw new ProbeTargetError(`"${clip(text)}": ${host} in brackets is not an IPv6 address`);
  return { host, port };
}

function fromUrl(text: string, proto: 'ws' | 'wss', authority: string, path: string, flag: TransportProtocol | null | undefined): ProbeTarget {
  const several = scannerPattern(authority);
  if (several) refuse(text, several);
  agree(text, proto, flag);
  if (authority.includes('@')) throw new ProbeTargetError(`"${clip(text)}": user information in a WebSocket URL is not supported`);
  const hp = splitHostPort(text, authority);
  const port = hp.port ?? TRANSPORT_INFO[proto].defaultPort;
  const t = build(text, `sip:${bracket(hp.host)}:${port};transport=${proto}`, proto, 'ws-url', `sip:${bracket(hp.host)}`);
  return { ...t, wsPath: path };
}

function build(input: string, uriText: string, transport: TransportProtocol | null, form: ProbeTarget['form'], requestUri: string): ProbeTarget {
  let sip: SipTarget;
  try {
    sip = parseTarget(uriText, transport as Transport | null);
  } catch (e) {
    if (e instanceof DnsError) throw new ProbeTargetError(e.message.replace(/; resolve takes one domain or SIP URI$/, ''));
    throw e;
  }
  if (sip.unknownTransport) throw new ProbeTargetError(`"${clip(input)}": transport=${sip.unknownTransport} is not a transport siptool knows (udp, tcp, tls, ws, wss)`);
  if (sip.transport === 'sctp' || sip.transport === 'tls-sctp') throw new ProbeTargetError(`"${clip(input)}": siptool probe speaks udp, tcp, tls, ws and wss, not ${sip.transport}`);
  const user = sipUserOf(requestUri);
  return { input, sip, requestUri, domain: sip.hostType === 'domain' ? sip.uriHost : null, user, wsPath: undefined, form };
}

/** The single target of an IP literal (no DNS): RFC 3263 §4.1-4.2 defaults for transport and port. */
export function literalTarget(t: SipTarget): ResolvedTarget {
  const transport: Transport = t.transport ?? (t.scheme === 'sips' ? 'tls' : 'udp');
  return { transport, host: t.host, address: t.host, family: t.hostType === 'ipv6' ? 6 : 4, port: t.port ?? TRANSPORT_INFO[transport].defaultPort, priority: null, weight: null, probability: null, naptr: null, srv: null, ttl: null, chain: [] };
}

/** True for the transports probe can open (not SCTP). */
export function isProbeTransport(t: string): t is TransportProtocol {
  return (PROBE_TRANSPORTS as readonly string[]).includes(t);
}
