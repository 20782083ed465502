// RFC 3263 resolver: a DNS client on dns-packet (UDP/TCP, EDNS0, retries, answer matching),
// the NAPTR → SRV → A/AAAA procedure, findings, and the pjsip/Kamailio/sofia-sip comparison.

// Directories
export { compareStacks } from './stacks/compare-stacks.js';
export type { StackId, StackTarget, StackView } from './stacks/stack-view.js';

// Files
export { nonPublicReason } from './address-class.js';
export { CachingDnsClient, type SentQuery } from './caching-dns-client.js';
export { classifyNaptr, isSipService, sortNaptr } from './classify-naptr.js';
export { defaultClock, type Clock, type DnsClient, type QueryContext } from './dns-client.js';
export { escapeName, isHostName, normalizeName, queryNameProblem } from './dns-name.js';
export { DnsError, type DnsErrorCode } from './errors.js';
export { FINDING_CODES, makeFinding, sortFindings, type Finding, type FindingCode, type FindingInfo } from './findings.js';
export { isDefinite, lookup, MAX_CNAME_CHAIN, type Lookup, type LookupOptions, type LookupStatus } from './lookup.js';
export { NetworkDnsClient, type NetworkDnsClientOptions } from './network-dns-client.js';
export { parseTarget, type SipTarget } from './parse-target.js';
export { MAX_RESOLV_SERVERS, parseResolvConf, readResolvConf, type ResolvConf } from './resolv-conf.js';
export type { ChainStep, HostStep, NaptrEntry, NaptrStep, Procedure, ResolvedTarget, ResolveResult, ResolveStats, SrvEntry, SrvStep } from './resolve-result.js';
export { resolveSip, type ResolveOptions } from './resolve-sip.js';
export { DNS_PORT, formatServer, parseServerAddress, type DnsServer } from './server-address.js';
export { srvDeterministicOrder, srvProbabilities, srvSelectionProbabilities, srvWeightedOrder, uniformInt } from './srv-order.js';
export { NONSTANDARD_TLS_SRV, srvName, TRANSPORT_CHOICES, TRANSPORT_INFO, TRANSPORTS, transportForService, transportForSrvName, transportFromParam, transportsFor, type Transport, type TransportInfo } from './transports.js';
export type { AddressRecord, CnameRecord, DnsAnswer, DnsRecord, DnsStatus, IgnoredAnswers, NaptrData, NaptrRecord, QueryType, SrvData, SrvRecord } from './types.js';
