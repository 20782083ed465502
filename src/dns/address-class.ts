import { isIPv4 } from '../core/uri/host.js';

/**
 * Why an address cannot be reached from the public Internet, or null when it can: RFC 1918
 * private, RFC 6598 shared (CGNAT), loopback, link-local, unspecified, RFC 4193 unique local
 * (IANA special-purpose registry, RFC 6890). Documentation ranges (RFC 5737, RFC 3849) are not
 * flagged: examples and tests use them.
 */
export function nonPublicReason(address: string): string | null {
  if (isIPv4(address)) {
    const [a, b] = address.split('.').map(Number) as [number, number, number, number];
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private (RFC 1918)';
    if (a === 100 && b >= 64 && b <= 127) return 'shared/CGNAT (RFC 6598)';
    if (a === 127) return 'loopback';
    if (a === 169 && b === 254) return 'link-local';
    if (a === 0) return 'unspecified ("this network")';
    return null;
  }
  const v6 = address.toLowerCase();
  if (v6 === '::1') return 'loopback';
  if (v6 === '::') return 'unspecified';
  if (/^fe[89ab]/.test(v6)) return 'link-local';
  if (/^f[cd]/.test(v6)) return 'unique local (RFC 4193)';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
  if (mapped) return nonPublicReason(mapped[1]!);
  return null;
}
