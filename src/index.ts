/**
 * siptool as a library: the SIP message core (parse, serialize, build, URIs, header values,
 * SDP, stream framing) and the capture layer (pcap/pcapng reading and writing). Later layers
 * (resolver, numbers, explain rules) are exported here too.
 */
export * from './core/index.js';
export * from './capture/index.js';
export { InternalError, InvalidArgumentError, SiptoolError } from './errors.js';
