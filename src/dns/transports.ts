/**
 * SIP transports as RFC 3263 names them in DNS. The NAPTR service values come from the IANA
 * registry "SIP Table of Mappings From Service Field Values to Transport Protocols" (RFC 3263
 * §9, RFC 4168 for SIPS+D2S, RFC 7118 for SIP+D2W/SIPS+D2W); the SRV names follow RFC 3263
 * §4.1-4.2 ("_sip" or "_sips" plus "_" and the transport); default ports are RFC 3261 §19.1.2
 * (5060, 5061 for TLS) and RFC 7118 §7 (80 for WS, 443 for WSS).
 */

export const TRANSPORTS = ['udp', 'tcp', 'tls', 'sctp', 'tls-sctp', 'ws', 'wss'] as const;
export type Transport = (typeof TRANSPORTS)[number];

/** What `--transport` accepts (tls-sctp is only reachable through NAPTR SIPS+D2S or sips+sctp). */
export const TRANSPORT_CHOICES = ['udp', 'tcp', 'tls', 'sctp', 'ws', 'wss'] as const;

export interface TransportInfo {
  /** NAPTR service field value (RFC 3263 §4.1). */
  service: string;
  /** SRV owner prefix, without the domain. */
  srv: string;
  defaultPort: number;
  /** Carried over TLS: the only transports allowed for a SIPS URI (RFC 3261 §26.2.2). */
  secure: boolean;
  /** How the transport is written in a Via header. */
  label: string;
}

export const TRANSPORT_INFO: Record<Transport, TransportInfo> = {
  udp: { service: 'SIP+D2U', srv: '_sip._udp', defaultPort: 5060, secure: false, label: 'UDP' },
  tcp: { service: 'SIP+D2T', srv: '_sip._tcp', defaultPort: 5060, secure: false, label: 'TCP' },
  tls: { service: 'SIPS+D2T', srv: '_sips._tcp', defaultPort: 5061, secure: true, label: 'TLS' },
  sctp: { service: 'SIP+D2S', srv: '_sip._sctp', defaultPort: 5060, secure: false, label: 'SCTP' },
  'tls-sctp': { service: 'SIPS+D2S', srv: '_sips._sctp', defaultPort: 5061, secure: true, label: 'TLS-SCTP' },
  ws: { service: 'SIP+D2W', srv: '_sip._ws', defaultPort: 80, secure: false, label: 'WS' },
  wss: { service: 'SIPS+D2W', srv: '_sips._ws', defaultPort: 443, secure: true, label: 'WSS' },
};

/**
 * SRV names some providers publish for TLS that RFC 3263 never defines; clients built on the
 * RFC do not query them (pjsip #4103, RestComm sip-servlets #54). Go's LookupSRV("sip", "tls")
 * asks `_sip._tls`, which is how sipexer ends up there (ANCHORS.md §1a).
 */
export const NONSTANDARD_TLS_SRV = ['_sips._tls', '_sip._tls'] as const;

/** The transport a NAPTR service field names, or null (case-insensitive, RFC 3403 §4.1). */
export function transportForService(service: string): Transport | null {
  const s = service.toUpperCase();
  for (const t of TRANSPORTS) if (TRANSPORT_INFO[t].service === s) return t;
  return null;
}

/** The transport an SRV owner name is for ("_sip._udp.example.com" → udp), or null. */
export function transportForSrvName(name: string): Transport | null {
  const n = name.toLowerCase();
  for (const t of TRANSPORTS) if (n.startsWith(TRANSPORT_INFO[t].srv + '.')) return t;
  return null;
}

/** `_sip._udp.example.com` and friends for a domain. */
export function srvName(transport: Transport, domain: string): string {
  return `${TRANSPORT_INFO[transport].srv}.${domain}`;
}

/**
 * A URI `transport=` value as a transport. RFC 7118 §5.2 uses `ws` for both WS and WSS (a SIPS
 * URI with transport=ws means WSS); `wss` is accepted too because stacks write it.
 */
export function transportFromParam(value: string, secure: boolean): Transport | null {
  switch (value.toLowerCase()) {
    case 'udp':
      return 'udp';
    case 'tcp':
      return secure ? 'tls' : 'tcp';
    case 'tls':
      return 'tls';
    case 'sctp':
      return secure ? 'tls-sctp' : 'sctp';
    case 'tls-sctp':
      return 'tls-sctp';
    case 'ws':
      return secure ? 'wss' : 'ws';
    case 'wss':
      return 'wss';
    default:
      return null;
  }
}

/** Transports a client supporting everything considers, in siptool's order of preference. */
export function transportsFor(secure: boolean): Transport[] {
  return TRANSPORTS.filter((t) => !secure || TRANSPORT_INFO[t].secure);
}
