/**
 * Character classes of the RFC 3261 §25.1 grammar as one 256-entry table of bit flags, so the
 * parsers test a character class with one array read. Inputs are latin1 strings (one char per
 * byte), so every char code is below 256.
 */

export const ALPHA = 1;
export const DIGIT = 2;
/** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
export const TOKEN = 4;
/** unreserved = alphanum / mark; mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")" */
export const UNRESERVED = 8;
/** user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/" */
export const USER_UNRESERVED = 16;
/** param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$" */
export const PARAM_UNRESERVED = 32;
/** hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$" */
export const HNV_UNRESERVED = 64;
/** word = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" / "(" / ")" / "<" / ">" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}") */
export const WORD = 128;
export const HEX = 256;
/** password chars besides unreserved/escaped: "&" / "=" / "+" / "$" / "," */
export const PASSWORD = 512;
/** reserved = ";" / "/" / "?" / ":" / "@" / "&" / "=" / "+" / "$" / "," (uric = reserved / unreserved / escaped) */
export const RESERVED = 1024;
/** SP or HTAB */
export const WSP = 2048;

export const CHAR = new Uint16Array(256);

function mark(chars: string, flag: number): void {
  for (let i = 0; i < chars.length; i++) CHAR[chars.charCodeAt(i)]! |= flag;
}

function range(from: string, to: string, flag: number): void {
  for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) CHAR[c]! |= flag;
}

range('a', 'z', ALPHA | TOKEN | UNRESERVED | WORD);
range('A', 'Z', ALPHA | TOKEN | UNRESERVED | WORD);
range('0', '9', DIGIT | TOKEN | UNRESERVED | WORD | HEX);
range('a', 'f', HEX);
range('A', 'F', HEX);
mark("-.!%*_+`'~", TOKEN);
mark("-_.!~*'()", UNRESERVED);
mark('&=+$,;?/', USER_UNRESERVED);
mark('[]/:&+$', PARAM_UNRESERVED);
mark('[]/?:+$', HNV_UNRESERVED);
mark("-.!%*_+`'~()<>:\\\"/[]?{}", WORD);
mark('&=+$,', PASSWORD);
mark(';/?:@&=+$,', RESERVED);
mark(' \t', WSP);

export function is(code: number, flag: number): boolean {
  return code < 256 && (CHAR[code]! & flag) !== 0;
}

export function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!is(s.charCodeAt(i), TOKEN)) return false;
  return true;
}

/** Index of the first char at or after `i` that is not SP, HTAB, CR or LF. */
export function skipWs(s: string, i: number, end = s.length): number {
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
    i++;
  }
  return i;
}

/** Index after the last non-whitespace char before `end` (for trimming a range). */
export function trimEnd(s: string, start: number, end: number): number {
  while (end > start) {
    const c = s.charCodeAt(end - 1);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
    end--;
  }
  return end;
}

/** Index after a run of chars having `flag`, from `i`. */
export function scan(s: string, i: number, flag: number, end = s.length): number {
  while (i < end && is(s.charCodeAt(i), flag)) i++;
  return i;
}

/** True when the string holds a char >= 0x80 (so latin1 text may be UTF-8 that needs decoding). */
export function hasHighBytes(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return true;
  return false;
}

type Latin1Writer = (this: Buffer, s: string, offset: number, length: number) => number;
/** Node's Buffer#latin1Write (what Buffer.from(s, 'latin1') ends in, without its encoding lookup). */
const LATIN1_WRITE = (Buffer.prototype as unknown as { latin1Write?: Latin1Writer }).latin1Write;

/**
 * The bytes of a latin1 string (one byte per char), as Buffer.from(s, 'latin1') gives them,
 * written straight in: Buffer.from looks the encoding up in a function of Node's that V8 compiles
 * at its first use, a cost every one-shot probe paid for serializing its request.
 */
export function latin1Bytes(s: string): Buffer {
  if (LATIN1_WRITE === undefined) return Buffer.from(s, 'latin1');
  const bytes = Buffer.allocUnsafe(s.length);
  LATIN1_WRITE.call(bytes, s, 0, s.length);
  return bytes;
}

/** Decodes a latin1 string (one char per byte) as UTF-8; pure ASCII comes back unchanged. */
export function latin1ToUtf8(s: string): string {
  return hasHighBytes(s) ? Buffer.from(s, 'latin1').toString('utf8') : s;
}

/** Encodes a JS string as latin1 bytes-in-a-string (the inverse of latin1ToUtf8). */
export function utf8ToLatin1(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) return Buffer.from(s, 'utf8').toString('latin1');
  }
  return s;
}

/** C0 controls, DEL and C1 controls: what could garble a terminal if printed raw. */
const UNSAFE = /[\x00-\x1f\x7f-\x9f]/g;

/** Shows terminal control characters as \xNN. */
export function escapeControls(s: string): string {
  return s.replace(UNSAFE, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * Text safe to put in a one-line message: control characters shown as \xNN (so binary input
 * cannot garble a terminal), cut to about `max` characters with "...".
 */
export function printableClip(s: string, max = 60): string {
  const cut = s.length > max ? s.slice(0, max - 3) : s;
  return escapeControls(cut) + (cut.length < s.length ? '...' : '');
}

/** sip:/sips: userinfo with a password: "sip:alice:secret@host" → "sip:alice:(hidden)@host". */
const URI_PASSWORD = /\b(sips?:[^\s:@;<>"]+):[^\s@<>"]*@/gi;

/** Text with every URI password replaced by "(hidden)" (for any output: JSON, listings, reports). */
export function hideUriPasswords(s: string): string {
  // a password needs "@" and two colons (the scheme's and the one before the password)
  const colon = s.indexOf(':');
  return colon >= 0 && s.indexOf(':', colon + 1) >= 0 && s.includes('@') ? s.replace(URI_PASSWORD, '$1:(hidden)@') : s;
}
