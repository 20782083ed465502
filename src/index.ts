/**
 * siptool as a library: the SIP message core (parse, serialize, build, URIs, header values,
 * SDP, stream framing), the capture layer (pcap/pcapng reading and writing), the RFC 3263
 * resolver, telephone numbers and the explain rules.
 */
export * from './core/index.js';
export * from './number/index.js';
export * from './dns/index.js';
export * from './capture/index.js';
export * from './transport/index.js';
export * from './probe/index.js';
export * from './server/index.js';
export { InternalError, InvalidArgumentError, SiptoolError } from './errors.js';
export * from './explain/index.js';
// Names the resolver, the capture layer and the rule engine share: the rule engine's keep the
// plain name.
export { sortFindings, type Endpoint, type Finding, type Transport } from './explain/index.js';
export type { Endpoint as CaptureEndpoint } from './capture/index.js';
export { sortFindings as sortDnsFindings, type Clock as DnsClock, type Finding as DnsFinding, type Transport as DnsTransport } from './dns/index.js';
export type { Clock } from './transport/index.js';
