import type { Lookup, LookupStatus } from '../lookup.js';
import type { ResolveResult } from '../resolve-result.js';
import type { AddressRecord, CnameRecord, NaptrRecord, SrvRecord } from '../types.js';

export interface ZoneAnswer<T> {
  status: LookupStatus | 'not-looked-up';
  records: T[];
  cnames: CnameRecord[];
  /** The UDP answer was truncated (pjsip discards such answers). */
  truncated: boolean;
}

/** Read access to what the resolution found, by name and type, for the stack models. */
export class ZoneView {
  private readonly byKey = new Map<string, Lookup>();

  constructor(result: ResolveResult) {
    for (const l of result.lookups) {
      const k = `${l.type} ${l.name}`;
      if (!this.byKey.has(k)) this.byKey.set(k, l);
    }
  }

  private get<T>(type: string, name: string): ZoneAnswer<T> {
    const l = this.byKey.get(`${type} ${name.toLowerCase()}`);
    if (!l) return { status: 'not-looked-up', records: [], cnames: [], truncated: false };
    return { status: l.status, records: l.records as T[], cnames: l.cnames, truncated: l.answers.some((a) => a.truncated) };
  }

  naptr(name: string): ZoneAnswer<NaptrRecord> {
    return this.get('NAPTR', name);
  }

  srv(name: string): ZoneAnswer<SrvRecord> {
    return this.get('SRV', name);
  }

  a(name: string): ZoneAnswer<AddressRecord> {
    return this.get('A', name);
  }

  aaaa(name: string): ZoneAnswer<AddressRecord> {
    return this.get('AAAA', name);
  }
}

/** "3 records", "NXDOMAIN", "not looked up". */
export function describeAnswer(a: ZoneAnswer<unknown>): string {
  if (a.status === 'not-looked-up') return 'not looked up by siptool';
  if (a.records.length > 0) return `${a.records.length} record${a.records.length === 1 ? '' : 's'}${a.truncated ? ' (truncated over UDP)' : ''}`;
  return a.status === 'nodata' ? 'no records' : a.status.toUpperCase();
}
