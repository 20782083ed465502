import { isIPv4, isIPv6 } from '../core/uri/host.js';

/**
 * 4, 6 or 0, like node:net's isIP, without loading node:net: a UDP probe has no other use for it,
 * and loading it costs milliseconds of a one-shot run. An IPv6 zone (`fe80::1%eth0`) is allowed.
 */
export function ipVersion(address: string): 0 | 4 | 6 {
  if (isIPv4(address)) return 4;
  const zone = address.indexOf('%');
  return isIPv6(zone < 0 ? address : address.slice(0, zone)) ? 6 : 0;
}
