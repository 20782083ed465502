import { is, TOKEN } from '../syntax/chars.js';
import { ParamList, readHeaderParams } from '../syntax/params.js';
import type { Report } from '../syntax/report.js';
import { readList } from '../syntax/split-list.js';

/** A media type (Content-Type, Accept element): `type/subtype;params` (RFC 3261 §20.15). */
export interface MediaType {
  type: string;
  subtype: string;
  params: ParamList;
}

export function readMediaType(s: string, start: number, end: number, report: Report): MediaType | null {
  let i = start;
  while (i < end && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9 || s.charCodeAt(i) === 13 || s.charCodeAt(i) === 10)) i++;
  const ts = i;
  while (i < end && is(s.charCodeAt(i), TOKEN)) i++;
  const type = s.slice(ts, i);
  while (i < end && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  if (type === '' || i >= end || s.charCodeAt(i) !== 47 /* / */) {
    report('SIP_HEADER_SYNTAX', 'a media type must look like type/subtype', ts < end ? ts : start);
    return null;
  }
  i++;
  while (i < end && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  const ss = i;
  while (i < end && is(s.charCodeAt(i), TOKEN)) i++;
  const subtype = s.slice(ss, i);
  if (subtype === '') report('SIP_HEADER_SYNTAX', 'a media type must look like type/subtype', ss < end ? ss : start);
  const params = readHeaderParams(s, i, end, report, 'in the media type');
  return { type: type.toLowerCase(), subtype: subtype.toLowerCase(), params };
}

export function readContentType(s: string, report: Report): MediaType | null {
  return readMediaType(s, 0, s.length, report);
}

/** Accept: a list of media ranges (empty means "no body accepted", RFC 3261 §20.1). */
export function readAccept(s: string, report: Report): MediaType[] {
  return readList(s, report, readMediaType);
}

export function formatMediaType(m: MediaType): string {
  return `${m.type}/${m.subtype}${m.params.format(';', ';')}`;
}
