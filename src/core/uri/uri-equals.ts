import { percentDecode } from './escape.js';
import { bareHost } from './host.js';
import type { ParamList } from '../syntax/params.js';
import type { Uri } from './types.js';

/** URI params that must match when either side has them (RFC 3261 §19.1.4). */
const SIGNIFICANT = ['user', 'ttl', 'method', 'maddr', 'transport'];

function paramValue(list: ParamList, name: string): string | null | undefined {
  const v = list.get(name);
  return v === undefined || v === null ? v : percentDecode(v).toLowerCase();
}

/**
 * URI equality per RFC 3261 §19.1.4 for SIP/SIPS (escapes resolved; user and password
 * case-sensitive; host, params case-insensitive; an explicit port never equals an absent one),
 * RFC 3966 §4 for tel (digits without separators, params compared), and case-insensitive
 * scheme plus exact text for anything else.
 */
export function uriEquals(a: Uri, b: Uri): boolean {
  if (a.type === 'sip' && b.type === 'sip') {
    if (a.scheme !== b.scheme) return false;
    if ((a.user === null) !== (b.user === null)) return false;
    if (a.user !== null && percentDecode(a.user) !== percentDecode(b.user!)) return false;
    if ((a.password ?? null) !== null || (b.password ?? null) !== null) {
      if (percentDecode(a.password ?? '') !== percentDecode(b.password ?? '')) return false;
    }
    if (bareHost(a.host) !== bareHost(b.host)) return false;
    if (a.port !== b.port) return false;
    for (const name of SIGNIFICANT) {
      if (paramValue(a.params, name) !== paramValue(b.params, name)) return false;
    }
    for (const p of a.params.items) {
      const n = p.name.toLowerCase();
      if (SIGNIFICANT.includes(n) || !b.params.has(n)) continue;
      if (paramValue(a.params, n) !== paramValue(b.params, n)) return false;
    }
    if (a.headers.size !== b.headers.size) return false;
    for (const h of a.headers.items) {
      const other = b.headers.get(h.name);
      if (other === undefined || percentDecode(other ?? '') !== percentDecode(h.value ?? '')) return false;
    }
    return true;
  }
  if (a.type === 'tel' && b.type === 'tel') {
    if (a.digits.toLowerCase() !== b.digits.toLowerCase() || a.params.size !== b.params.size) return false;
    for (const p of a.params.items) {
      const other = b.params.get(p.name);
      if (other === undefined || (other ?? '').toLowerCase() !== (p.value ?? '').toLowerCase()) return false;
    }
    return true;
  }
  if (a.type === 'absolute' && b.type === 'absolute') return a.scheme === b.scheme && a.opaque === b.opaque;
  return false;
}
