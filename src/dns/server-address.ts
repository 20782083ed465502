import { isHostname, isIPv4, isIPv6 } from '../core/uri/host.js';
import { DnsError } from './errors.js';

/** A DNS server to send queries to. */
export interface DnsServer {
  /** IP address, IPv6 without brackets (a zone such as %eth0 is kept). */
  address: string;
  port: number;
  family: 4 | 6;
}

export const DNS_PORT = 53;

/** "192.0.2.1:53", "[2001:db8::1]:53". */
export function formatServer(s: DnsServer): string {
  return s.family === 6 ? `[${s.address}]:${s.port}` : `${s.address}:${s.port}`;
}

/** The compressed lower-case form Node reports as a datagram's source ("0:0::1" → "::1"). */
export function canonicalIPv6(addr: string): string {
  const pct = addr.indexOf('%');
  const bare = pct >= 0 ? addr.slice(0, pct) : addr;
  let canon = bare.toLowerCase();
  try {
    canon = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  } catch {
    // keep the text as given
  }
  return pct >= 0 ? canon + addr.slice(pct) : canon;
}

function ipv6WithZone(s: string): boolean {
  const pct = s.indexOf('%');
  if (pct < 0) return isIPv6(s);
  return isIPv6(s.slice(0, pct)) && /^[A-Za-z0-9_.-]{1,32}$/.test(s.slice(pct + 1));
}

function parsePort(text: string, whole: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    throw new DnsError('DNS_ERR_BAD_SERVER', `"${whole}": the port must be a number from 1 to 65535`);
  }
  return Number(text);
}

/**
 * Parses a server address as given to --dns-server (or after dig's "@"): an IPv4 address, an
 * IPv6 address (bare, or in brackets when a port follows), with an optional ":PORT". A name is
 * refused here; findServer() looks names up.
 */
export function parseServerAddress(text: string): DnsServer {
  const s = text.trim();
  if (s === '') throw new DnsError('DNS_ERR_BAD_SERVER', 'empty DNS server address');
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    const addr = close > 0 ? s.slice(1, close) : '';
    if (close < 0 || !ipv6WithZone(addr)) throw new DnsError('DNS_ERR_BAD_SERVER', `"${s}" is not an IPv6 address in brackets`);
    const rest = s.slice(close + 1);
    if (rest === '') return { address: canonicalIPv6(addr), port: DNS_PORT, family: 6 };
    if (!rest.startsWith(':')) throw new DnsError('DNS_ERR_BAD_SERVER', `"${s}": expected ":PORT" after "]"`);
    return { address: canonicalIPv6(addr), port: parsePort(rest.slice(1), s), family: 6 };
  }
  if (ipv6WithZone(s)) return { address: canonicalIPv6(s), port: DNS_PORT, family: 6 };
  const colon = s.lastIndexOf(':');
  const host = colon >= 0 ? s.slice(0, colon) : s;
  if (colon >= 0 && host.includes(':')) {
    throw new DnsError('DNS_ERR_BAD_SERVER', `"${s}" is not an address: put an IPv6 address in brackets to add a port ([::1]:5353)`);
  }
  if (!isIPv4(host)) {
    throw new DnsError('DNS_ERR_BAD_SERVER', `"${s}" is not an IP address (give the server as IPv4, IPv6 or [IPv6]:PORT)`);
  }
  return { address: host, port: colon >= 0 ? parsePort(s.slice(colon + 1), s) : DNS_PORT, family: 4 };
}

/** How a DNS server name is looked up (getaddrinfo by default; tests swap it). */
export type AddressLookup = (name: string) => Promise<Array<{ address: string; family: number }>>;

// node:dns is loaded only when a server is given by name (~1 ms of a run's start otherwise)
const getaddrinfo: AddressLookup = async (name) => (await import('node:dns/promises')).lookup(name, { all: true });

/**
 * A server as dig takes it: an address (see parseServerAddress) or a host name with an optional
 * ":PORT", looked up with the system resolver (like dig's "@ns1.example.com"). The addresses
 * found are all used, in order; the report shows which one answered.
 */
export async function findServer(text: string, lookup: AddressLookup = getaddrinfo): Promise<DnsServer[]> {
  const s = text.trim();
  try {
    return [parseServerAddress(s)];
  } catch (err) {
    const m = /^([A-Za-z0-9.-]+?)(?::(\d{1,5}))?$/.exec(s);
    if (!m || isIPv4(m[1]!) || !isHostname(m[1]!) || /^[\d.]+$/.test(m[1]!)) throw err;
    const port = m[2] === undefined ? DNS_PORT : parsePort(m[2], s);
    let found: Array<{ address: string; family: number }>;
    try {
      found = await lookup(m[1]!);
    } catch (e) {
      throw new DnsError('DNS_ERR_BAD_SERVER', `cannot find the DNS server "${m[1]}" (${(e as NodeJS.ErrnoException).code ?? 'lookup failed'}); give its address instead`, { cause: e });
    }
    const servers = found.filter((a) => a.family === 4 || a.family === 6).slice(0, 3).map((a): DnsServer => ({ address: a.family === 6 ? canonicalIPv6(a.address) : a.address, port, family: a.family === 6 ? 6 : 4 }));
    if (servers.length === 0) throw new DnsError('DNS_ERR_BAD_SERVER', `the DNS server name "${m[1]}" has no address`);
    return servers;
  }
}
