/**
 * siptool as a library: the SIP message core (parse, serialize, build, URIs, header values,
 * SDP, stream framing), the RFC 3263 resolver, telephone numbers and the explain rules.
 */
export * from './core/index.js';
export * from './number/index.js';
export * from './dns/index.js';
export { InternalError, InvalidArgumentError, SiptoolError } from './errors.js';
export * from './explain/index.js';
// Names both the resolver and the rule engine use: the rule engine's keep the plain name.
export { sortFindings, type Finding, type Transport } from './explain/index.js';
export { sortFindings as sortDnsFindings, type Finding as DnsFinding, type Transport as DnsTransport } from './dns/index.js';
