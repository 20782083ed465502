import { quotedEnd, unquote } from '../syntax/quoted-string.js';
import type { Report } from '../syntax/report.js';
import { readList } from '../syntax/split-list.js';

/** One Warning value (RFC 3261 §20.43): warn-code warn-agent "warn-text". */
export interface WarningValue {
  code: number;
  agent: string;
  text: string;
}

export function readWarningList(s: string, report: Report): WarningValue[] {
  return readList(s, report, (s, a, b, report): WarningValue | null => {
    const m = /^(\S+)\s+(\S+)\s+/.exec(s.slice(a, b));
    if (!m) {
      report('SIP_HEADER_SYNTAX', 'Warning must be: code agent "text"', a);
      return null;
    }
    const codeText = m[1]!;
    if (!/^\d{3}$/.test(codeText)) report('SIP_WARNING_CODE_INVALID', `warn-code "${codeText}" is not three digits`, a);
    const q = a + m[0].length;
    if (s.charCodeAt(q) !== 34) {
      report('SIP_HEADER_SYNTAX', 'the Warning text must be a quoted string', q);
      return null;
    }
    const qe = quotedEnd(s, q, b);
    if (qe < 0) report('SIP_UNTERMINATED_QUOTE', 'the Warning text is not closed', q);
    else if (qe !== b) report('SIP_HEADER_SYNTAX', 'unexpected text after the Warning text', qe);
    return { code: Number(codeText), agent: m[2]!, text: unquote(s.slice(q, qe < 0 ? b : qe)) };
  });
}
