import { createRequire } from 'node:module';
import { normalizeNumber } from '../../src/number/normalize-number.js';
import { lpn, lpnFromPackage, lpnSource } from '../../src/number/lib.js';

/**
 * siptool loads libphonenumber-js from the one-file bundle the package ships (faster start);
 * this checks that it is the same library and the same max metadata as the package entry.
 */
describe('libphonenumber-js adapter', () => {
  const bundle = lpn();
  const pkg = lpnFromPackage();

  it('loads the bundle', () => {
    expect(lpnSource()).toBe('bundle');
  });

  it('has the same countries as the package entry', () => {
    expect(bundle.getCountries()).toEqual(pkg.getCountries());
  });

  const corpus = [
    ['+12293160013', undefined],
    ['(229) 316-0013', 'US'],
    ['020 7946 0000', 'GB'],
    ['0151 23456789', 'DE'],
    ['06 12 34 56 78', 'FR'],
    ['0412 345 678', 'AU'],
    ['081234 56789', 'IN'],
    ['(11) 96123-4567', 'BR'],
    ['55 1234 5678', 'MX'],
    ['090-1234-5678', 'JP'],
    ['612 34 56 78', 'ES'],
    ['02 1234 5678', 'IT'],
    ['06 12345678', 'NL'],
    ['071 123 4567', 'ZA'],
    ['0802 123 4567', 'NG'],
    ['0800 123 4567', 'GB'],
    ['+80012345678', undefined],
    ['12', 'US'],
  ] as const;

  it.each(corpus)('%s (%s): same parse, validity, type and formats', (text, country) => {
    const a = bundle.parsePhoneNumberFromString(text, country ? { defaultCountry: country } : undefined);
    const b = pkg.parsePhoneNumberFromString(text, country ? { defaultCountry: country } : undefined);
    const facts = (p: typeof a) => p && [p.number, p.country, p.isValid(), p.getType(), p.formatNational(), p.formatInternational(), p.getURI()];
    expect(facts(a)).toEqual(facts(b));
    expect(bundle.validatePhoneNumberLength(text, country)).toEqual(pkg.validatePhoneNumberLength(text, country));
  });
});

describe('siptool and libphonenumber-js agree on every country', () => {
  // the mobile example number of every region (shipped with libphonenumber-js)
  const examples = createRequire(import.meta.url)('libphonenumber-js/mobile/examples') as Record<string, string>;
  const pkg = lpnFromPackage();
  const rows = Object.entries(examples).map(([country, nsn]) => {
    const p = pkg.parsePhoneNumberFromString(nsn, country as never)!;
    return [country, p.number] as const;
  });

  it('has examples for the shared calling codes', () => {
    expect(rows.length).toBeGreaterThan(230);
  });

  it.each(rows)('%s %s: same validity, country and type', (country, e164) => {
    const theirs = pkg.parsePhoneNumberFromString(e164)!;
    const ours = normalizeNumber(e164);
    expect(ours.valid).toBe(theirs.isValid());
    if (ours.valid) {
      expect(ours.e164).toBe(theirs.number);
      expect(ours.country).toBe(theirs.country ?? null);
      expect(ours.type.toUpperCase().replace(/-/g, '_')).toBe(theirs.getType());
    }
    // and written nationally in its own country
    const national = normalizeNumber(theirs.formatNational(), { country });
    expect(national.e164).toBe(ours.valid ? theirs.number : null);
  });
});
