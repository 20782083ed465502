import { SiptoolError } from '../errors.js';

/**
 * Stable codes of the errors the resolver throws (docs/errors.md). DNS trouble met while
 * resolving (timeouts, SERVFAIL, hostile answers) is never thrown: it becomes a finding. These
 * errors are for input the resolver cannot start from.
 */
export type DnsErrorCode =
  /** A target that is neither a SIP/SIPS URI nor a host (tel: URI, list, range, bad host). */
  | 'DNS_ERR_BAD_TARGET'
  /** A --dns-server value that is not HOST[:PORT] with a usable port. */
  | 'DNS_ERR_BAD_SERVER'
  /** No DNS server to ask (none given, none usable in resolv.conf). */
  | 'DNS_ERR_NO_SERVERS'
  /** An option out of range (timeout, tries, limits). */
  | 'DNS_ERR_BAD_OPTION';

export class DnsError extends SiptoolError {
  declare readonly code: DnsErrorCode;

  constructor(code: DnsErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'DnsError';
  }
}
