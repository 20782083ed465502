import type { SipUri } from '../core/uri/types.js';
import { countryName } from './describe.js';
import { formatNumber, type FormatContext } from './format-number.js';
import { lpn } from './lib.js';
import { normalizeNumber, type NormalizeOptions, type NumberResult } from './normalize-number.js';
import { BUILTIN_PROFILES } from './profiles/index.js';
import type { NumberingProfile } from './profiles/types.js';
import { OUTPUT_FORMATS, type OutputFormat } from './types.js';

/** One piece of the input and what it is. */
export interface NumberPart {
  text: string;
  role: string;
  description: string;
}

/** What one profile wants for this number. */
export interface ProfileVerdict {
  profile: string;
  name: string;
  kind: NumberingProfile['kind'];
  /** The number as the profile wants it, or null. */
  wants: string | null;
  format: OutputFormat | null;
  /** True when the input as given is already what the profile wants (or documents as accepted). */
  inputAccepted: boolean;
  /** Why nothing can be given (not representable), or the source of the value. */
  note: string;
}

export interface NumberExplanation {
  result: NumberResult;
  parts: NumberPart[];
  formats: Array<{ format: OutputFormat; value: string | null; note?: string }>;
  profiles: ProfileVerdict[];
}

const TYPE_WORDS: Record<string, string> = {
  'fixed-line': 'area code',
  'fixed-line-or-mobile': 'area code',
  mobile: 'mobile network prefix',
  'toll-free': 'toll-free service prefix',
  'premium-rate': 'premium-rate prefix',
  'shared-cost': 'shared-cost prefix',
};

/**
 * The analysis behind `siptool number explain`: the parts of the input, every output format of
 * the number, and what each built-in (and given custom) profile wants.
 */
export function explainNumber(input: string, options: NormalizeOptions = {}, profiles: readonly NumberingProfile[] = BUILTIN_PROFILES): NumberExplanation {
  const result = normalizeNumber(input, { ...options, profile: undefined, format: undefined });
  const parts = describeParts(result);
  const formats: NumberExplanation['formats'] = [];
  const profileVerdicts: ProfileVerdict[] = [];
  const phone = result.phone;
  if (phone) {
    const sourceUri = result.uri?.uri?.type === 'sip' ? (result.uri.uri as SipUri) : undefined;
    const ctx: FormatContext = { fromCountry: options.fromCountry ?? options.country ?? (phone.country ?? undefined), domain: options.domain, sourceUri, extension: result.extension };
    for (const f of OUTPUT_FORMATS) {
      const out = formatNumber(phone, f, ctx);
      formats.push('value' in out ? { format: f, value: out.value } : { format: f, value: null, note: out.problem.message });
    }
    for (const p of profiles) {
      const r = normalizeNumber(input, { ...options, profile: p, format: undefined });
      const accepted = new Set<string>([...(p.accepts?.value ?? []), r.format]);
      const asWritten = r.result !== null && (r.uri?.numberText ?? input.trim()) === r.result;
      const spelled = result.separators ? undefined : spellingAsFormat(result);
      const domestic = p.home !== undefined && lpn().getCountryCallingCode(p.home.value as never) === result.callingCode;
      const national = spelled === 'national-digits' || spelled === 'nanp-11';
      const inputAccepted = asWritten || (r.result !== null && spelled !== undefined && accepted.has(spelled) && (!national || domestic));
      const source = p.format?.source ?? p.domestic?.source;
      profileVerdicts.push({
        profile: p.id,
        name: p.name,
        kind: p.kind,
        wants: r.result,
        format: r.result === null ? null : r.format,
        inputAccepted,
        note: r.result === null ? (r.problems.find((x) => x.code === 'NUMBER_NOT_REPRESENTABLE')?.message ?? '') : (source?.url ?? source?.title ?? ''),
      });
    }
  }
  return { result, parts, formats, profiles: profileVerdicts };
}

