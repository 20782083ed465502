import { isToken } from '../syntax/chars.js';
import type { Report } from '../syntax/report.js';
import { readList } from '../syntax/split-list.js';

/**
 * A comma-separated list of tokens: Allow, Supported, Require, Proxy-Require, Unsupported,
 * Allow-Events, Content-Encoding, Accept-Encoding ... (RFC 3261 §20). Empty header = empty list.
 */
export function readTokenList(s: string, report: Report): string[] {
  return readList(s, report, (text, a, b, r) => {
    const t = text.slice(a, b);
    if (!isToken(t)) r('SIP_HEADER_SYNTAX', `"${t}" is not a token`, a);
    return t;
  });
}

/** Privacy (RFC 3323 §4.2): priv-values separated by ";". */
export function readPrivacy(s: string, report: Report): string[] {
  const out: string[] = [];
  let pos = 0;
  for (const part of s.split(';')) {
    const t = part.trim();
    if (t === '' || !isToken(t)) report('SIP_HEADER_SYNTAX', t === '' ? 'empty Privacy value' : `"${t}" is not a Privacy value`, pos);
    else out.push(t);
    pos += part.length + 1;
  }
  return out;
}
