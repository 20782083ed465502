import { countryName } from './describe.js';
import { NumberError } from './errors.js';
import { countriesForCallingCode, lpn } from './lib.js';

export interface CountryArgument {
  /** ISO 3166 alpha-2, upper case. */
  country: string;
  /** Set when the argument was not the code itself ("+44" → GB, "uk" → GB). */
  note?: string;
}

/**
 * Reads a --country / --from-country value: an ISO 3166 alpha-2 code in any case ("us"),
 * "UK" for GB, or a calling code ("+44", which picks the main country of that code).
 * Throws NumberError NUMBER_ERR_UNKNOWN_COUNTRY with a suggestion otherwise.
 */
export function resolveCountry(value: string): CountryArgument {
  const v = value.trim();
  const up = v.toUpperCase();
  if (/^[A-Z]{2}$/.test(up) && lpn().isSupportedCountry(up)) return { country: up };
  if (up === 'UK') return { country: 'GB', note: 'UK is not an ISO 3166 code; the United Kingdom is GB' };
  const cc = /^\+?(\d{1,3})$/.exec(v)?.[1];
  if (cc) {
    const main = countriesForCallingCode(cc)[0];
    if (main) return { country: main, note: `+${cc} is the calling code of ${countryName(main)} (${main})` };
    throw new NumberError('NUMBER_ERR_UNKNOWN_COUNTRY', `no country has calling code +${cc}`);
  }
  throw new NumberError('NUMBER_ERR_UNKNOWN_COUNTRY', `unknown country "${v}": use an ISO 3166 alpha-2 code such as US, GB, DE, FR or IN`);
}
