import dnsPacket from 'dns-packet';
import type { QueryType } from './types.js';

/** EDNS0 UDP payload size advertised (DNS Flag Day 2020, RFC 6891 §6.2.5). */
export const EDNS_PAYLOAD = 1232;

export interface QuerySpec {
  id: number;
  name: string;
  type: QueryType;
  /** Add an EDNS0 OPT record (RFC 6891); off for the retry after a FORMERR. */
  edns: boolean;
}

/** A recursive (RD) query for one name and type. The name must pass queryNameProblem(). */
export function encodeQuery(q: QuerySpec): Buffer {
  return dnsPacket.encode({
    type: 'query',
    id: q.id,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type: q.type, name: q.name, class: 'IN' }],
    additionals: q.edns ? [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_PAYLOAD, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }] : [],
  });
}
