import { SiptoolError } from '../errors.js';
import type { ExitCode } from './exit-codes.js';

/** "Stop with this exit code"; the message (if any) is printed as one line on stderr. */
export class ExitError extends SiptoolError {
  readonly exitCode: ExitCode;

  constructor(exitCode: ExitCode, message = '') {
    super('SIPTOOL_ERR_EXIT', message);
    this.name = 'ExitError';
    this.exitCode = exitCode;
  }
}

/** A wrong flag, a missing argument or an unreadable input: one line on stderr, exit 2. */
export class UsageError extends SiptoolError {
  constructor(message: string, code = 'SIPTOOL_ERR_USAGE') {
    super(code, message);
    this.name = 'UsageError';
  }
}

/** An input file that cannot be read (missing, a directory, too large). Exit 2. */
export class InputError extends SiptoolError {
  constructor(message: string, code = 'SIPTOOL_ERR_INPUT', options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'InputError';
  }
}
