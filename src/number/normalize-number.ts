import type { SipUri } from '../core/uri/types.js';
import { theCountry } from './describe.js';
import { NumberError } from './errors.js';
import { formatNumber, type FormatContext } from './format-number.js';
import { countriesForCallingCode, isCallingCode, lpn, numberingPlan, type LpnPhoneNumber, type LpnType } from './lib.js';
import { hasNumberErrors, numberProblem } from './problems.js';
import type { NumberingProfile } from './profiles/types.js';
import { readUriNumber, uriText, type UriNumber } from './read-uri.js';
import { resolve, type Resolved } from './resolve.js';
import { clip, spell, type Spelled } from './spell.js';
import { spellingNote } from './spelling-notes.js';
import type { BareDigits, InputFormat, NumberProblem, NumberSpelling, NumberType, OutputFormat } from './types.js';

export interface NormalizeOptions {
  /** Region (ISO 3166 alpha-2) for national inputs. */
  country?: string | undefined;
  /** Region the number was written for (its international prefix); defaults to `country`. */
  fromCountry?: string | undefined;
  /** Output format; default e164 (or the profile's format). With a profile only 'sip-uri' may be given. */
  format?: OutputFormat | undefined;
  /** Carrier profile that decides the format (domestic vs international) and user=phone. */
  profile?: NumberingProfile | undefined;
  /** Host for sip-uri output. */
  domain?: string | undefined;
  /** How to read bare digits that are valid both nationally and as E.164 without "+". */
  bareDigits?: BareDigits | undefined;
  /**
   * false: skip the notes that only explain a valid input (spelling, user=phone, vanity) and
   * the explanation line; errors and warnings that change the reading are still reported.
   * For batch output that prints only results. Default true.
   */
  notes?: boolean | undefined;
}

/** Everything known about one input. docs/json/number.md documents the JSON form. */
export interface NumberResult {
  input: string;
  valid: boolean;
  /** +CC NSN, or null when the input is not a valid number. */
  e164: string | null;
  /** The number as the format or carrier wants it; null when invalid or when the format cannot write it. */
  result: string | null;
  /** The format `result` is written in. */
  format: OutputFormat;
  /** Region of the number (a +1 number is US, CA, ... by its area code); null when unknown or non-geographic. */
  country: string | null;
  callingCode: string | null;
  nationalNumber: string | null;
  type: NumberType;
  inputFormat: InputFormat;
  numberFormat: NumberSpelling;
  /** The number was written with visual separators (spaces, dashes, brackets). */
  separators: boolean;
  extension: string | null;
  uri: UriNumber | null;
  /** For NUMBER_AMBIGUOUS: the E.164 readings. */
  candidates: string[];
  /** One line: what was not as the carrier expects, or why it is invalid; null when nothing. */
  explanation: string | null;
  problems: NumberProblem[];
  /** The parsed number (libphonenumber-js), for formatting it other ways. */
  phone?: LpnPhoneNumber;
}

const TYPE_NAMES: Record<LpnType, NumberType> = {
  FIXED_LINE: 'fixed-line',
  MOBILE: 'mobile',
  FIXED_LINE_OR_MOBILE: 'fixed-line-or-mobile',
  TOLL_FREE: 'toll-free',
  PREMIUM_RATE: 'premium-rate',
  SHARED_COST: 'shared-cost',
  VOIP: 'voip',
  PERSONAL_NUMBER: 'personal-number',
  PAGER: 'pager',
  UAN: 'uan',
  VOICEMAIL: 'voicemail',
};

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f\ufffd]/;

/**
 * Normalises one telephone number in any spelling (E.164, national, IDD, vanity, sip:/sips:/tel:
 * URIs) and says how it differs from what the carrier expects. Never throws for bad input:
 * problems are in the result (`normalizeNumberOrThrow` is the throwing twin).
 */
