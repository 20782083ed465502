import { is, TOKEN } from '../syntax/chars.js';
import type { Report } from '../syntax/report.js';
import { LIMITS, readUnsigned } from './numbers.js';

/** RAck (RFC 3262 §7.2): response-num CSeq-num Method. */
export interface RAck {
  rseq: number;
  cseq: number;
  method: string;
}

export function readRAck(s: string, report: Report): RAck | null {
  const m = /^[ \t]*(\d+)[ \t\r\n]+(\d+)[ \t\r\n]+(\S+)[ \t]*$/.exec(s);
  if (!m) {
    report('SIP_HEADER_SYNTAX', 'RAck must be "RSeq-number CSeq-number METHOD"', 0);
    return null;
  }
  const method = m[3]!;
  for (let i = 0; i < method.length; i++) {
    if (!is(method.charCodeAt(i), TOKEN)) {
      report('SIP_HEADER_SYNTAX', `RAck method "${method}" is not a token`, s.indexOf(method));
      break;
    }
  }
  const rseq = readUnsigned(m[1]!, 0, m[1]!.length, LIMITS.rseq, 'RAck response number', report) ?? 0;
  const cseq = readUnsigned(m[2]!, 0, m[2]!.length, LIMITS.cseq, 'RAck CSeq number', report) ?? 0;
  return { rseq, cseq, method };
}