/** The output format an input spelling corresponds to (for "already accepted" checks). */
function spellingAsFormat(r: NumberResult): string {
  switch (r.numberFormat) {
    case 'national':
    case 'national-trunk-prefix':
      return 'national-digits';
    case 'idd':
      return 'idd';
    default:
      return r.numberFormat;
  }
}

function describeParts(r: NumberResult): NumberPart[] {
  const parts: NumberPart[] = [];
  const u = r.uri?.uri;
  if (u?.type === 'sip') {
    parts.push({ text: `${u.scheme}:`, role: 'scheme', description: u.scheme === 'sips' ? 'a SIPS URI: the request must travel over TLS end to end (RFC 3261 §19.1)' : 'a SIP URI (RFC 3261 §19.1)' });
    if (u.user !== null) parts.push({ text: r.uri?.numberText ?? u.user, role: 'user part', description: 'who is called; for a telephone number the number itself, best as +E.164' });
    parts.push({ text: u.host + (u.port !== null ? `:${u.port}` : ''), role: 'host', description: 'where the request goes (the carrier\'s termination domain or your PBX)' });
    for (const p of u.params.items) parts.push({ text: `;${p.name}${p.value !== null ? `=${p.value}` : ''}`, role: 'URI parameter', description: paramWords(p.name, p.value) });
  } else if (u?.type === 'tel') {
    parts.push({ text: 'tel:', role: 'scheme', description: 'a tel URI (RFC 3966): a telephone number without a host' });
    for (const p of u.params.items) parts.push({ text: `;${p.name}${p.value !== null ? `=${p.value}` : ''}`, role: 'tel parameter', description: paramWords(p.name, p.value) });
  }
  if (r.uri && u?.type === 'sip') {
    for (const [name, value] of Object.entries(r.uri.numberParams)) parts.push({ text: `;${name}${value !== null ? `=${value}` : ''}`, role: 'user-part parameter', description: paramWords(name, value) });
  }
  if (!r.phone || r.callingCode === null || r.nationalNumber === null) return parts;
  const intl = r.phone.formatInternational().split(' ');
  parts.push({ text: `+${r.callingCode}`, role: 'country code', description: r.country ? `${countryName(r.country)} (${r.country})${r.callingCode === '1' ? ', shared by the NANP countries' : ''}` : 'a non-geographic calling code' });
  const groups = intl.slice(1);
  if (groups.length >= 2) {
    parts.push({ text: groups[0]!, role: TYPE_WORDS[r.type] ?? 'first group', description: 'first group of the national number, as the national numbering plan groups it' });
    parts.push({ text: groups.slice(1).join(' '), role: 'subscriber number', description: 'the rest of the national number' });
  } else {
    parts.push({ text: r.nationalNumber, role: 'national number', description: 'the national significant number' });
  }
  if (r.extension) parts.push({ text: r.extension, role: 'extension', description: 'dialled after the call connects (DTMF); not part of what a trunk dials' });
  return parts;
}

function paramWords(name: string, value: string | null): string {
  const n = name.toLowerCase();
  if (n === 'user') return value === 'phone' ? 'user=phone: the user part is a telephone number (RFC 3261 §19.1.6)' : value === 'tel' ? 'user=tel is not defined by RFC 3261; use user=phone' : `user=${value}`;
  if (n === 'tgrp') return 'trunk group (RFC 4904): which trunk, not part of the number';
  if (n === 'trunk-context') return 'the domain the trunk group belongs to (RFC 4904)';
  if (n === 'phone-context') return 'the context of a local number (RFC 3966 §5.1.5): a "+" prefix or a domain';
  if (n === 'ext') return 'extension (RFC 3966 §5.1.3)';
  if (n === 'isub') return 'ISDN subaddress (RFC 3966 §5.1.2)';
  if (n === 'npdi' || n === 'rn') return 'number portability data (RFC 4694)';
  if (n === 'transport') return `transport ${value ?? ''}: how to reach the host`;
  return 'a parameter siptool does not interpret';
}

