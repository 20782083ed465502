import { ParamList, type Param } from '../syntax/params.js';
import { percentDecode } from './escape.js';

/**
 * Splits a SIP URI user part at its first ";" into the user proper and the user parameters of
 * a telephone-subscriber (RFC 3261 §19.1.6, RFC 4904 tgrp/trunk-context, RFC 4694 npdi/rn, ...).
 * `sip:+15551234567;tgrp=TG1;trunk-context=example.com@gw` gives user "+15551234567" and two params.
 * Values stay escaped as written; the user proper is %-decoded.
 */
export function splitUserPart(user: string): { user: string; params: ParamList } {
  const semi = user.indexOf(';');
  if (semi < 0) return { user: percentDecode(user), params: new ParamList() };
  const items: Param[] = [];
  for (const part of user.slice(semi + 1).split(';')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    items.push(eq < 0 ? { name: part, value: null, quoted: false } : { name: part.slice(0, eq), value: part.slice(eq + 1), quoted: false });
  }
  return { user: percentDecode(user.slice(0, semi)), params: new ParamList(items) };
}
