import type { HeaderField } from '../../core/header-field.js';
import type { NameAddr } from '../../core/headers/name-addr.js';
import type { SipUri } from '../../core/uri/types.js';
import type { FlowMessage } from '../flow-message.js';
import type { Location } from '../rule.js';
import type { NumberSite } from './numbers.js';
import { addressScope, isUnreachable } from './address-scope.js';

/** Index in a field's value where `needle` starts (case-insensitive), 0 when absent. */
export function indexIn(field: HeaderField, needle: string): number {
  const i = field.lexValue.toLowerCase().indexOf(needle.toLowerCase());
  return i < 0 ? 0 : i;
}

/** The SIP/SIPS URI of an address, or undefined (tel:, other schemes, unreadable). */
export function sipUriOf(na: NameAddr | undefined): SipUri | undefined {
  const u = na?.uri;
  return u && u.type === 'sip' ? u : undefined;
}

/** Every address of a name-addr list header with the field that holds it. */
export function addressesOf(fields: HeaderField[]): Array<{ field: HeaderField; address: NameAddr }> {
  const out: Array<{ field: HeaderField; address: NameAddr }> = [];
  for (const f of fields) {
    const v = f.parsed();
    if (Array.isArray(v)) for (const a of v as NameAddr[]) out.push({ field: f, address: a });
    else if (v && typeof v === 'object' && 'uriText' in (v as object)) out.push({ field: f, address: v as NameAddr });
  }
  return out;
}

/** Whether a Record-Route of the message has a host the other side can reach. */
export function behindReachableRecordRoute(m: FlowMessage): boolean {
  if (!m.message.has('Record-Route')) return false;
  return addressesOf(m.message.getAll('Record-Route')).some(({ address }) => {
    const u = sipUriOf(address);
    return u !== undefined && !isUnreachable(addressScope(u.host));
  });
}

/** Where a number site is: its field, or the start line. */
export function siteLocation(site: NumberSite, length?: number): Location {
  const len = length ?? site.number.text.length;
  return site.field ? { field: site.field, index: site.index, length: len } : { startLine: true, index: site.index, length: len };
}

/** Index of `needle` in a field value at or after the URI of `address`. */
export function indexAfterUri(field: HeaderField, address: NameAddr, needle: string): number {
  const lex = field.lexValue;
  const base = Math.max(0, lex.indexOf(address.uriText));
  const i = lex.toLowerCase().indexOf(needle.toLowerCase(), base);
  return i < 0 ? base : i;
}
