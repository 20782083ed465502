import type { SipResponse } from '../core/index.js';
import { isDigits } from '../dns/target-text.js';
import type { SocketEndpoint } from '../transport/index.js';

/**
 * What the peer saw of us, from the top Via of its response (RFC 3261 §18.2.1 `received`,
 * RFC 3581 `rport`): when it differs from our socket address, a NAT (or a proxy) is in between.
 */
export interface NatView {
  /** Our socket address and port (what we put in Via sent-by). */
  local: { address: string; port: number };
  /** The source address and port the peer saw; null when it echoed neither (then it saw sent-by). */
  seen: { address: string; port: number | null } | null;
  /** The peer filled `rport` (RFC 3581 support). */
  rportSupported: boolean;
  addressDiffers: boolean;
  portDiffers: boolean;
  /** addressDiffers or portDiffers. */
  natDetected: boolean;
}

export function natView(response: SipResponse, local: SocketEndpoint): NatView {
  const via = response.topVia;
  const received = via?.params.get('received');
  const rport = via?.params.get('rport');
  const rportValue = typeof rport === 'string' && isDigits(rport) ? Number(rport) : null;
  const seenAddress = received ?? (via ? unbracketed(via.host) : undefined) ?? local.address;
  const seen = received !== undefined || rportValue !== null ? { address: (received ?? seenAddress) as string, port: rportValue } : null;
  const addressDiffers = seen !== null && seen.address.toLowerCase() !== local.address.toLowerCase();
  const portDiffers = seen !== null && seen.port !== null && seen.port !== local.port;
  return { local: { address: local.address, port: local.port }, seen, rportSupported: rportValue !== null, addressDiffers, portDiffers, natDetected: addressDiffers || portDiffers };
}

/** A Via host without the brackets of an IPv6 reference. */
function unbracketed(host: string): string {
  const open = host.startsWith('[') ? 1 : 0;
  return host.slice(open, host.endsWith(']') ? -1 : host.length);
}
