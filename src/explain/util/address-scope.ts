import ipaddr from 'ipaddr.js';

/**
 * Where an address can be reached from: 'public' (the Internet), or why not. Private
 * (RFC 1918, RFC 4193 ULA), shared/CGNAT (RFC 6598, 100.64/10), loopback, link-local,
 * unspecified (0.0.0.0, ::), or a host name (unknown until resolved).
 */
export type AddressScope = 'public' | 'private' | 'cgnat' | 'loopback' | 'link-local' | 'unspecified' | 'multicast' | 'reserved' | 'name';

/** Scopes of host names and other spellings seen lately: a capture names the same few in every message. */
const scopes = new Map<string, AddressScope>();

export function addressScope(host: string): AddressScope {
  // a plain IPv4 address is read directly: cheaper than a cache entry, and a capture's Contacts
  // and Vias often name a new address in each call (the cache missed and was cleared over and over)
  const v4 = plainIpv4Scope(host);
  if (v4 !== undefined) return v4;
  let scope = scopes.get(host);
  if (scope === undefined) {
    if (scopes.size >= 4096) scopes.clear();
    scope = ipaddrScope(host);
    scopes.set(host, scope);
  }
  return scope;
}

/** Whether `host` is a dotted-quad IPv4 address in canonical decimal (no leading zeros). */
export function isPlainIpv4(host: string): boolean {
  return plainIpv4Scope(host) !== undefined;
}

/** The scope of a dotted-quad IPv4 address in canonical decimal (no leading zeros), or undefined for anything else. */
function plainIpv4Scope(s: string): AddressScope | undefined {
  let a = 0;
  let b = 0;
  let c = 0;
  let i = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (s.charCodeAt(i) !== 46 /* . */) return undefined;
      i++;
    }
    const start = i;
    let v = 0;
    while (i < s.length && i - start < 4) {
      const ch = s.charCodeAt(i);
      if (ch < 48 || ch > 57) break;
      v = v * 10 + (ch - 48);
      i++;
    }
    const len = i - start;
    if (len === 0 || len > 3 || v > 255 || (len > 1 && s.charCodeAt(start) === 48)) return undefined;
    if (part === 0) a = v;
    else if (part === 1) b = v;
    else if (part === 2) c = v;
  }
  return i === s.length ? ipv4Scope(a, b, c) : undefined;
}

/** ipaddr.js's IPv4 special ranges (range() of v2), read straight from the octets. */
function ipv4Scope(a: number, b: number, c: number): AddressScope {
  if (a === 0) return 'unspecified';
  if (a === 10 || (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168)) return 'private';
  if (a === 127) return 'loopback';
  if (a === 100 && b >= 64 && b < 128) return 'cgnat';
  if (a === 169 && b === 254) return 'link-local';
  if (a >= 224 && a < 240) return 'multicast';
  if (a >= 240) return 'reserved';
  if (a === 192 && ((b === 0 && (c === 0 || c === 2)) || (b === 88 && c === 99) || (b === 175 && c === 48) || (b === 31 && c === 196) || (b === 52 && c === 193))) return 'reserved';
  if (a === 198 && (b === 18 || b === 19 || (b === 51 && c === 100))) return 'reserved';
  if (a === 203 && b === 0 && c === 113) return 'reserved';
  return 'public';
}

/** The scope as ipaddr.js sees it (every IPv4 spelling, IPv6, IPv4-mapped IPv6). */
export function ipaddrScope(host: string): AddressScope {
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
