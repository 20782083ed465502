import type { Severity } from '../core/problems.js';

/**
 * Everything `siptool resolve` can find wrong (or worth knowing) about where a SIP domain leads.
 * Each code is stable (tests, JSON and docs/resolve.md key on it) and comes with the reference it
 * is measured against and a fix in plain words. A finding instance may carry a lower severity
 * than the default when the data it is about is off the RFC 3263 path (an extra name siptool
 * checked for diagnosis).
 */
export interface FindingInfo {
  readonly severity: Severity;
  readonly ref: string;
  readonly summary: string;
  readonly fix: string;
}

export const FINDING_CODES = {
  // outcome
  DNS_NO_TARGETS: { severity: 'error', ref: 'RFC 3263 §4', summary: 'no target resolved to an address: a client has nowhere to send the request', fix: 'publish SRV records whose targets have A/AAAA records (or at least an A record for the domain), then run siptool resolve again' },
  DNS_DOMAIN_NXDOMAIN: { severity: 'error', ref: 'RFC 1035 §4.1.1 (RCODE 3)', summary: 'the domain does not exist in DNS', fix: 'check the spelling; if the zone is new, check that it is delegated (the parent zone has NS records for it)' },
  DNS_TRANSPORT_NOT_ADVERTISED: { severity: 'warning', ref: 'RFC 3263 §4.1', summary: 'the requested transport is not advertised by NAPTR or SRV; the targets are a guess from the A/AAAA records', fix: 'ask the carrier which transports it accepts, or publish a NAPTR/SRV record for this transport' },
  DNS_SIPS_INSECURE_TRANSPORT: { severity: 'error', ref: 'RFC 3261 §26.2.2; RFC 3263 §4.1', summary: 'a sips: URI requires TLS on every hop, but the transport asked for is not TLS', fix: 'use transport=tcp (TLS over TCP) or wss with sips:, or a sip: URI for UDP' },
  DNS_UNKNOWN_TRANSPORT_PARAM: { severity: 'error', ref: 'RFC 3261 §19.1.1 (transport-param)', summary: 'the URI names a transport siptool does not know', fix: 'use transport=udp, tcp, tls, sctp or ws' },
  DNS_NUMERIC_TARGET: { severity: 'info', ref: 'RFC 3263 §4.1, §4.2', summary: 'the target is an IP address: no DNS is used, so no failover or load balancing', fix: 'use the carrier domain instead of an address when the carrier publishes NAPTR/SRV records' },
  DNS_PORT_BYPASSES_SRV: { severity: 'warning', ref: 'RFC 3263 §4.2', summary: 'an explicit port makes clients skip NAPTR and SRV: the records published for the domain are not used', fix: 'drop the port from the URI so clients follow the SRV records (their ports, priorities and failover)' },
  DNS_MADDR_USED: { severity: 'info', ref: 'RFC 3263 §4 (TARGET); RFC 3261 §19.1.1', summary: 'the maddr parameter replaces the host as the name to resolve', fix: 'make sure maddr is intended; it overrides the domain for routing' },
  // query outcomes
  DNS_SERVFAIL: { severity: 'error', ref: 'RFC 1035 §4.1.1 (RCODE 2)', summary: 'the DNS server failed to answer (SERVFAIL)', fix: 'often a broken delegation or DNSSEC failure upstream; check the zone with another resolver (dig +trace)' },
  DNS_REFUSED: { severity: 'error', ref: 'RFC 1035 §4.1.1 (RCODE 5)', summary: 'the DNS server refused the query', fix: 'the server is not a resolver for this client or name; use a recursive resolver (--dns-server)' },
  DNS_TIMEOUT: { severity: 'error', ref: 'RFC 1035 §4.2.1; RFC 1536 §1', summary: 'no answer arrived in time from any DNS server', fix: 'check that the server is reachable on port 53 (UDP and TCP); try --dns-server or a longer --timeout' },
  DNS_NETWORK_ERROR: { severity: 'error', ref: 'RFC 1035 §4.2', summary: 'the DNS server could not be reached (socket error)', fix: 'check the address and port of the DNS server and any firewall in between' },
  DNS_MALFORMED_ANSWER: { severity: 'error', ref: 'RFC 1035 §4.1; RFC 1035 §4.1.4 (compression)', summary: 'only undecodable answers arrived (bad compression pointers, cut packets)', fix: 'the server or a middlebox is broken; try another resolver or TCP (--tcp)' },
  DNS_RCODE_ERROR: { severity: 'error', ref: 'RFC 1035 §4.1.1; RFC 6891 §7', summary: 'the DNS server answered with an error code (FORMERR, NOTIMP or other)', fix: 'the server may not support this record type or EDNS; try another resolver' },
  DNS_IGNORED_ANSWERS: { severity: 'warning', ref: 'RFC 5452 §9.1', summary: 'answers with a wrong ID, a wrong question or from a wrong address were ignored', fix: 'something on the path sends forged or stray DNS answers (a broken NAT or a spoofing attempt); use a trusted resolver' },
  DNS_UNRELATED_RECORDS: { severity: 'info', ref: 'RFC 2181 §5.4.1', summary: 'an answer held records for names outside the question and its aliases; they were not used', fix: 'nothing to do for the client; the server adds data it should not' },
  DNS_TRUNCATED: { severity: 'warning', ref: 'RFC 1035 §4.2.1; RFC 7766 §5', summary: 'the answer did not fit in UDP and needed TCP: clients that do not retry over TCP get nothing', fix: 'keep SIP record sets small (fewer records, shorter names) so they fit 1232 octets; pjsip discards truncated answers' },
  DNS_TRUNCATED_TCP_FAILED: { severity: 'error', ref: 'RFC 7766 §5', summary: 'the answer was truncated and the TCP retry failed: only part of the records is known', fix: 'allow DNS over TCP (port 53) to the server, and keep the record set small enough for UDP' },
  DNS_SLOW_SERVER: { severity: 'warning', ref: 'siptool threshold (1 s or a retry); RFC 1536 §1', summary: 'a DNS answer took long or needed retries', fix: 'every call setup waits for DNS; check the resolver, or raise the record TTLs so answers come from cache' },
  DNS_TOO_MANY_RECORDS: { severity: 'warning', ref: 'siptool limit', summary: 'an answer held more records than siptool considers; the rest were ignored', fix: 'publish fewer records: SIP clients keep a handful of targets (pjsip at most 8 per SRV set)' },
  DNS_CNAME_LOOP: { severity: 'error', ref: 'RFC 1034 §3.6.2; RFC 1912 §2.4', summary: 'CNAME records point at each other in a loop', fix: 'remove one CNAME of the loop and give the name its A/AAAA records' },
  DNS_CNAME_CHAIN_TOO_LONG: { severity: 'error', ref: 'RFC 1034 §3.6.2; RFC 1912 §2.4', summary: 'a chain of more than 8 CNAMEs', fix: 'point the alias at the final name directly' },
  DNS_QUERY_LIMIT: { severity: 'error', ref: 'siptool limit', summary: 'resolution stopped after the query budget of the run', fix: 'the zone fans out into too many names; publish fewer NAPTR/SRV targets' },
  DNS_INVALID_NAME: { severity: 'error', ref: 'RFC 1035 §2.3.1; RFC 2782 (Target)', summary: 'a record names something that is not a valid host name', fix: 'use plain host names (letters, digits, hyphens) in SRV targets and NAPTR replacements' },
  // NAPTR
  DNS_NAPTR_REGEXP: { severity: 'warning', ref: 'RFC 3263 §4.1; RFC 3403 §4.1', summary: 'a NAPTR record uses a regexp instead of a replacement; SIP clients skip it', fix: 'SIP NAPTR records use an empty regexp and a replacement (the SRV name); Kamailio drops regexp records' },
  DNS_NAPTR_FLAGS: { severity: 'warning', ref: 'RFC 3263 §4.1; RFC 3403 §4.1', summary: 'a SIP NAPTR record has flags other than "s", so the next lookup is not SRV', fix: 'set the flags to "s" and the replacement to the SRV name (_sip._udp.example.com)' },
  DNS_NAPTR_UNKNOWN_SERVICE: { severity: 'info', ref: 'RFC 3263 §4.1, §9 (IANA registry)', summary: 'a NAPTR record has a SIP-like service no client knows; it is skipped', fix: 'use a registered service: SIP+D2U, SIP+D2T, SIPS+D2T, SIP+D2S, SIPS+D2S, SIP+D2W, SIPS+D2W' },
  DNS_NAPTR_SIPS_UDP: { severity: 'warning', ref: 'RFC 3263 §4.1', summary: 'a NAPTR record offers SIPS over UDP, which cannot exist', fix: 'remove the SIPS+D2U record; TLS runs over TCP (SIPS+D2T)' },
  DNS_NAPTR_DANGLING: { severity: 'error', ref: 'RFC 3263 §4.1, §4.2', summary: 'a NAPTR record points at an SRV name that has no SRV records', fix: 'publish the SRV records the NAPTR replacement names, or remove the NAPTR record' },
  DNS_NAPTR_REPLACEMENT_MISMATCH: { severity: 'warning', ref: 'RFC 3263 §4.1', summary: 'the NAPTR service and the transport in its replacement name disagree', fix: 'point SIP+D2U at _sip._udp.<domain>, SIP+D2T at _sip._tcp.<domain>, SIPS+D2T at _sips._tcp.<domain>' },
  DNS_NAPTR_NONE_USABLE: { severity: 'warning', ref: 'RFC 3263 §4.1', summary: 'NAPTR records exist but none is usable for SIP; RFC clients fall back to SRV, sofia-sip gives up', fix: 'fix or remove the NAPTR records (see the other findings); sofia-sip does not fall back once it sees a SIP NAPTR' },
  DNS_NAPTR_INCOMPLETE: { severity: 'info', ref: 'RFC 3263 §4.1', summary: 'a server reached through NAPTR must have SIP+D2T, SIP+D2U and SIPS+D2T records', fix: 'add the missing NAPTR records, or note that clients limited to the missing transports will not find the server' },
  DNS_NAPTR_SIPS_NOT_PREFERRED: { severity: 'info', ref: 'RFC 3263 §4.1', summary: 'SIPS records SHOULD come before SIP records (a lower order value)', fix: 'give the SIPS+D2T record the lowest order if TLS is offered' },
  DNS_SRV_NOT_IN_NAPTR: { severity: 'info', ref: 'RFC 3263 §4.1', summary: 'an SRV set exists for a transport the NAPTR records do not list: NAPTR clients never use it, pjsip and Kamailio (defaults) do', fix: 'list every offered transport in NAPTR, or remove the SRV records that are not meant to be used' },
  DNS_NAPTR_REQUIRED: { severity: 'warning', ref: 'RFC 3263 §4.1; pjsip #3305', summary: 'the domain is reachable only through NAPTR: clients without NAPTR (pjsip, Kamailio defaults) find nothing', fix: 'also publish _sip._udp/_sip._tcp/_sips._tcp SRV records (or an A record) under the domain itself' },
  // SRV
  DNS_SRV_TARGET_CNAME: { severity: 'warning', ref: 'RFC 2782 (Target: "MUST NOT be an alias")', summary: 'an SRV target is an alias (CNAME)', fix: 'point the SRV record at the canonical name, which holds the A/AAAA records' },
  DNS_SRV_TARGET_NO_ADDRESS: { severity: 'error', ref: 'RFC 2782 (Target); RFC 3263 §4.2', summary: 'an SRV target has no A/AAAA record', fix: 'add A (and AAAA) records for the target, or remove the SRV record' },
  DNS_SRV_TARGET_IP: { severity: 'warning', ref: 'RFC 2782 (Target: a domain name); avahi #647', summary: 'an SRV target is an IP address, not a host name', fix: 'create a host name with an A/AAAA record and use it as the SRV target' },
  DNS_SRV_NONSTANDARD_TLS: { severity: 'warning', ref: 'RFC 3263 §4.1-4.2; pjsip #4103', summary: 'SRV records under _sip._tls or _sips._tls, names RFC clients never query', fix: 'publish TLS as _sips._tcp.<domain> (TLS over TCP)' },
  DNS_SRV_SIPS_ONLY: { severity: 'warning', ref: 'RFC 3263 §4.1; gophone #25', summary: 'only _sips._tcp is published: clients asking _sip._tcp or _sip._udp find nothing and fall back to A records', fix: 'publish _sip._tcp (and _sip._udp) too, or tell users to use a sips: URI or transport=tls' },
  DNS_SRV_NO_UDP: { severity: 'warning', ref: 'RFC 3263 §4.1; linphone-desktop #57', summary: 'TCP is published but UDP is not: clients that ask only _sip._udp (pjsip, Kamailio defaults) fall back to the A record', fix: 'publish _sip._udp too, or NAPTR records so clients discover TCP' },
  DNS_SRV_UNAVAILABLE: { severity: 'info', ref: 'RFC 2782 (Target ".")', summary: 'an SRV target "." says the service is decidedly not available', fix: 'intended if the transport is switched off; remove it if the service should work' },
  DNS_SRV_DOT_MIXED: { severity: 'warning', ref: 'RFC 2782 (Target ".")', summary: 'an SRV set mixes the "." target (service not available) with real targets', fix: 'use "." only as the single record of a set' },
  DNS_SRV_PORT_MISMATCH: { severity: 'warning', ref: 'RFC 3261 §19.1.2 (5060, 5061 for TLS)', summary: 'port 5061 on a non-TLS transport, or 5060 on TLS', fix: 'check the port: 5061 is the TLS port, 5060 the plain one; a mix-up gives TLS handshakes on a plain port' },
  DNS_SRV_PORT_ZERO: { severity: 'error', ref: 'RFC 2782 (Port)', summary: 'an SRV record has port 0', fix: 'set the port the service listens on' },
  DNS_SRV_SAME_HOST: { severity: 'warning', ref: 'RFC 2782; pjsip #656', summary: 'several SRV targets are aliases of one host: the failover goes nowhere new', fix: 'point each SRV record at a distinct canonical host name' },
  DNS_SRV_WEIGHT_ZERO_MIX: { severity: 'info', ref: 'RFC 2782 (Weight)', summary: 'zero-weight targets next to weighted ones of the same priority are almost never tried first', fix: 'give every target of a priority a weight, or move standby targets to a higher priority value' },
  // A/AAAA
  DNS_A_ONLY: { severity: 'warning', ref: 'RFC 3263 §4.1-4.2', summary: 'no NAPTR or SRV records: clients use the A/AAAA record with UDP 5060 (TLS 5061), with no failover', fix: 'publish SRV records (_sip._udp, _sip._tcp, _sips._tcp) so clients learn ports, transports and backups' },
  DNS_NO_IPV4: { severity: 'info', ref: 'RFC 3263 §4.2', summary: 'the targets have only IPv6 addresses: IPv4-only clients cannot reach them', fix: 'add A records if IPv4 clients must connect' },
  DNS_ADDRESS_NOT_PUBLIC: { severity: 'warning', ref: 'RFC 1918; RFC 6598; RFC 4193; RFC 6890', summary: 'a target resolves to a private, shared, loopback or link-local address that carriers cannot reach', fix: 'publish the public address; private addresses in public DNS break the inbound direction' },
  // TTL
  DNS_TTL_ZERO: { severity: 'warning', ref: 'RFC 1035 §3.2.1; RFC 2181 §8', summary: 'a record has TTL 0: every call setup waits for a fresh DNS lookup', fix: 'use a TTL of minutes (300 s or more) for SIP records' },
  DNS_TTL_LOW: { severity: 'info', ref: 'RFC 1035 §3.2.1', summary: 'a record has a very low TTL (under 60 s)', fix: 'a low TTL is fine during a migration; otherwise raise it to cut DNS waits at call setup' },
} as const satisfies Record<string, FindingInfo>;

export type FindingCode = keyof typeof FINDING_CODES;

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  ref: string;
  fix: string;
  /** The DNS name (or target) the finding is about, when there is one. */
  name: string | null;
}

/** A finding with its catalogue reference and fix; `severity` lowers or raises the default. */
export function makeFinding(code: FindingCode, message: string, name: string | null = null, severity?: Severity): Finding {
  const info: FindingInfo = FINDING_CODES[code];
  return { code, severity: severity ?? info.severity, message, ref: info.ref, fix: info.fix, name };
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then notes; stable otherwise. Duplicates (same code, name, message) dropped. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings
    .filter((f) => {
      const k = `${f.code}|${f.name}|${f.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
}
