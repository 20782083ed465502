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
