// Telephone numbers: normalisation, carrier profiles, explanations. The only importer of
// libphonenumber-js (max metadata), loaded on first use.

export { NumberError, type NumberErrorCode } from './errors.js';
export { explainNumber, type NumberExplanation, type NumberPart, type ProfileVerdict } from './explain-number.js';
export { formatNumber, iddToDial, type FormatContext, type Formatted } from './format-number.js';
export { normalizeNumber, normalizeNumberOrThrow, type NormalizeOptions, type NumberResult } from './normalize-number.js';
export { hasNumberErrors, NUMBER_PROBLEMS, type NumberProblemInfo } from './problems.js';
export * from './profiles/index.js';
export { resolveCountry, type CountryArgument } from './country.js';
export { NUMBER_SCHEMA, numberToJson, type NumberJson, type UriJson } from './to-json.js';
export * from './types.js';
export { vanityToDigits } from './vanity.js';
