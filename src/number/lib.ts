import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Max from 'libphonenumber-js/max';

/**
 * The one adapter around libphonenumber-js (STYLE.md habit 13): nothing else in siptool imports
 * it. It uses the `max` metadata, so validity is checked against each country's number
 * patterns (not only lengths) and the number type is known.
 *
 * Loading cost matters here: `siptool number` is often run for one number, and the package's
 * ES module build is about 100 small files (50 to 80 ms to load on a shared machine). The
 * package also ships the same code and the same `max` metadata as one pre-built file
 * (bundle/libphonenumber-max.js, built with the package, so always the same version); reading
 * that one file and compiling it takes about a quarter of the time. When that file is missing
 * (a future layout), the package's own `libphonenumber-js/max` entry is used instead.
 * test/number/lib.test.ts checks that both give the same answers.
 */
export type Lpn = typeof Max;
export type LpnPhoneNumber = Max.PhoneNumber;
export type LpnCountry = Max.CountryCode;
export type LpnType = Max.PhoneNumberType;
export type LengthProblem = Max.ValidatePhoneNumberLengthResult;

/** The parts of libphonenumber-js's NumberingPlan that siptool reads. */
export interface NumberingPlan {
  callingCode(): string;
  IDDPrefix(): string;
  defaultIDDPrefix(): string | undefined;
  nationalPrefix(): string | undefined;
  nationalPrefixForParsing(): string | undefined;
  possibleLengths(): number[] | undefined;
}

interface MetadataInstance {
  selectNumberingPlan(country: string): void;
  numberingPlan?: NumberingPlan;
  countryCallingCodes(): Record<string, string[]>;
  hasCountry(country: string): boolean;
  isNonGeographicCallingCode(code: string): boolean;
}

let loaded: Lpn | undefined;
let loadedFrom: 'bundle' | 'package' | 'cli' | undefined;

/** libphonenumber-js with max metadata, loaded on first use (synchronously). */
export function lpn(): Lpn {
  if (!loaded) {
    loaded = bundledLpn();
    loadedFrom = 'cli';
  }
  if (!loaded) {
    const require = createRequire(import.meta.url);
    try {
      const root = dirname(require.resolve('libphonenumber-js/package.json'));
      loaded = loadBundle(join(root, 'bundle', 'libphonenumber-max.js'));
      loadedFrom = 'bundle';
    } catch {
      loaded = require('libphonenumber-js/max') as Lpn;
      loadedFrom = 'package';
    }
  }
  return loaded;
}

/**
 * In the one-file CLI (dist/cli/siptool.cjs) the bundler replaces this function's body with a
 * plain `require('libphonenumber-js/max')`, so the library and its metadata are part of that
 * file and of its V8 code cache (scripts/bundle.js; the build fails when it finds no body to
 * replace). As an ES module it returns undefined and lpn() loads the library as above.
 */
function bundledLpn(): Lpn | undefined {
  return undefined;
}

/** Where the library was loaded from (for tests and `--debug`): its pre-built file, its package entry, or the CLI bundle. */
export function lpnSource(): 'bundle' | 'package' | 'cli' | undefined {
  return loadedFrom;
}

/** The package's own module entry, for tests that compare it with the bundle. */
export function lpnFromPackage(): Lpn {
  return createRequire(import.meta.url)('libphonenumber-js/max') as Lpn;
}

/**
 * Evaluates the UMD bundle as CommonJS, without touching globals. `new Function` (not node:vm)
 * so the library lives in the caller's realm: it checks option objects with `constructor ===
 * Object`, which fails across realms (jest runs tests in a vm context of its own).
 */
function loadBundle(path: string): Lpn {
  const source = readFileSync(path, 'utf8');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const fn = new Function('exports', 'module', `${source}\n//# sourceURL=${path}`) as (e: object, m: { exports: object }) => void;
  const mod = { exports: {} as Record<string, unknown> };
  fn(mod.exports, mod);
  if (typeof mod.exports.parsePhoneNumberFromString !== 'function' || typeof mod.exports.Metadata !== 'function') {
    throw new Error(`${path} does not export libphonenumber-js`);
  }
  return mod.exports as unknown as Lpn;
}

let metadata: MetadataInstance | undefined;

function meta(): MetadataInstance {
  if (!metadata) metadata = new (lpn().Metadata as unknown as new () => MetadataInstance)();
  return metadata;
}

/** The numbering plan of a country (ISO 3166 alpha-2), or undefined when unknown. */
export function numberingPlan(country: string): NumberingPlan | undefined {
  const m = meta();
  if (!m.hasCountry(country)) return undefined;
  m.selectNumberingPlan(country);
  return m.numberingPlan;
}

/** The countries that share a calling code ("1" → US, AG, AI, ..., CA, ...); the first is the main one. */
export function countriesForCallingCode(code: string): readonly string[] {
  return meta().countryCallingCodes()[code] ?? [];
}

/** True for a calling code that exists (geographic or not: +800, +881, ...). */
export function isCallingCode(code: string): boolean {
  return countriesForCallingCode(code).length > 0 || meta().isNonGeographicCallingCode(code);
}

/** Possible lengths of national significant numbers under a calling code (union over its countries). */
export function possibleLengthsForCallingCode(code: string): readonly number[] {
  let cached = lengthCache.get(code);
  if (cached) return cached;
  const set = new Set<number>();
  const m = meta();
  const countries = countriesForCallingCode(code);
  for (const c of countries.length > 0 ? countries : [code]) {
    try {
      m.selectNumberingPlan(c);
      for (const n of m.numberingPlan?.possibleLengths() ?? []) set.add(n);
    } catch {
      // unknown plan: no lengths
    }
  }
  cached = [...set].sort((a, b) => a - b);
  lengthCache.set(code, cached);
  return cached;
}

const lengthCache = new Map<string, readonly number[]>();
