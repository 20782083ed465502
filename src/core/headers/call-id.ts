import { is, WORD } from '../syntax/chars.js';
import { ignoreProblems, type Report } from '../syntax/report.js';

/** Call-ID (RFC 3261 §20.8): word ["@" word]. Returns the value as written. */
export function readCallId(s: string, report: Report): string {
  const v = s.trim();
  if (report === ignoreProblems) return v;
  if (v === '') {
    report('SIP_HEADER_SYNTAX', 'Call-ID is empty', 0);
    return v;
  }
  const at = v.indexOf('@');
  for (let i = 0; i < v.length; i++) {
    if (i === at) continue;
    if (!is(v.charCodeAt(i), WORD)) {
      report('SIP_HEADER_SYNTAX', `"${v[i]}" is not allowed in a Call-ID`, s.indexOf(v) + i);
      break;
    }
  }
  if (at === 0 || at === v.length - 1) report('SIP_HEADER_SYNTAX', 'Call-ID has "@" with nothing on one side', s.indexOf(v) + at);
  return v;
}
