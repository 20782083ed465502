import { countryName, lengthsText, numberOf } from './describe.js';
import { countriesForCallingCode, isCallingCode, lpn, numberingPlan, possibleLengthsForCallingCode, type LpnPhoneNumber, type LpnType } from './lib.js';
import { numberProblem } from './problems.js';
import type { Spelled } from './spell.js';
import type { BareDigits, NumberProblem, NumberSpelling } from './types.js';

/** Where the digits of one input end up: a parsed number and how it was spelled, or why not. */
export interface Resolved {
  phone?: LpnPhoneNumber;
  type?: LpnType;
  spelling: NumberSpelling;
  /** The prefix that was dropped: "011", "00", "0", "1". */
  prefix?: string;
  /** For 'idd': the country whose prefix it is (or undefined when guessed). */
  iddCountry?: string;
  problems: NumberProblem[];
  /** For NUMBER_AMBIGUOUS: the E.164 readings. */
  candidates?: string[];
}

export interface ResolveContext {
  country?: string | undefined;
  fromCountry?: string | undefined;
  bareDigits: BareDigits;
}

interface Reading {
  phone: LpnPhoneNumber | undefined;
  type: LpnType | undefined;
}

function read(text: string, country?: string): Reading {
  const phone = country ? lpn().parsePhoneNumberFromString(text, { defaultCountry: country as never, extract: false }) : lpn().parsePhoneNumberFromString(text, { extract: false });
  return { phone, type: phone?.getType() };
}

/**
 * Checks digits as E.164 ("+" + digits) without libphonenumber's text parser: the calling code
 * is split off and the national number matched directly (about 3x cheaper than parsing). Used
 * for the extra readings (IDD, E.164 without "+"), where the text is already plain digits.
 */
function readE164(digits: string): Reading {
  let r: Reading;
  try {
    const phone = new (lpn().PhoneNumber as unknown as new (e164: string) => LpnPhoneNumber)('+' + digits);
    r = { phone, type: phone.getType() };
  } catch {
    return { phone: undefined, type: undefined };
  }
  // built this way the number is checked against the main country of its calling code only;
  // a code shared by several countries (+1, +7, +44...) needs the parser to pick the country
  if (!r.type && r.phone && countriesForCallingCode(r.phone.countryCallingCode).length > 1) return read('+' + digits);
  // valid under the main country's plan: that is its country (the plans of a shared code are
  // disjoint, which is how libphonenumber itself assigns a region to a number)
  if (r.type && r.phone && !r.phone.country) {
    const main = countriesForCallingCode(r.phone.countryCallingCode)[0];
    if (main) (r.phone as { country?: string }).country = main;
  }
  return r;
}

function e164Of(p: LpnPhoneNumber): string {
  return '+' + p.countryCallingCode + p.nationalNumber;
}

/** Why a reading is not valid, as one problem. `shown` is how the number is quoted. */
function whyInvalid(text: string, country: string | undefined, r: Reading, shown: string): NumberProblem {
  const opts = country ? { defaultCountry: country as never } : undefined;
  const length = r.phone ? lengthProblem(r.phone) : lpn().validatePhoneNumberLength(text, opts);
  const cc = r.phone?.countryCallingCode ?? (country ? lpn().getCountryCallingCode(country as never) : undefined);
  const where = cc ? numberOf(r.phone?.country ?? country, cc) : 'a number';
  const nsn = r.phone?.nationalNumber;
  const lengths = cc ? ` (${lengthsText(cc)} digits after +${cc}${nsn ? `, here ${nsn.length}` : ''})` : '';
  switch (length) {
    case 'INVALID_COUNTRY': {
      const digits = text.replace(/\D/g, '');
      if (text.startsWith('+') && digits.startsWith('0')) return numberProblem('NUMBER_INVALID_COUNTRY_CODE', `${shown}: a country code never starts with 0; "+" already replaces the international prefix (00, 011), so drop it`);
      return numberProblem('NUMBER_INVALID_COUNTRY_CODE', `${shown}: no country uses calling code +${digits.slice(0, 3)}… (E.164 country codes are 1 to 3 digits)`);
    }
    case 'NOT_A_NUMBER':
      return numberProblem('NUMBER_NOT_A_NUMBER', `${shown} is not a telephone number`);
    case 'TOO_SHORT': {
      const short = /^\+?\d{3,6}$/.test(text.replace(/[^\d+]/g, '')) ? '; short codes such as 911, 112 or 999 are not E.164 numbers and are not sent as such' : '';
      return numberProblem('NUMBER_TOO_SHORT', `${shown} is too short for ${where}${lengths}${short}`);
    }
    case 'TOO_LONG':
      return numberProblem('NUMBER_TOO_LONG', `${shown} is too long for ${where}${lengths}`);
    case 'INVALID_LENGTH':
      return numberProblem('NUMBER_INVALID_LENGTH', `${shown} has a length that no number of ${where.replace(/^a /, '').replace(/ number$/, '')} has${lengths}`);
    default:
      return numberProblem('NUMBER_INVALID', `${shown} is not ${where}: the length fits but no number there starts like this`);
  }
}