export function normalizeNumber(input: string, options: NormalizeOptions = {}): NumberResult {
  const text = input.trim();
  const r = blank(input, options);
  if (text === '') return finish(r, [numberProblem('NUMBER_EMPTY', 'the input is empty')]);
  if (CONTROL.test(text)) return finish(r, [numberProblem('NUMBER_NOT_TEXT', `"${clip(text)}" holds control characters or bytes that are not text`)]);
  const uriT = uriText(text);
  if (uriT !== undefined) return fromUri(r, uriT, options);
  const sp = spell(text);
  if (!('digits' in sp)) return finish(r, [sp]);
  r.inputFormat = sp.letters ? 'vanity' : 'unknown';
  r.extension = sp.extension;
  const shown = `"${clip(text)}"`;
  const res = resolve(sp, shown, { country: options.country, fromCountry: options.fromCountry, bareDigits: options.bareDigits ?? 'auto' });
  const problems: NumberProblem[] = [];
  if (sp.letters && options.notes !== false) problems.push(numberProblem('NUMBER_VANITY', `the letters ${sp.letters} are keypad digits ${sp.letters.replace(/[a-z]/gi, (c) => String('22233344455566677778889999'[(c.charCodeAt(0) | 32) - 97]))} (E.161)`));
  if (r.inputFormat === 'unknown') r.inputFormat = res.spelling;
  return complete(r, res, sp, problems, options, text);
}

/** Like normalizeNumber, but throws NumberError (NUMBER_ERR_INVALID) when the input is not valid. */
export function normalizeNumberOrThrow(input: string, options: NormalizeOptions = {}): NumberResult & { valid: true; e164: string } {
  const r = normalizeNumber(input, options);
  if (!r.valid || r.e164 === null) {
    const first = r.problems.find((p) => p.severity === 'error');
    throw new NumberError('NUMBER_ERR_INVALID', first?.message ?? `"${input}" is not a valid number`, r.problems);
  }
  return r as NumberResult & { valid: true; e164: string };
}

function blank(input: string, options: NormalizeOptions): NumberResult {
  return {
    input,
    valid: false,
    e164: null,
    result: null,
    format: options.format === 'sip-uri' || !options.profile ? (options.format ?? 'e164') : 'e164',
    country: null,
    callingCode: null,
    nationalNumber: null,
    type: 'unknown',
    inputFormat: 'unknown',
    numberFormat: 'unknown',
    separators: false,
    extension: null,
    uri: null,
    candidates: [],
    explanation: null,
    problems: [],
  };
}

function fromUri(r: NumberResult, text: string, options: NormalizeOptions): NumberResult {
  const u = readUriNumber(text);
  r.uri = u;
  r.inputFormat = u.inputFormat;
  r.extension = u.extension;
  const problems = [...u.problems];
  if (u.numberText === null || u.uri === null) return finish(r, problems);
  const sp = spell(u.numberText);
  if (!('digits' in sp) || sp.letters || sp.extension) {
    const what = u.uri.type === 'tel' ? 'the tel: URI' : 'the user part';
    problems.push(numberProblem(u.uri.type === 'tel' ? 'NUMBER_URI_INVALID' : 'NUMBER_URI_NOT_A_NUMBER', `${what} "${clip(u.numberText)}" is a name, not a telephone number${u.uri.type === 'tel' ? ' (RFC 3966 allows only digits and visual separators)' : ''}`));
    return finish(r, problems);
  }
  const shown = `"${clip(u.numberText)}"`;
  let res: Resolved;
  if (!sp.plus && u.phoneContext !== null) res = resolveLocal(sp, u.phoneContext, shown, options, problems);
  else {
    if (!sp.plus && u.uri.type === 'tel') {
      if (!options.country) {
        problems.push(numberProblem('NUMBER_COUNTRY_NEEDED', `tel:${u.numberText} is a local number without phone-context (RFC 3966 §5.1.5): add ;phone-context=+CC... or pass --country`));
        return finish(r, problems);
      }
      problems.push(numberProblem('NUMBER_TEL_NO_CONTEXT', `tel:${u.numberText} has no phone-context, which RFC 3966 §5.1.5 requires for a local number; read as a number of ${theCountry(options.country)}`));
    }
    res = resolve(sp, shown, { country: options.country, fromCountry: options.fromCountry, bareDigits: options.bareDigits ?? 'auto' });
  }
  return complete(r, res, sp, problems, options, text);
}

