/**
 * Root of every error siptool throws on purpose. Each carries a stable string `code`
 * (documented in docs/errors.md); tests and callers branch on `code`, never on the message.
 */
export class SiptoolError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SiptoolError';
    this.code = code;
  }
}

/** A bug in siptool itself, not in the user's input. The CLI asks the user to report it. */
export class InternalError extends SiptoolError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SIPTOOL_ERR_INTERNAL', message, options);
    this.name = 'InternalError';
  }
}

/** A caller passed something the API cannot work with (a programming or usage error). */
export class InvalidArgumentError extends SiptoolError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SIPTOOL_ERR_INVALID_ARGUMENT', message, options);
    this.name = 'InvalidArgumentError';
  }
}
