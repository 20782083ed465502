/**
 * siptool as a library: the SIP message core (parse, serialize, build, URIs, header values,
 * SDP, stream framing). Later layers (resolver, numbers, explain rules) are exported here too.
 */
export * from './core/index.js';
export { InternalError, InvalidArgumentError, SiptoolError } from './errors.js';
export * from './explain/index.js';
export * from './transport/index.js';
export * from './probe/index.js';
