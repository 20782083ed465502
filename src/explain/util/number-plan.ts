import { normalizeNumber } from '../../number/normalize-number.js';
import type { NumberProblemCode, OutputFormat } from '../../number/types.js';
import type { CarrierProfile } from '../profile.js';
import type { NumberSite } from './numbers.js';

/** What the numbering plan (libphonenumber, through src/number) says about a number as written. */
export interface PlanVerdict {
  valid: boolean;
  /** +CC NSN when valid. */
  e164: string | null;
  /** The number in the expected format, when one was asked for and the number is valid. */
  expected: string | null;
  /** Why it is not valid: the first error of src/number (code and one line), when not valid. */
  problem: { code: NumberProblemCode; message: string } | undefined;
}

/** Problems that say the number itself is wrong (not that siptool lacks a country to read it). */
export const INVALID_NUMBER_CODES: ReadonlySet<NumberProblemCode> = new Set<NumberProblemCode>(['NUMBER_TOO_SHORT', 'NUMBER_TOO_LONG', 'NUMBER_INVALID_LENGTH', 'NUMBER_INVALID', 'NUMBER_INVALID_COUNTRY_CODE']);

/** Formats a profile's numberFormat may name (docs/explain.md). */
export const PROFILE_NUMBER_FORMATS: readonly OutputFormat[] = ['e164', 'e164-digits', 'national', 'national-digits', 'nanp-11', 'international', 'idd'];

/** The same few numbers come back in every message of a capture: remember the last verdicts. */
const cache = new Map<string, PlanVerdict>();
const CACHE_SIZE = 2048;

/**
 * Judges a number as written in a URI against the numbering plan: valid or not (and why), and
 * how it would be written in `format`. National numbers are read for the profile's country;
 * without one they cannot be judged (valid: false, problem NUMBER_COUNTRY_NEEDED).
 */
export function judgeNumber(text: string, profile: CarrierProfile, format?: OutputFormat): PlanVerdict {
  const key = `${text}\u0000${profile.country ?? ''}\u0000${format ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const r = normalizeNumber(text, { country: profile.country, fromCountry: profile.country, format: format ?? 'e164', notes: false, bareDigits: 'auto' });
  const err = r.problems.find((p) => p.severity === 'error');
  const v: PlanVerdict = { valid: r.valid, e164: r.e164, expected: format && r.valid ? r.result : null, problem: r.valid || !err ? undefined : { code: err.code, message: err.message } };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, v);
  return v;
}

/** A number without its visual separators (RFC 3966 §5.1.1): what a carrier compares. */
export function bareNumber(s: string): string {
  return s.replace(/[-.() ]/g, '');
}

/** The header roles a profile's numberFormat is keyed by, for a number site. */
export function formatRole(site: NumberSite): keyof NonNullable<CarrierProfile['numberFormat']> | undefined {
  return site.role === 'ppi' ? undefined : site.role;
}