/** libphonenumber's length verdict for a parsed number, from the possible lengths of its plan (no re-parse). */
function lengthProblem(p: LpnPhoneNumber): 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH' | undefined {
  const lengths = (p.country ? numberingPlan(p.country)?.possibleLengths() : undefined) ?? possibleLengthsForCallingCode(p.countryCallingCode);
  const n = p.nationalNumber.length;
  if (lengths.length === 0 || lengths.includes(n)) return undefined;
  if (n < lengths[0]!) return 'TOO_SHORT';
  if (n > lengths[lengths.length - 1]!) return 'TOO_LONG';
  return 'INVALID_LENGTH';
}

/** The IDD prefix of `country` that starts `digits` (its metadata pattern, anchored), or undefined. */
export function iddPrefixOf(digits: string, country: string): string | undefined {
  const pattern = numberingPlan(country)?.IDDPrefix();
  if (!pattern) return undefined;
  let re = iddCache.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})`);
    iddCache.set(pattern, re);
  }
  return re.exec(digits)?.[0];
}

const iddCache = new Map<string, RegExp>();

/** True when `digits` could be E.164 without "+": a calling code and a possible length after it. */
function possibleAsE164(digits: string): boolean {
  if (digits.length < 4 || digits.length > 15 || digits[0] === '0') return false;
  for (let n = 1; n <= 3; n++) {
    const cc = digits.slice(0, n);
    if (isCallingCode(cc)) return possibleLengthsForCallingCode(cc).includes(digits.length - n) || possibleLengthsForCallingCode(cc).length === 0;
  }
  return false;
}

/** Reads digits after an international prefix as "+...". */
function afterIdd(digits: string, prefix: string): Reading | undefined {
  const rest = digits.slice(prefix.length);
  if (rest === '' || rest[0] === '0') return undefined;
  // the cheap check first; the full parse (which also finds the country) only for a valid one
  return readE164(rest).type ? read('+' + rest) : undefined;
}

/**
 * Applies the numbering plan to spelled digits: "+" numbers directly; otherwise the
 * international prefix of the from-country, the national plan of the country, and E.164
 * without "+" are tried, and an input that is valid two different ways is reported as
 * ambiguous instead of guessed.
 */
export function resolve(sp: Spelled, shown: string, ctx: ResolveContext): Resolved {
  const digits = sp.digits;
  if (sp.plus) {
    // the cheap check first; the text parser for what it does not accept ("+44 (0)20...", errors)
    let r = readE164(digits);
    if (!r.type) r = read('+' + digits);
    if (r.phone && r.type) {
      const problems: NumberProblem[] = [];
      const cc = r.phone.countryCallingCode;
      const np = cc && digits.length > cc.length + r.phone.nationalNumber.length ? digits.slice(cc.length, digits.length - r.phone.nationalNumber.length) : '';
      if (np !== '' && digits === cc + np + r.phone.nationalNumber) {
        problems.push(numberProblem('NUMBER_TRUNK_PREFIX', `the ${np} after +${cc} is the trunk prefix, which is not dialled with the country code (the "(0)" habit)`));
      }
      return { phone: r.phone, type: r.type, spelling: sp.separators ? 'international' : 'e164', problems };
    }
    return { spelling: sp.separators ? 'international' : 'e164', problems: [whyInvalid('+' + digits, undefined, r, shown)] };
  }
  const from = ctx.fromCountry ?? ctx.country;
  // 1. an international prefix: 011 from the NANP, 00 from most of the world, 0011 from Australia...
  if (ctx.bareDigits !== 'national') {
    const guesses: Array<[string, string | undefined]> = from ? [[iddPrefixOf(digits, from) ?? '', from]] : [[digits.startsWith('011') ? '011' : digits.startsWith('00') ? '00' : '', undefined]];
    for (const [prefix, country] of guesses) {
      if (!prefix) continue;
      const r = afterIdd(digits, prefix);
      if (r) {
        const problems: NumberProblem[] = [];
        if (!country) problems.push(numberProblem('NUMBER_COUNTRY_ASSUMED', `read ${prefix} as ${prefix === '011' ? 'the NANP' : 'the usual'} international prefix; add --from-country if the number was written for another country`));
        return { phone: r.phone!, type: r.type!, spelling: 'idd', prefix, iddCountry: country ?? (prefix === '011' ? 'US' : undefined), problems };
      }
    }
  }
  // 2. E.164 without "+" (only reading when no country is known)
  if (!ctx.country) {
    const intl = read('+' + digits);
    if (intl.phone && intl.type) return withoutPlus(intl);
    return { spelling: 'national', problems: [countryNeeded(digits, shown, intl)] };
  }
  // 3. the national plan of --country (also strips its trunk prefix and its own country code)
  const nat = ctx.bareDigits === 'international' ? undefined : read(digits, ctx.country);
  const natOk = nat?.phone && nat.type ? nat : undefined;
  // 4. E.164 without "+": only for bare digits (a national shape with brackets or separators
  // settles it), and only when a calling code and a possible length fit
  const sameNumber = natOk !== undefined && digits === natOk.phone!.countryCallingCode + natOk.phone!.nationalNumber;
  const tryIntl = ctx.bareDigits === 'international' || (ctx.bareDigits === 'auto' && !sp.separators && !sameNumber && possibleAsE164(digits));
  const intl = tryIntl ? readE164(digits) : undefined;
  const intlOk = intl?.phone && intl.type ? intl : undefined;
  if (natOk) {
    const res = classifyNational(natOk, digits, ctx.country);
    if (intlOk && e164Of(natOk.phone!) !== e164Of(intlOk.phone!)) {
      const a = e164Of(natOk.phone!);
      const b = e164Of(intlOk.phone!);
      res.candidates = [a, b];
      res.problems.push(numberProblem('NUMBER_AMBIGUOUS', `${shown} is read as a national ${ctx.country} number (${a}), but as E.164 without "+" it would be ${b}; pass --bare-digits international if that was meant`));
    }
    return res;
  }
  if (intlOk) return withoutPlus(read('+' + digits));
  if (nat) return { spelling: 'national', problems: [whyInvalid(digits, ctx.country, nat, shown)] };
  const asIntl = read('+' + digits);
  return { spelling: 'e164-digits', problems: [whyInvalid('+' + digits, undefined, asIntl, shown)] };
}

function withoutPlus(r: Reading): Resolved {
  const p = r.phone!;
  const nanp = p.countryCallingCode === '1' && p.nationalNumber.length === 10;
  return { phone: p, type: r.type!, spelling: nanp ? 'nanp-11' : 'e164-digits', problems: [] };
}

/** Names what libphonenumber stripped from a valid national reading. */
function classifyNational(r: Reading, digits: string, country: string): Resolved {
  const p = r.phone!;
  const nsn = p.nationalNumber;
  const own = lpn().getCountryCallingCode(country as never);
  const base = { phone: p, type: r.type!, problems: [] as NumberProblem[] };
  if (p.countryCallingCode !== own) {
    // libphonenumber removed the country's own international prefix
    const prefix = digits.slice(0, digits.length - nsn.length - p.countryCallingCode.length);
    return { ...base, spelling: 'idd', prefix, iddCountry: country };
  }
  if (digits === nsn) return { ...base, spelling: 'national' };
  if (digits === own + nsn) return { ...base, spelling: own === '1' && nsn.length === 10 ? 'nanp-11' : 'e164-digits', prefix: own };
  if (digits.endsWith(nsn)) {
    const prefix = digits.slice(0, digits.length - nsn.length);
    const idd = iddPrefixOf(digits, country);
    if (idd && prefix === idd + own) return { ...base, spelling: 'idd', prefix: idd, iddCountry: country };
    return { ...base, spelling: 'national-trunk-prefix', prefix };
  }
  const np = numberingPlan(country)?.nationalPrefix();
  return np && digits.startsWith(np) ? { ...base, spelling: 'national-trunk-prefix', prefix: np } : { ...base, spelling: 'national' };
}

function countryNeeded(digits: string, shown: string, intl: Reading | undefined): NumberProblem {
  let hint = '';
  if (digits.length === 10 && digits[0] !== '0' && digits[0] !== '1') {
    const nanp = read('+1' + digits);
    if (nanp.type) hint = ` (as a NANP number it would be +1${digits}: --country US)`;
  }
  if (!hint && intl?.phone && possibleAsE164(digits)) {
    hint = ` (read as E.164 without "+" it would be +${digits}, which is not valid${intl.phone.country ? ` in ${countryName(intl.phone.country)}` : ''})`;
  }
  return numberProblem('NUMBER_COUNTRY_NEEDED', `${shown} is a national number: add --country CC (or set SIPTOOL_COUNTRY), or write it with "+" and the country code${hint}`);
}
