import type { NumberProblem, NumberProblemCode, NumberSeverity } from './types.js';

export interface NumberProblemInfo {
  severity: NumberSeverity;
  /** What the code means, for docs and `number explain`. */
  description: string;
  /** Where the rule comes from. */
  ref?: string;
}

/**
 * Every problem code of the number layer with its default severity (docs/json/number.md lists
 * them). Errors make an input invalid (exit 1); warnings and notes explain how the input
 * differs from what a carrier expects and leave it valid.
 */
export const NUMBER_PROBLEMS: Record<NumberProblemCode, NumberProblemInfo> = {
  NUMBER_EMPTY: { severity: 'error', description: 'the input (or line) is empty' },
  NUMBER_NOT_TEXT: { severity: 'error', description: 'the input holds control characters or bytes that are not UTF-8 text' },
  NUMBER_LINE_TOO_LONG: { severity: 'error', description: 'the line is longer than the per-line limit; it was skipped without being kept in memory' },
  NUMBER_NOT_A_NUMBER: { severity: 'error', description: 'the input is neither a telephone number nor a sip:, sips: or tel: URI' },
  NUMBER_COUNTRY_NEEDED: { severity: 'error', description: 'a national number needs a country (--country or SIPTOOL_COUNTRY) or a phone-context' },
  NUMBER_AMBIGUOUS: { severity: 'warning', description: 'bare digits valid both as a national number of --country (the reading used) and as E.164 without "+"; --bare-digits picks' },
  NUMBER_INVALID_COUNTRY_CODE: { severity: 'error', description: 'no country uses this calling code', ref: 'ITU-T E.164' },
  NUMBER_TOO_SHORT: { severity: 'error', description: 'too few digits for any number of that country' },
  NUMBER_TOO_LONG: { severity: 'error', description: 'too many digits for any number of that country (E.164 allows at most 15)' },
  NUMBER_INVALID_LENGTH: { severity: 'error', description: 'a length that no number of that country has' },
  NUMBER_INVALID: { severity: 'error', description: 'the length fits but no number of that country starts like this (unassigned range)' },
  NUMBER_NOT_REPRESENTABLE: { severity: 'error', description: 'the number is valid but the requested format or carrier profile cannot write it (e.g. nanp-11 for +44)' },
  NUMBER_DOMAIN_NEEDED: { severity: 'error', description: '--format sip-uri needs --domain (or an input that is already a SIP URI)' },
  NUMBER_URI_INVALID: { severity: 'error', description: 'the URI breaks the RFC 3261 / RFC 3966 grammar', ref: 'RFC 3261 §25.1, RFC 3966 §3' },
  NUMBER_URI_NO_USER: { severity: 'error', description: 'the SIP URI has no user part, so it names no number', ref: 'RFC 3261 §19.1.1' },
  NUMBER_URI_NOT_A_NUMBER: { severity: 'error', description: 'the user part of the SIP URI is a name, not a telephone number' },
  NUMBER_USER_TEL: { severity: 'warning', description: 'user=tel is not defined; the value that marks a telephone number is user=phone', ref: 'RFC 3261 §19.1.1' },
  NUMBER_USER_PHONE_MISSING: { severity: 'info', description: 'a telephone number in a SIP URI without user=phone (a warning when the carrier profile requires it)', ref: 'RFC 3261 §19.1.1, §19.1.6' },
  NUMBER_USER_PHONE_UNWANTED: { severity: 'info', description: 'the carrier profile says to leave user=phone out' },
  NUMBER_USER_PARAMS: { severity: 'warning', description: 'parameters inside the user part (RFC 4904 tgrp/trunk-context, RFC 4694 npdi/rn, isub...) are not part of the number', ref: 'RFC 4904 §5, RFC 3966 §5.1' },
  NUMBER_TEL_NO_CONTEXT: { severity: 'warning', description: 'a local tel: number without phone-context (required by RFC 3966); read in --country', ref: 'RFC 3966 §5.1.5' },
  NUMBER_TEL_CONTEXT_DOMAIN: { severity: 'warning', description: 'phone-context is a domain name, which does not say the country; read in --country', ref: 'RFC 3966 §5.1.5' },
  NUMBER_TEL_TRUNK_PREFIX: { severity: 'warning', description: 'a local number carries the national trunk prefix, which the phone-context already replaces', ref: 'RFC 3966 §5.1.5' },
  NUMBER_URI_PASSWORD: { severity: 'warning', description: 'the URI carries a password, which RFC 3261 advises against', ref: 'RFC 3261 §19.1.1' },
  NUMBER_IDD_PREFIX: { severity: 'info', description: 'written with an international dialling prefix (011, 00, ...) instead of "+"' },
  NUMBER_TRUNK_PREFIX: { severity: 'info', description: 'a national number with its trunk prefix (0 in GB, DE, FR, ...)' },
  NUMBER_NATIONAL: { severity: 'info', description: 'a national number: no country code' },
  NUMBER_NO_PLUS: { severity: 'info', description: 'E.164 digits without the leading "+"' },
  NUMBER_NANP_11: { severity: 'info', description: '1 + 10 digits, the NANP dialling form' },
  NUMBER_SEPARATORS: { severity: 'info', description: 'visual separators (spaces, dashes, dots, brackets) that a carrier does not want in SIP' },
  NUMBER_VANITY: { severity: 'info', description: 'keypad letters (E.161) were turned into digits' },
  NUMBER_EXTENSION: { severity: 'warning', description: 'an extension is not part of the number a trunk dials; it is kept only in rfc3966 output' },
  NUMBER_LOCAL: { severity: 'info', description: 'a local number with its phone-context, turned into the global number' },
  NUMBER_FORMAT_DIFFERS: { severity: 'info', description: 'a valid spelling, but not the one the format or carrier profile asks for' },
  NUMBER_COUNTRY_ASSUMED: { severity: 'info', description: 'the international prefix was read without --from-country' },
};

export function numberProblem(code: NumberProblemCode, message: string, severity?: NumberSeverity): NumberProblem {
  return { code, severity: severity ?? NUMBER_PROBLEMS[code].severity, message };
}

export function hasNumberErrors(problems: readonly NumberProblem[]): boolean {
  for (const p of problems) if (p.severity === 'error') return true;
  return false;
}
