import type { SipUri } from '../core/uri/types.js';
import { countryName } from './describe.js';
import { numberingPlan, type LpnPhoneNumber } from './lib.js';
import { numberProblem } from './problems.js';
import type { UserPhoneRule } from './profiles/types.js';
import type { NumberProblem, OutputFormat } from './types.js';

export interface FormatContext {
  /** Country the call is dialled from (for `idd`). */
  fromCountry?: string | undefined;
  /** Host for `sip-uri`; when absent, the host of `sourceUri` is kept. */
  domain?: string | undefined;
  /** The SIP URI the number came from, if any: `sip-uri` keeps its scheme, host, port and parameters. */
  sourceUri?: SipUri | undefined;
  /** How the number is written inside a `sip-uri` (default e164). */
  userFormat?: Exclude<OutputFormat, 'sip-uri' | 'rfc3966'> | undefined;
  userPhone?: UserPhoneRule | undefined;
  /** Extension, kept only by rfc3966. */
  extension?: string | null | undefined;
}

export type Formatted = { value: string } | { problem: NumberProblem };

/** The international prefix to dial from `country`: its single prefix, or its preferred one when it has several. */
export function iddToDial(country: string): string | undefined {
  const plan = numberingPlan(country);
  if (!plan) return undefined;
  const preferred = plan.defaultIDDPrefix();
  if (preferred) return preferred;
  const p = plan.IDDPrefix();
  return /^\d+$/.test(p) ? p : undefined;
}

/** Writes a valid number in one of the output formats, or says why it cannot be written so. */
export function formatNumber(phone: LpnPhoneNumber, format: OutputFormat, ctx: FormatContext = {}): Formatted {
  const cc = phone.countryCallingCode;
  const nsn = phone.nationalNumber;
  switch (format) {
    case 'e164':
      return { value: `+${cc}${nsn}` };
    case 'e164-digits':
      return { value: cc + nsn };
    case 'national':
      return { value: phone.formatNational() };
    case 'national-digits':
      return { value: phone.formatNational().replace(/\D/g, '') };
    case 'nanp-11':
      if (cc !== '1') return notRepresentable(`nanp-11 (1 + 10 digits) exists only for +1 numbers; +${cc}${nsn} is outside the NANP`);
      return { value: '1' + nsn };
    case 'international':
      return { value: phone.formatInternational() };
    case 'idd': {
      if (!ctx.fromCountry) return notRepresentable('idd needs the country the call is dialled from: add --from-country (or --country)');
      const idd = iddToDial(ctx.fromCountry);
      if (!idd) return notRepresentable(`${countryName(ctx.fromCountry)} has no single international prefix to dial`);
      return { value: idd + cc + nsn };
    }
    case 'rfc3966': {
      // tel:+44-20-7946-0000: the international grouping with "-" (RFC 3966 visual separators)
      const ext = ctx.extension ?? phone.ext;
      return { value: `tel:${phone.formatInternational().replace(/[^\d+]+/g, '-')}${ext ? `;ext=${ext}` : ''}` };
    }
    case 'sip-uri':
      return formatSipUri(phone, ctx);
  }
}

function formatSipUri(phone: LpnPhoneNumber, ctx: FormatContext): Formatted {
  const src = ctx.sourceUri;
  if (!ctx.domain && !src) return { problem: numberProblem('NUMBER_DOMAIN_NEEDED', 'a SIP URI needs a host: add --domain (for example --domain trunk.example.com)') };
  const inner = formatNumber(phone, ctx.userFormat ?? 'e164', ctx);
  if ('problem' in inner) return inner;
  const user = inner.value;
  const rule = ctx.userPhone;
  const userPhone = rule === 'required' || rule === 'recommended' || ((rule === undefined || rule === 'optional') && user.startsWith('+'));
  let out = `${src?.scheme ?? 'sip'}:${user}@`;
  if (ctx.domain) out += ctx.domain;
  else {
    out += src!.host;
    if (src!.port !== null) out += ':' + src!.port;
  }
  const params = src && !ctx.domain ? src.params.clone() : undefined;
  params?.delete('user');
  if (params) out += params.format(';', ';');
  if (userPhone) out += ';user=phone';
  if (src && !ctx.domain && src.headers.size > 0) out += src.headers.format('?', '&');
  return { value: out };
}

function notRepresentable(message: string): Formatted {
  return { problem: numberProblem('NUMBER_NOT_REPRESENTABLE', message) };
}

