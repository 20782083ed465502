import { SiptoolError } from '../errors.js';
import type { NumberProblem } from './types.js';

/** Codes of errors the number layer throws (docs/json/number.md). */
export type NumberErrorCode =
  | 'NUMBER_ERR_INVALID' // normalizeNumberOrThrow: the input is not a valid number
  | 'NUMBER_ERR_UNKNOWN_COUNTRY' // --country / options.country is not an ISO 3166 alpha-2 code we know
  | 'NUMBER_ERR_UNKNOWN_PROFILE' // --carrier names no profile
  | 'NUMBER_ERR_BAD_PROFILE'; // a custom profile does not fit the schema

export class NumberError extends SiptoolError {
  /** For NUMBER_ERR_INVALID: every problem found (the message is the first error). */
  readonly problems: readonly NumberProblem[];

  constructor(code: NumberErrorCode, message: string, problems: readonly NumberProblem[] = []) {
    super(code, message);
    this.name = 'NumberError';
    this.problems = problems;
  }
}
