import ipaddr from 'ipaddr.js';

/**
 * Where an address can be reached from: 'public' (the Internet), or why not. Private
 * (RFC 1918, RFC 4193 ULA), shared/CGNAT (RFC 6598, 100.64/10), loopback, link-local,
 * unspecified (0.0.0.0, ::), or a host name (unknown until resolved).
 */
export type AddressScope = 'public' | 'private' | 'cgnat' | 'loopback' | 'link-local' | 'unspecified' | 'multicast' | 'reserved' | 'name';

/** Scopes of hosts seen lately: a capture names the same few addresses in every message. */
const scopes = new Map<string, AddressScope>();

export function addressScope(host: string): AddressScope {
  let scope = scopes.get(host);
  if (scope === undefined) {
    if (scopes.size >= 4096) scopes.clear();
    scope = scopeOf(host);
    scopes.set(host, scope);
  }
  return scope;
}

function scopeOf(host: string): AddressScope {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (!ipaddr.isValid(bare)) return 'name';
  let addr = ipaddr.parse(bare);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  const range = addr.range();
  switch (range) {
    case 'unicast':
      return 'public';
    case 'private':
    case 'uniqueLocal':
      return 'private';
    case 'carrierGradeNat':
      return 'cgnat';
    case 'loopback':
      return 'loopback';
    case 'linkLocal':
      return 'link-local';
    case 'unspecified':
      return 'unspecified';
    case 'multicast':
      return 'multicast';
    default:
      return 'reserved';
  }
}

/** Scopes from which the other side of a trunk cannot reach back. */
export function isUnreachable(scope: AddressScope): boolean {
  return scope === 'private' || scope === 'cgnat' || scope === 'loopback' || scope === 'link-local' || scope === 'unspecified';
}

const WORDS: Record<AddressScope, string> = {
  public: 'a public address',
  private: 'a private address (RFC 1918 / RFC 4193)',
  cgnat: 'a carrier-grade NAT address (RFC 6598, 100.64.0.0/10)',
  loopback: 'a loopback address',
  'link-local': 'a link-local address',
  unspecified: 'the unspecified address',
  multicast: 'a multicast address',
  reserved: 'a reserved address',
  name: 'a host name',
};

export function describeScope(scope: AddressScope): string {
  return WORDS[scope];
}
