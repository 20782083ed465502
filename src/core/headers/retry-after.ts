import { ParamList, readHeaderParams } from '../syntax/params.js';
import type { Report } from '../syntax/report.js';
import { LIMITS, readUnsigned } from './numbers.js';

/** Retry-After (RFC 3261 §20.33): delta-seconds, an optional (comment) and params such as duration. */
export interface RetryAfter {
  seconds: number;
  comment: string | null;
  params: ParamList;
}

export function readRetryAfter(s: string, report: Report): RetryAfter | null {
  let i = 0;
  const end = s.length;
  while (i < end && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  const ds = i;
  while (i < end && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i === ds) {
    report('SIP_HEADER_SYNTAX', 'Retry-After must start with a number of seconds', ds);
    return null;
  }
  const seconds = readUnsigned(s, ds, i, LIMITS.deltaSeconds, 'Retry-After', report) ?? 0;
  while (i < end && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9 || s.charCodeAt(i) === 13 || s.charCodeAt(i) === 10)) i++;
  let comment: string | null = null;
  if (i < end && s.charCodeAt(i) === 40 /* ( */) {
    let depth = 0;
    const cs = i;
    for (; i < end; i++) {
      const c = s.charCodeAt(i);
      if (c === 92) i++;
      else if (c === 40) depth++;
      else if (c === 41 && --depth === 0) break;
    }
    if (depth !== 0) report('SIP_HEADER_SYNTAX', 'Retry-After comment is not closed', cs);
    comment = s.slice(cs + 1, i);
    i++;
  }
  const params = readHeaderParams(s, i, end, report, 'in Retry-After');
  const duration = params.get('duration');
  if (duration !== undefined && (duration === null || !/^\d+$/.test(duration))) report('SIP_HEADER_SYNTAX', 'Retry-After duration must be a number of seconds', i);
  return { seconds, comment, params };
}
