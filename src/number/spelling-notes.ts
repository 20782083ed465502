import { theCountry } from './describe.js';
import type { NormalizeOptions, NumberResult } from './normalize-number.js';
import { numberProblem } from './problems.js';
import type { Resolved } from './resolve.js';
import type { Spelled } from './spell.js';
import type { NumberProblem, NumberProblemCode } from './types.js';

/** The number part of a result: the user of a sip-uri, the E.164 of a tel URI, else the result. */
function wantedNumber(r: NumberResult): string | null {
  if (r.result === null) return null;
  if (r.format === 'sip-uri') return r.result.slice(r.result.indexOf(':') + 1, r.result.indexOf('@'));
  if (r.format === 'rfc3966') return r.e164;
  return r.result;
}

function wantPhrase(r: NumberResult, options: NormalizeOptions, wanted: string | null): string {
  if (wanted === null) return `in E.164 it is ${r.e164}`;
  if (options.profile) return `${options.profile.name} wants ${wanted}`;
  const f = options.format ?? 'e164';
  if (f === 'e164' || f === 'sip-uri' || f === 'rfc3966') return `E.164 carriers want ${wanted}`;
  return `as ${f}: ${wanted}`;
}

/**
 * One note that says how the input's spelling differs from what the carrier (or --format)
 * wants, e.g. "011 is the NANP international prefix; E.164 carriers want +442079460000".
 * Undefined when the number was already written as wanted.
 */
export function spellingNote(r: NumberResult, res: Resolved, sp: Spelled, text: string, options: NormalizeOptions): NumberProblem | undefined {
  const wanted = wantedNumber(r);
  const written = r.uri?.numberText ?? text;
  if (wanted !== null && (written === wanted || text === r.result)) return undefined;
  const want = wantPhrase(r, options, wanted);
  const inUri = r.uri !== null;
  let code: NumberProblemCode;
  let what: string;
  switch (res.spelling) {
    case 'idd': {
      code = 'NUMBER_IDD_PREFIX';
      const where = !res.iddCountry ? 'an international prefix' : r.callingCode !== null && isNanp(res.iddCountry) ? 'the NANP international prefix' : `the international prefix in ${theCountry(res.iddCountry)}`;
      what = `${res.prefix} is ${where}`;
      break;
    }
    case 'national-trunk-prefix':
      code = 'NUMBER_TRUNK_PREFIX';
      what = `${res.prefix} is the trunk prefix${r.country ? ` in ${theCountry(r.country)}` : ''}, dialled only inside the country`;
      break;
    case 'national':
      code = 'NUMBER_NATIONAL';
      what = `a national number${r.country ? ` of ${theCountry(r.country)}` : ''}, without the country code`;
      break;
    case 'e164-digits':
      code = 'NUMBER_NO_PLUS';
      what = options.country ? 'E.164 without the leading "+"' : 'read as E.164 without the leading "+"';
      break;
    case 'nanp-11':
      code = 'NUMBER_NANP_11';
      what = '1 + 10 digits is the NANP dialling form';
      break;
    default:
      if (sp.separators) {
        code = 'NUMBER_SEPARATORS';
        what = inUri ? 'visual separators in the number: carriers match it as a string' : 'spaces, dashes and brackets are only for reading';
      } else {
        code = 'NUMBER_FORMAT_DIFFERS';
        what = res.spelling === 'local' ? 'a local number with a phone-context' : `written as ${res.spelling === 'e164' ? 'E.164 with "+"' : res.spelling}`;
      }
  }
  return numberProblem(code, `${what}; ${want}`);
}

const NANP_REGIONS = new Set(['US', 'CA', 'AG', 'AI', 'AS', 'BB', 'BM', 'BS', 'DM', 'DO', 'GD', 'GU', 'JM', 'KN', 'KY', 'LC', 'MP', 'MS', 'PR', 'SX', 'TC', 'TT', 'VC', 'VG', 'VI']);

function isNanp(country: string): boolean {
  return NANP_REGIONS.has(country);
}
