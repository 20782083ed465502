/**
 * Names used across the number layer. String unions (not enums) so JSON and TypeScript agree
 * (erasableSyntaxOnly). Each is documented in docs/json/number.md.
 */

/** How the input was written, as a whole. */
export const INPUT_FORMATS = [
  'e164', // +12293160013
  'international', // +1 229-316-0013 (E.164 with visual separators)
  'e164-digits', // 442079460000 (country code first, no "+")
  'nanp-11', // 12293160013, 1-229-316-0013 (NANP: 1 + 10 digits)
  'national', // 2293160013, (229) 316-0013, 20 7946 0000 (no trunk prefix)
  'national-trunk-prefix', // 020 7946 0000, 030 123456 (with the trunk prefix, e.g. 0)
  'idd', // 011 44 20 7946 0000, 00 44 20 7946 0000 (international dialling prefix)
  'local', // tel:3160013;phone-context=+1229 (a local number and its context)
  'vanity', // 1-800-FLOWERS (keypad letters)
  'sip-uri', // sip:+12293160013@host;user=phone
  'sips-uri', // sips:...
  'tel-uri', // tel:+1-229-316-0013
  'unknown', // nothing recognisable
] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** How the number itself was spelled (inside a URI, or after vanity letters were mapped). */
export type NumberSpelling = Exclude<InputFormat, 'vanity' | 'sip-uri' | 'sips-uri' | 'tel-uri'>;

/** What `--format` can produce. */
export const OUTPUT_FORMATS = ['e164', 'e164-digits', 'national', 'national-digits', 'nanp-11', 'international', 'idd', 'rfc3966', 'sip-uri'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Number types of the `max` metadata, in kebab case; 'unknown' when the number is invalid. */
export const NUMBER_TYPES = [
  'fixed-line',
  'mobile',
  'fixed-line-or-mobile',
  'toll-free',
  'premium-rate',
  'shared-cost',
  'voip',
  'personal-number',
  'pager',
  'uan',
  'voicemail',
  'unknown',
] as const;
export type NumberType = (typeof NUMBER_TYPES)[number];

/** What the user meant for bare digits that read both as national and as E.164 without "+". */
export type BareDigits = 'auto' | 'national' | 'international';

export type NumberSeverity = 'error' | 'warning' | 'info';

/** One thing noticed about an input. Errors make it invalid; warnings and notes do not. */
export interface NumberProblem {
  code: NumberProblemCode;
  severity: NumberSeverity;
  /** One line in plain words, already filled in. */
  message: string;
}

export type NumberProblemCode =
  // the input itself
  | 'NUMBER_EMPTY'
  | 'NUMBER_NOT_TEXT'
  | 'NUMBER_LINE_TOO_LONG'
  | 'NUMBER_NOT_A_NUMBER'
  // cannot be resolved to one number
  | 'NUMBER_COUNTRY_NEEDED'
  | 'NUMBER_AMBIGUOUS'
  | 'NUMBER_INVALID_COUNTRY_CODE'
  | 'NUMBER_TOO_SHORT'
  | 'NUMBER_TOO_LONG'
  | 'NUMBER_INVALID_LENGTH'
  | 'NUMBER_INVALID'
  | 'NUMBER_NOT_REPRESENTABLE'
  | 'NUMBER_DOMAIN_NEEDED'
  // URIs
  | 'NUMBER_URI_INVALID'
  | 'NUMBER_URI_NO_USER'
  | 'NUMBER_URI_NOT_A_NUMBER'
  | 'NUMBER_USER_TEL'
  | 'NUMBER_USER_PHONE_MISSING'
  | 'NUMBER_USER_PHONE_UNWANTED'
  | 'NUMBER_USER_PARAMS'
  | 'NUMBER_TEL_NO_CONTEXT'
  | 'NUMBER_TEL_CONTEXT_DOMAIN'
  | 'NUMBER_TEL_TRUNK_PREFIX'
  | 'NUMBER_URI_PASSWORD'
  // spellings a carrier may not expect (notes that say how it should be written)
  | 'NUMBER_IDD_PREFIX'
  | 'NUMBER_TRUNK_PREFIX'
  | 'NUMBER_NATIONAL'
  | 'NUMBER_NO_PLUS'
  | 'NUMBER_NANP_11'
  | 'NUMBER_SEPARATORS'
  | 'NUMBER_VANITY'
  | 'NUMBER_EXTENSION'
  | 'NUMBER_LOCAL'
  | 'NUMBER_FORMAT_DIFFERS'
  | 'NUMBER_COUNTRY_ASSUMED';