/** A local number with a phone-context: "+1229" is prepended; a domain needs --country. */
function resolveLocal(sp: Spelled, context: string, shown: string, options: NormalizeOptions, problems: NumberProblem[]): Resolved {
  if (context.startsWith('+')) {
    const prefix = context.replace(/\D/g, '');
    const res = resolve({ ...sp, plus: true, separators: false, digits: prefix + sp.digits }, shown, { bareDigits: 'auto' });
    res.problems = res.problems.filter((p) => p.code !== 'NUMBER_TRUNK_PREFIX'); // said below, in RFC 3966 terms
    const cc = callingCodeOf(prefix);
    const main = cc ? countriesForCallingCode(cc)[0] : undefined;
    const np = main ? numberingPlan(main)?.nationalPrefix() : undefined;
    if (res.phone) {
      if (np && sp.digits.startsWith(np) && prefix + sp.digits !== res.phone.countryCallingCode + res.phone.nationalNumber) {
        problems.push(numberProblem('NUMBER_TEL_TRUNK_PREFIX', `the local number starts with the trunk prefix ${np}, which the phone-context +${prefix} already replaces (RFC 3966 §5.1.5); write ${sp.digits.slice(np.length)}`));
      }
      problems.push(numberProblem('NUMBER_LOCAL', `a local number in the context +${prefix}: the global number is +${res.phone.countryCallingCode}${res.phone.nationalNumber}`));
      return { ...res, spelling: 'local' };
    }
    // tel:0791234567;phone-context=+41: the trunk prefix must go (RFC 3966 §5.1.5)
    if (np && sp.digits.startsWith(np)) {
      const again = resolve({ ...sp, plus: true, separators: false, digits: prefix + sp.digits.slice(np.length) }, shown, { bareDigits: 'auto' });
      if (again.phone) {
        problems.push(numberProblem('NUMBER_TEL_TRUNK_PREFIX', `the local number starts with the trunk prefix ${np}, which the phone-context +${prefix} already replaces; the global number is +${again.phone.countryCallingCode}${again.phone.nationalNumber}`));
        return { ...again, spelling: 'local' };
      }
    }
    return { ...res, spelling: 'local' };
  }
  if (!options.country) {
    problems.push(numberProblem('NUMBER_COUNTRY_NEEDED', `phone-context=${context} is a domain name, which does not say the country: pass --country to read ${shown}`));
    return { spelling: 'local', problems: [] };
  }
  problems.push(numberProblem('NUMBER_TEL_CONTEXT_DOMAIN', `phone-context=${context} is a domain name, which does not say the country; read as a number of ${theCountry(options.country)}`));
  return resolve(sp, shown, { country: options.country, fromCountry: options.fromCountry, bareDigits: options.bareDigits ?? 'auto' });
}

function callingCodeOf(digits: string): string | undefined {
  for (let n = 1; n <= 3; n++) if (isCallingCode(digits.slice(0, n))) return digits.slice(0, n);
  return undefined;
}

/** Fills the result from a resolved number: fields, the formatted result, notes and explanation. */
function complete(r: NumberResult, res: Resolved, sp: Spelled, problems: NumberProblem[], options: NormalizeOptions, text: string): NumberResult {
  r.numberFormat = res.spelling;
  r.separators = sp.separators;
  if (res.candidates) r.candidates = res.candidates;
  problems.push(...res.problems);
  const phone = res.phone;
  if (!phone || !res.type || hasNumberErrors(problems)) return finish(r, problems);
  if (sp.extension || r.extension) {
    const ext = sp.extension ?? r.extension;
    r.extension = ext;
    problems.push(numberProblem('NUMBER_EXTENSION', `extension ${ext} is not part of the number a trunk dials; it is kept only by --format rfc3966`));
  }
  r.phone = phone;
  r.e164 = `+${phone.countryCallingCode}${phone.nationalNumber}`;
  r.callingCode = phone.countryCallingCode;
  r.nationalNumber = phone.nationalNumber;
  r.country = phone.country ?? null;
  r.type = TYPE_NAMES[res.type];
  const formatted = formatResult(phone, r, options);
  if ('problem' in formatted) problems.push(formatted.problem);
  else r.result = formatted.value;
  if (options.notes !== false) {
    const note = r.result !== null ? spellingNote(r, res, sp, text, options) : undefined;
    if (note) problems.unshift(note);
    userPhoneNotes(r, options, problems);
  }
  return finish(r, problems, options.notes !== false);
}

