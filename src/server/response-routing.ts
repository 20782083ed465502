import { formatVia, type SipResponse } from '../core/index.js';
import { endpoint } from '../transport/base-transport.js';
import type { SocketEndpoint } from '../transport/index.js';

function bare(host: string): string {
  return host.replace(/^\[|\]$/g, '');
}

/**
 * RFC 3261 §18.2.1 and RFC 3581 §4 on a response built from a request that came from `remote`:
 * `received` is set on the top Via when the sent-by host is not the source address, and an
 * empty `rport` is filled with the source port (with `received`, as RFC 3581 requires).
 * Returns true when the Via was changed.
 */
export function stampTopVia(response: SipResponse, remote: SocketEndpoint): boolean {
  const vias = response.vias;
  const top = vias[0];
  if (!top) return false;
  let changed = false;
  const rport = top.params.get('rport');
  if (rport === null) {
    top.params.set('rport', String(remote.port));
    top.params.set('received', remote.address);
    changed = true;
  } else if (bare(top.host).toLowerCase() !== remote.address.toLowerCase()) {
    top.params.set('received', remote.address);
    changed = true;
  }
  if (!changed) return false;
  response.set('Via', formatVia(top));
  for (const v of vias.slice(1)) response.append('Via', formatVia(v));
  return true;
}

/**
 * Where a response goes over UDP (RFC 3261 §18.2.2, RFC 3581 §4): the source address of the
 * request (what `received` says) at the `rport` port when present, else at the sent-by port
 * (5060 when none). `maddr` and a `received` written by the sender are not followed: a forged
 * Via must not turn the listener into a reflector. Without a usable Via: back to the source.
 */
export function responseDestination(response: SipResponse, remote: SocketEndpoint): SocketEndpoint {
  const top = response.topVia;
  if (!top) return remote;
  const rport = top.params.get('rport');
  if (rport !== undefined && rport !== null && /^\d{1,5}$/.test(rport) && Number(rport) > 0) return endpoint(remote.address, Number(rport));
  return endpoint(remote.address, top.port ?? 5060);
}
