import { ALPHA, DIGIT, HEX, is } from '../syntax/chars.js';
import { ParamList, type Param } from '../syntax/params.js';
import type { Report } from '../syntax/report.js';
import { escapesValid } from './escape.js';

export interface TelephoneSubscriber {
  number: string;
  digits: string;
  global: boolean;
  phoneContext: string | null;
  params: ParamList;
}

const VISUAL = '-.()';

function isVisual(c: number): boolean {
  return c === 45 || c === 46 || c === 40 || c === 41;
}

/** param-unreserved / unreserved / pct-encoded (RFC 3966 paramchar). */
function isParamChar(c: number): boolean {
  return is(c, ALPHA | DIGIT) || "[]/:&+$-_.!~*'()%".includes(String.fromCharCode(c));
}

/**
 * Parses a telephone-subscriber (RFC 3966 §3): the part of a tel: URI after "tel:", and the
 * user part of a SIP URI with user=phone. Reports what does not fit; always returns a value.
 */
export function readTelephoneSubscriber(s: string, start: number, end: number, report: Report): TelephoneSubscriber {
  let i = start;
  const global = i < end && s.charCodeAt(i) === 43; /* + */
  if (global) i++;
  const numStart = start;
  let digits = global ? '+' : '';
  let sawDigit = false;
  while (i < end && s.charCodeAt(i) !== 59 /* ; */) {
    const c = s.charCodeAt(i);
    if (global ? is(c, DIGIT) : is(c, HEX) || c === 42 || c === 35) {
      digits += s[i];
      sawDigit = true;
    } else if (c === 37 && !global && s.slice(i, i + 3).toUpperCase() === '%23') {
      digits += '#'; // "#" escaped inside a SIP URI user part
      sawDigit = true;
      i += 2;
    } else if (!isVisual(c)) {
      report('SIP_URI_INVALID', `"${s[i]}" is not a ${global ? 'digit' : 'digit, *, #'} or visual separator (${VISUAL}) in a telephone number`, i);
    }
    i++;
  }
  if (!sawDigit) report('SIP_URI_INVALID', 'the telephone number has no digits', start);
  const number = s.slice(numStart, i);
  const items: Param[] = [];
  let phoneContext: string | null = null;
  while (i < end) {
    // at ';'
    const ps = ++i;
    while (i < end && s.charCodeAt(i) !== 59 && s.charCodeAt(i) !== 61) i++;
    const name = s.slice(ps, i);
    if (name === '' || !/^[A-Za-z0-9-]+$/.test(name)) {
      report('SIP_URI_INVALID', name === '' ? 'empty parameter in a telephone number' : `bad parameter name "${name}" in a telephone number`, ps);
    }
    let value: string | null = null;
    if (i < end && s.charCodeAt(i) === 61) {
      const vs = ++i;
      while (i < end && s.charCodeAt(i) !== 59) {
        if (!isParamChar(s.charCodeAt(i))) report('SIP_URI_INVALID', `"${s[i]}" is not allowed in a tel parameter value`, i);
        i++;
      }
      value = s.slice(vs, i);
      if (value === '') report('SIP_URI_INVALID', `parameter "${name}" has "=" but no value`, vs);
      else if (!escapesValid(value)) report('SIP_URI_INVALID', `bad %-escape in parameter "${name}"`, vs);
    }
    if (name.toLowerCase() === 'phone-context') phoneContext = value;
    items.push({ name, value, quoted: false });
  }
  if (!global && phoneContext === null && sawDigit) {
    report('SIP_URI_INVALID', 'a local number needs a phone-context parameter (RFC 3966 §5.1.5)', start);
  }
  if (phoneContext !== null && !/^(\+[\d().-]*\d[\d().-]*|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?\.?)$/.test(phoneContext)) {
    report('SIP_URI_INVALID', `phone-context "${phoneContext}" is neither a domain name nor a global number`, start);
  }
  return { number, digits, global, phoneContext, params: new ParamList(items) };
}
