import type { ProblemCode } from '../problems.js';

/**
 * How a value parser reports a problem: a code, a message and the index in the text it was
 * given. The caller turns indexes into line/column/offset (a header field knows where its
 * value sits in the message).
 */
export type Report = (code: ProblemCode, message: string, index: number) => void;

/** A Report that drops everything (for callers that only want the value). */
export const ignoreProblems: Report = () => {};

export interface ValueProblem {
  readonly code: ProblemCode;
  readonly message: string;
  readonly index: number;
  /** Set only when it differs from the code's default severity. */
  readonly severity?: 'error' | 'warning' | 'info';
}

/** Problems kept per value: hostile input (a megabyte of ";") must not make a million problems. */
export const MAX_VALUE_PROBLEMS = 25;

/** A Report that collects into an array, up to `max` problems plus one note that more were cut. */
export function collectInto(list: ValueProblem[], max = MAX_VALUE_PROBLEMS): Report {
  let seen = 0;
  return (code, message, index) => {
    seen++;
    if (seen <= max) list.push({ code, message, index });
    else if (seen === max + 1) list.push({ code: 'SIP_LIMIT_EXCEEDED', message: `more than ${max} problems in this value; the rest are not listed`, index, severity: 'warning' });
  };
}
