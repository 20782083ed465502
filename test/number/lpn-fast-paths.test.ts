import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LPN_FAST_PATHS, plainDigitsExtension, plainDigitsViable, withFastPath } from '../../scripts/lpn-fast-paths.js';

/**
 * The CLI bundles answer two of libphonenumber-js's parser helpers for plain digits without
 * their regular expressions (scripts/lpn-fast-paths.js): wherever a fast path answers, it must be
 * the library's own answer, and it must leave every other text to the library.
 */
const lpnRoot = dirname(createRequire(import.meta.url).resolve('libphonenumber-js/package.json'));
// the library's modules as the bundles take them (scripts/bundle.js)
const helper = async (path: string) => ((await import(pathToFileURL(join(lpnRoot, 'es6-modern', path)).href)) as { default: (s: string) => unknown }).default;

/** A small seeded generator: the same strings at every run. */
function strings(count: number, seed: number, alphabet: string, maxLength: number): string[] {
  let x = seed;
  const next = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x >>> 8;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = next() % (maxLength + 1);
    let s = next() % 3 === 0 ? '+' : '';
    for (let j = 0; j < n; j++) s += alphabet[next() % alphabet.length];
    out.push(s);
  }
  return out;
}

const plain = ['', '+', '1', '+1', '12', '+12', '123', '+123', '0', '00', '011', '+0', '2293160013', '+12293160013', '9'.repeat(250), '+' + '1'.repeat(300), ...strings(4000, 7, '0123456789', 25)];
// digits among separators, letters, extension marks, other scripts' digits, a second "+"
const other = ['++1', '1+2', '+ 123', '123 ', ' 123', '(229) 316-0013', '229-316-0013', '123;ext=45', '123 ext 45', '123x45', '123#', '123 - 45#', '123,,45', '123;45', '123,45', '１２３', '٣٤٥', '12a', '\u00a0123', '123\n', ...strings(4000, 11, '0123456789 -.()+x#;,e', 20)].filter((s) => !/^\+?[0-9]*$/.test(s));

describe('libphonenumber-js fast paths for plain digits', () => {
  it('isViablePhoneNumber: the fast path gives the library\'s answer for every plain-digit string, and leaves other text to it', async () => {
    const viable = await helper('helpers/isViablePhoneNumber.js');
    for (const s of plain) {
      const fast = plainDigitsViable(s);
      if (s === '' || s === '+') expect(fast).toBeUndefined();
      else expect([s, fast]).toEqual([s, viable(s)]);
    }
    expect(plain.filter((s) => plainDigitsViable(s) === true).length).toBeGreaterThan(3000);
    expect(plain.filter((s) => plainDigitsViable(s) === false).length).toBeGreaterThan(10);
    for (const s of other) expect([s, plainDigitsViable(s)]).toEqual([s, undefined]);
  });

  it('extractExtension: no extension in plain digits (the library agrees), other text left to it', async () => {
    const extension = await helper('helpers/extension/extractExtension.js');
    for (const s of plain) expect([s, plainDigitsExtension(s)]).toEqual([s, extension(s)]);
    for (const s of other) expect([s, plainDigitsExtension(s)]).toEqual([s, undefined]);
    // the other text does hold extensions the library finds, which the fast path must not hide
    expect(other.filter((s) => (extension(s) as { ext?: string }).ext !== undefined).length).toBeGreaterThan(100);
  });

  it('goes in front of the library function it answers for, or the build fails', () => {
    const paths: Record<string, string> = { plainDigitsViable: 'helpers/isViablePhoneNumber.js', plainDigitsExtension: 'helpers/extension/extractExtension.js' };
    for (const f of LPN_FAST_PATHS) {
      const path = `/x/node_modules/libphonenumber-js/es6-modern/${paths[f.fn.name]}`;
      expect(f.module.test(path)).toBe(true);
      const text = `import x from './y.js';\n${f.at}\n  return 42;\n}\n`;
      const out = withFastPath(path, text);
      expect(out).toContain(`${f.at}\n  var siptoolFast = ${f.fn.name}(number);\n  if (siptoolFast !== undefined) return siptoolFast;\n  return 42;`);
      expect(out).toContain(`function ${f.fn.name}(number) {`);
      expect(() => withFastPath(path, 'export default function other(number) {}')).toThrow(/not found once/);
    }
    expect(withFastPath('/x/node_modules/libphonenumber-js/es6/parse.js', 'unchanged')).toBe('unchanged');
  });
});
