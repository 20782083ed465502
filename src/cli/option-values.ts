import { UsageError } from './cli-errors.js';

/** A whole-number option value from min to max, or undefined when the option was not given; else a usage error (exit 2). */
export function integer(text: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${text}"`, 'SIPTOOL_ERR_BAD_OPTION');
  return Number(text);
}
