import { COUNTRY_NAMES } from './country-names.js';
import { countriesForCallingCode, possibleLengthsForCallingCode } from './lib.js';

/** "United Kingdom" for GB; the code itself for a region the table does not know. */
export function countryName(country: string): string {
  return COUNTRY_NAMES[country] ?? country;
}

const WITH_THE = new Set(['NL', 'PH', 'BS', 'GM', 'MV', 'KM', 'SC', 'AE', 'US', 'GB', 'CZ', 'DO', 'CF', 'CD', 'CG', 'KY', 'MH', 'SB', 'TC', 'VG', 'VI', 'FO', 'FK', 'CK', 'MP', 'VA']);

/** "the United Kingdom", "Germany": a country name as it reads inside a sentence. */
export function theCountry(country: string): string {
  const name = countryName(country);
  return WITH_THE.has(country) || /^(United|Republic)|Islands$/.test(name) ? `the ${name}` : name;
}

/** "a United Kingdom number" / "a +800 number" for messages. */
export function numberOf(country: string | undefined, callingCode: string): string {
  if (country) return `a ${countryName(country)} (${country}) number`;
  const countries = countriesForCallingCode(callingCode);
  if (countries.length === 1) return `a ${countryName(countries[0]!)} (${countries[0]}) number`;
  if (callingCode === '1') return 'a NANP (+1) number';
  return countries[0] ? `a ${countryName(countries[0])} (+${callingCode}) number` : `a +${callingCode} number`;
}

/** "10", "9 or 10", "5 to 12" digits allowed after a calling code. */
export function lengthsText(callingCode: string): string {
  const ls = possibleLengthsForCallingCode(callingCode);
  if (ls.length === 0) return 'an unknown number of';
  if (ls.length === 1) return String(ls[0]);
  const contiguous = ls.every((n, i) => i === 0 || n === ls[i - 1]! + 1);
  if (contiguous && ls.length > 2) return `${ls[0]} to ${ls[ls.length - 1]}`;
  return `${ls.slice(0, -1).join(', ')} or ${ls[ls.length - 1]}`;
}
