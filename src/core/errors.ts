import { SiptoolError } from '../errors.js';
import type { Problem } from './problems.js';

/**
 * Thrown by the strict parsers. `code` is the problem code (SIP_BAD_START_LINE, ...), and the
 * position says where: line and column (1-based) and byte offset.
 */
export class SipParseError extends SiptoolError {
  readonly problem: Problem;
  readonly line: number;
  readonly column: number;
  readonly offset: number;

  constructor(problem: Problem) {
    super(problem.code, `${problem.message} (line ${problem.line}, column ${problem.column})`);
    this.name = 'SipParseError';
    this.problem = problem;
    this.line = problem.line;
    this.column = problem.column;
    this.offset = problem.offset;
  }
}