function formatResult(phone: LpnPhoneNumber, r: NumberResult, options: NormalizeOptions): ReturnType<typeof formatNumber> {
  const profile = options.profile;
  const sourceUri = r.uri?.uri?.type === 'sip' ? (r.uri.uri as SipUri) : undefined;
  const ctx: FormatContext = { fromCountry: profile?.home?.value ?? options.fromCountry ?? options.country, domain: options.domain, sourceUri, userPhone: profile?.userPhone?.value, extension: r.extension };
  let inner: OutputFormat | undefined = options.format && options.format !== 'sip-uri' ? options.format : undefined;
  if (profile) {
    const home = profile.home ? lpn().getCountryCallingCode(profile.home.value as never) : undefined;
    inner = home === phone.countryCallingCode && profile.domestic ? profile.domestic.value : profile.format?.value;
    if (!inner) {
      const message =
        profile.kind === 'generic'
          ? `${profile.id} writes only +${home} numbers; ${r.e164} is outside it`
          : `the ${profile.id} profile records only ${profile.domestic ? `${profile.domestic.value} for +${home} numbers` : 'no format'}; its rule for ${r.e164} is not documented (add a custom profile)`;
      return { problem: numberProblem('NUMBER_NOT_REPRESENTABLE', message) };
    }
    if (options.format !== 'sip-uri') r.format = inner;
  }
  if (options.format === 'sip-uri') {
    ctx.userFormat = (inner ?? 'e164') as FormatContext['userFormat'];
    r.format = 'sip-uri';
    return formatNumber(phone, 'sip-uri', ctx);
  }
  return formatNumber(phone, inner ?? 'e164', ctx);
}

function userPhoneNotes(r: NumberResult, options: NormalizeOptions, problems: NumberProblem[]): void {
  const u = r.uri;
  if (!u || u.uri?.type !== 'sip') return;
  const rule = options.profile?.userPhone?.value;
  const value = u.userParam?.toLowerCase();
  if (value === undefined || value === null) {
    const who = rule === 'required' ? `${options.profile!.name} requires it` : 'it marks the user part as a telephone number (RFC 3261 §19.1.6)';
    problems.push(numberProblem('NUMBER_USER_PHONE_MISSING', `the SIP URI has no user=phone; ${who}`, rule === 'required' ? 'warning' : 'info'));
  } else if (value === 'phone' && rule === 'omit') {
    problems.push(numberProblem('NUMBER_USER_PHONE_UNWANTED', `${options.profile!.name} wants no user=phone`));
  }
}

/** Sets validity and the one-line explanation from the problems. */
function finish(r: NumberResult, problems: NumberProblem[], explanation = true): NumberResult {
  r.problems = problems;
  // a valid number that the format or profile cannot write stays valid (e164 set, result null)
  r.valid = r.e164 !== null && !problems.some((p) => p.severity === 'error' && p.code !== 'NUMBER_NOT_REPRESENTABLE' && p.code !== 'NUMBER_DOMAIN_NEEDED');
  if (!r.valid) {
    r.e164 = null;
    r.result = null;
    delete r.phone;
    if (r.type !== 'unknown') r.type = 'unknown';
  }
  if (explanation || !r.valid) r.explanation = explain(problems);
  return r;
}

function explain(problems: NumberProblem[]): string | null {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) return errors[0]!.message;
  const shown = problems.filter((p) => p.code !== 'NUMBER_COUNTRY_ASSUMED' && p.code !== 'NUMBER_LOCAL' && (p.severity === 'warning' || p.code !== 'NUMBER_USER_PHONE_MISSING'));
  if (shown.length === 0) return null;
  return shown.map((p) => p.message).join('; ');
}
