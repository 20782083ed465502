import { is, TOKEN } from '../syntax/chars.js';
import { ParamList, readHeaderParams } from '../syntax/params.js';
import type { Report } from '../syntax/report.js';
import { readList } from '../syntax/split-list.js';

/**
 * `token *(; param)` values: Event, Subscription-State, Content-Disposition, Reason (per element),
 * Session-Expires (delta-seconds with refresher), Accept-Contact... The value is the leading
 * token as written.
 */
export interface TokenWithParams {
  value: string;
  params: ParamList;
}

export function readTokenWithParams(s: string, start: number, end: number, report: Report, what: string): TokenWithParams {
  let i = start;
  while (i < end && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9 || s.charCodeAt(i) === 13 || s.charCodeAt(i) === 10)) i++;
  const vs = i;
  while (i < end && is(s.charCodeAt(i), TOKEN)) i++;
  if (i === vs) report('SIP_HEADER_SYNTAX', `${what} needs a value before its parameters`, vs < end ? vs : start);
  const value = s.slice(vs, i);
  const params = readHeaderParams(s, i, end, report, `in ${what}`);
  return { value, params };
}

export function readTokenWithParamsList(s: string, report: Report, what: string): TokenWithParams[] {
  return readList(s, report, (text, a, b, r) => readTokenWithParams(text, a, b, r, what));
}
