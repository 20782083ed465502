import { bareHost } from '../../core/uri/host.js';

/**
 * Whether a host is one of the carrier's domains. A domain written "*.pstn.example.com" also
 * matches every name under it (termination URIs such as "mytrunk.pstn.example.com").
 */
export function isCarrierHost(host: string, domains: readonly string[]): boolean {
  const h = bareHost(host).replace(/\.$/, '');
  for (const d of domains) {
    const want = d.toLowerCase().replace(/\.$/, '');
    if (want.startsWith('*.')) {
      if (h.endsWith(want.slice(1))) return true;
    } else if (h === bareHost(want)) return true;
  }
  return false;
}
