import { lpn } from './lib.js';
import { numberProblem } from './problems.js';
import type { NumberProblem } from './types.js';
import { letterToDigit } from './vanity.js';

/** The characters of a telephone number as written, before any numbering plan is applied. */
export interface Spelled {
  /** True when the number starts with "+". */
  plus: boolean;
  /** ASCII digits only (vanity letters mapped, other scripts' digits converted). */
  digits: string;
  /** Spaces, dashes, dots, brackets or slashes between the digits. */
  separators: boolean;
  /** An opening bracket: "(229) 316-0013" is national by its shape. */
  parens: boolean;
  /** Vanity letters as written ("FLOWERS"), or null. */
  letters: string | null;
  /** Extension digits ("x123", "ext. 123", ";ext=123"), or null. */
  extension: string | null;
}

/** Longest text we try to read as one number: far above any real spelling, far below a hostile line. */
export const MAX_NUMBER_TEXT = 256;

const EXT = /^(.*?\d.*?)\s*(?:;\s*ext=|(?:ext(?:ension)?|x)\.?\s*)(\d{1,10})\s*$/i;

/**
 * Reads the characters of a number: "+", digits, visual separators, keypad letters and an
 * extension. Returns a problem (NUMBER_NOT_A_NUMBER) for anything else.
 */
export function spell(text: string): Spelled | NumberProblem {
  if (text.length > MAX_NUMBER_TEXT) return numberProblem('NUMBER_NOT_A_NUMBER', `too long to be a telephone number (${text.length} characters)`);
  let body = text;
  let extension: string | null = null;
  const ext = /[a-z;]/i.test(text) ? EXT.exec(text) : null;
  if (ext && /[^\d\s]/.test(text.slice(ext[1]!.length))) {
    body = ext[1]!;
    extension = ext[2]!;
  }
  let plus = false;
  let digits = '';
  let separators = false;
  let parens = false;
  let letters = '';
  let started = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    const c = body.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits += ch;
      started = true;
    } else if (ch === '+' && !started && !plus) {
      plus = true;
      if (i > 0 && body.slice(0, i).trim() !== '') separators = true;
    } else if (ch === ' ' || ch === '-' || ch === '.' || ch === '/' || ch === '\t' || ch === '\u00a0' || (c >= 0x2010 && c <= 0x2015)) {
      if (started || plus) separators = true;
    } else if (ch === '(' || ch === ')' || ch === '[' || ch === ']') {
      separators = true;
      if (ch === '(') parens = true;
    } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      letters += ch;
      digits += letterToDigit(ch);
      started = true;
    } else if (c > 127 && /\p{Nd}/u.test(ch)) {
      digits += lpn().parseDigits(ch);
      started = true;
    } else {
      return numberProblem('NUMBER_NOT_A_NUMBER', notANumber(text, ch));
    }
  }
  if (!/\d/.test(body)) {
    return numberProblem('NUMBER_NOT_A_NUMBER', letters !== '' ? `"${clip(text)}" has no digits: it is a name, not a telephone number` : `"${clip(text)}" has no digits`);
  }
  return { plus, digits, separators, parens, letters: letters === '' ? null : letters, extension };
}

function notANumber(text: string, ch: string): string {
  if (ch === '@') return `"${clip(text)}" looks like a SIP address without a scheme: write it as sip:${clip(text)}`;
  if (ch === ':') return `"${clip(text)}" has a scheme siptool does not read as a number (use sip:, sips: or tel:)`;
  if (ch === '*' || ch === '#') return `"${ch}" is a keypad key, not part of a number a trunk can dial`;
  return `"${printable(ch)}" cannot appear in a telephone number`;
}

/** The text clipped for messages, with control characters shown as \xNN. */
export function clip(text: string, max = 60): string {
  if (text.length <= max && !CONTROL.test(text)) return text;
  const t = text.length > max ? text.slice(0, max) + '…' : text;
  return t.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => printable(c));
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;

export function printable(ch: string): string {
  const c = ch.charCodeAt(0);
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) ? `\\x${c.toString(16).padStart(2, '0')}` : ch;
}
