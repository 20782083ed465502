import type { HeaderField } from '../../core/header-field.js';
import type { NameAddr } from '../../core/headers/name-addr.js';
import type { SipUri } from '../../core/uri/types.js';

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
