// Two answers of libphonenumber-js's text parser, given for plain digits without its patterns.
//
// siptool hands the library only ASCII digits, with or without a leading "+" (src/number/resolve.ts
// reads the spelled digits of an input, never its text), yet the library's parser tests every
// input against two regular expressions of about 1 KB each: the shape of a phone number with any
// extension (isViablePhoneNumber) and the extension alone (extractExtension). V8 compiles each
// to about 8 KB of bytecode on first use and to machine code on the second: about 0.7 ms of a
// one-number run, for answers that are known for plain digits:
// - viable: the pattern takes two digits alone, or "+" (optional) then at least three digits
//   (lpn's MIN_LENGTH_FOR_NSN alternative and VALID_PHONE_NUMBER);
// - no extension: every extension form needs a character other than a digit (";ext=", a label,
//   x # ~, "-" or " " before digits and "#", ",," or ";", ",").
// Each function returns undefined for any other text, which then takes the library's own path.
// scripts/bundle.js puts them in front of the two functions in the CLI bundles (the build fails
// when it cannot); test/number/lpn-fast-paths.test.ts compares them with the library's answers.

/** isViablePhoneNumber for ASCII digits after an optional "+"; undefined for other text. */
export function plainDigitsViable(number) {
  var plus = number.charCodeAt(0) === 43;
  var n = number.length;
  if (n === (plus ? 1 : 0)) return undefined;
  for (var i = plus ? 1 : 0; i < n; i++) {
    var c = number.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return plus ? n - 1 >= 3 : n >= 2;
}

/** extractExtension for ASCII digits after an optional "+" (none: {}); undefined for other text. */
export function plainDigitsExtension(number) {
  for (var i = number.charCodeAt(0) === 43 ? 1 : 0; i < number.length; i++) {
    var c = number.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return {};
}

/** Where each goes: the library module (path) and the first line of the function it answers for. */
export const LPN_FAST_PATHS = [
  { module: /[\\/]es6(?:-modern)?[\\/]helpers[\\/]isViablePhoneNumber\.js$/, at: 'export default function isViablePhoneNumber(number) {', fn: plainDigitsViable },
  { module: /[\\/]es6(?:-modern)?[\\/]helpers[\\/]extension[\\/]extractExtension\.js$/, at: 'export default function extractExtension(number) {', fn: plainDigitsExtension },
];

/**
 * The module's text with its fast path in front of the function (unchanged for other modules);
 * throws when the module is one of them but the function's first line is not found once.
 */
export function withFastPath(path, text) {
  const fast = LPN_FAST_PATHS.find((f) => f.module.test(path));
  if (!fast) return text;
  if (text.split(fast.at).length !== 2) throw new Error(`${path}: "${fast.at}" not found once; update scripts/lpn-fast-paths.js`);
  return text.replace(fast.at, `${fast.at}\n  var siptoolFast = ${fast.fn.name}(number);\n  if (siptoolFast !== undefined) return siptoolFast;`) + `\n${fast.fn.toString()}\n`;
}
