/** Keypad letters (ITU-T E.161): ABC=2, DEF=3, GHI=4, JKL=5, MNO=6, PQRS=7, TUV=8, WXYZ=9. */
const KEYPAD = '22233344455566677778889999';

export function letterToDigit(c: string): string {
  const i = (c.charCodeAt(0) | 32) - 97;
  return i >= 0 && i < 26 ? KEYPAD[i]! : c;
}

/** Replaces every ASCII letter by its keypad digit ("1-800-FLOWERS" → "1-800-3569377"). */
export function vanityToDigits(text: string): string {
  return text.replace(/[A-Za-z]/g, letterToDigit);
}
