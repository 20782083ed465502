/**
 * siptool as a library: the SIP message core (parse, serialize, build, URIs, header values,
 * SDP, stream framing) and the RFC 3263 resolver. Later layers (numbers, explain rules) are
 * exported here too.
 */
export * from './core/index.js';
export * from './dns/index.js';
export { InternalError, InvalidArgumentError, SiptoolError } from './errors.js';
