import { queryNameProblem } from './dns-name.js';
import type { NaptrEntry } from './resolve-result.js';
import { TRANSPORT_INFO, transportForService } from './transports.js';
import type { NaptrRecord } from './types.js';

/** NAPTR records by order, then preference, then as served (RFC 3403 §4.1, RFC 3263 §4.1). */
export function sortNaptr(records: readonly NaptrRecord[]): NaptrRecord[] {
  return records
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.data.order - b.r.data.order || a.r.data.preference - b.r.data.preference || a.i - b.i)
    .map((x) => x.r);
}

/** True for a service field of the SIP family ("SIP+D2U", "SIPS+D2T", "sip+d2x"). */
export function isSipService(services: string): boolean {
  return /^sips?\+/i.test(services);
}

/**
 * Decides for each NAPTR record whether an RFC 3263 client uses it, and why not. A client
 * resolving a SIPS URI MUST discard services without SIPS; SIP records carry the "s" flag, an
 * empty regexp and a replacement naming the SRV set (RFC 3263 §4.1).
 */
export function classifyNaptr(records: readonly NaptrRecord[], secure: boolean): NaptrEntry[] {
  return sortNaptr(records).map((record): NaptrEntry => {
    const d = record.data;
    const transport = transportForService(d.services);
    const skip = ((): string | null => {
      if (!isSipService(d.services)) return 'not a SIP service';
      if (/^sips\+d2u$/i.test(d.services)) return 'SIPS over UDP cannot exist (RFC 3263 §4.1)';
      if (!transport) return `unknown SIP service "${d.services}"`;
      if (secure && !TRANSPORT_INFO[transport].secure) return 'a sips: URI uses only SIPS services (RFC 3263 §4.1)';
      if (d.regexp !== '') return 'uses a regexp, not a replacement';
      if (d.flags.toLowerCase() !== 's') return `flags "${d.flags}" instead of "s"`;
      if (d.replacement === '.' || d.replacement === '') return 'no replacement';
      const bad = queryNameProblem(d.replacement);
      if (bad) return `the replacement is not a valid name (${bad})`;
      return null;
    })();
    return { record, transport, skip, srv: skip === null ? d.replacement : null };
  });
}
