/** siptool's exit codes (docs/errors.md). */
export const EXIT = {
  /** Everything fine: no error-level problem, probe answered. */
  OK: 0,
  /** Findings at error level, invalid input values, a failed probe. */
  FINDINGS: 1,
  /** Usage error, unreadable input, internal error. */
  USAGE: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
