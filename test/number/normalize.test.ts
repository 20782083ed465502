import { normalizeNumber, normalizeNumberOrThrow, NumberError, type NormalizeOptions } from '../../src/index.js';

type Row = [country: string | undefined, input: string, e164: string, type: string, inputFormat: string];

/** Valid inputs: 15 countries, every plain spelling of issue 5. */
const VALID: Row[] = [
  // US / CA (NANP): national with separators, bare 10 digits, 1 + 10, E.164 with and without +
  ['US', '(229) 316-0013', '+12293160013', 'fixed-line-or-mobile', 'national'],
  ['US', '229.316.0013', '+12293160013', 'fixed-line-or-mobile', 'national'],
  ['US', '2293160013', '+12293160013', 'fixed-line-or-mobile', 'national'],
  ['US', '12293160013', '+12293160013', 'fixed-line-or-mobile', 'nanp-11'],
  ['US', '1-229-316-0013', '+12293160013', 'fixed-line-or-mobile', 'nanp-11'],
  ['US', '+12293160013', '+12293160013', 'fixed-line-or-mobile', 'e164'],
  ['US', '+1 (229) 316-0013', '+12293160013', 'fixed-line-or-mobile', 'international'],
  [undefined, '12293160013', '+12293160013', 'fixed-line-or-mobile', 'nanp-11'],
  ['US', '1-800-FLOWERS', '+18003569377', 'toll-free', 'vanity'],
  ['US', '011 44 20 7946 0000', '+442079460000', 'fixed-line', 'idd'],
  ['CA', '(506) 234-5678', '+15062345678', 'fixed-line-or-mobile', 'national'],
  ['CA', '1-613-555-0123', '+16135550123', 'fixed-line-or-mobile', 'nanp-11'],
  ['CA', '011 33 1 23 45 67 89', '+33123456789', 'fixed-line', 'idd'],
  // GB: trunk prefix 0, IDD 00
  ['GB', '020 7946 0000', '+442079460000', 'fixed-line', 'national-trunk-prefix'],
  ['GB', '07400 123456', '+447400123456', 'mobile', 'national-trunk-prefix'],
  ['GB', '+44 (0)20 7946 0000', '+442079460000', 'fixed-line', 'international'],
  ['GB', '442079460000', '+442079460000', 'fixed-line', 'e164-digits'],
  ['GB', '00 1 229 316 0013', '+12293160013', 'fixed-line-or-mobile', 'idd'],
  ['GB', '0800 123 4567', '+448001234567', 'toll-free', 'national-trunk-prefix'],
  // DE
  ['DE', '030 123456', '+4930123456', 'fixed-line', 'national-trunk-prefix'],
  ['DE', '0151 23456789', '+4915123456789', 'mobile', 'national-trunk-prefix'],
  ['DE', '0049 30 123456', '+4930123456', 'fixed-line', 'idd'],
  ['DE', '+49 30 123456', '+4930123456', 'fixed-line', 'international'],
  // FR
  ['FR', '01 23 45 67 89', '+33123456789', 'fixed-line', 'national-trunk-prefix'],
  ['FR', '06 12 34 56 78', '+33612345678', 'mobile', 'national-trunk-prefix'],
  ['FR', '+33123456789', '+33123456789', 'fixed-line', 'e164'],
  // AU: trunk 0, IDD 0011
  ['AU', '(02) 1234 5678', '+61212345678', 'fixed-line', 'national-trunk-prefix'],
  ['AU', '0412 345 678', '+61412345678', 'mobile', 'national-trunk-prefix'],
  ['AU', '0011 44 20 7946 0000', '+442079460000', 'fixed-line', 'idd'],
  // IN
  ['IN', '081234 56789', '+918123456789', 'mobile', 'national-trunk-prefix'],
  ['IN', '8123456789', '+918123456789', 'mobile', 'national'],
  ['IN', '+91 74104 10123', '+917410410123', 'fixed-line-or-mobile', 'international'],
  // BR: carrier selection code after the trunk prefix
  ['BR', '(11) 2345-6789', '+551123456789', 'fixed-line', 'national'],
  ['BR', '(11) 96123-4567', '+5511961234567', 'mobile', 'national'],
  ['BR', '0 21 11 2345-6789', '+551123456789', 'fixed-line', 'national-trunk-prefix'],
  // MX
  ['MX', '55 1234 5678', '+525512345678', 'fixed-line-or-mobile', 'national'],
  ['MX', '+52 200 123 4567', '+522001234567', 'fixed-line', 'international'],
  ['MX', '00 44 20 7946 0000', '+442079460000', 'fixed-line', 'idd'],
  // JP: IDD 010
  ['JP', '03-1234-5678', '+81312345678', 'fixed-line', 'national-trunk-prefix'],
  ['JP', '090-1234-5678', '+819012345678', 'mobile', 'national-trunk-prefix'],
  ['JP', '010 44 20 7946 0000', '+442079460000', 'fixed-line', 'idd'],
  // ES: no trunk prefix
  ['ES', '810 12 34 56', '+34810123456', 'fixed-line', 'national'],
  ['ES', '612 34 56 78', '+34612345678', 'mobile', 'national'],
  // IT: the leading 0 stays in E.164
  ['IT', '02 1234 5678', '+390212345678', 'fixed-line', 'national'],
  ['IT', '312 345 6789', '+393123456789', 'mobile', 'national'],
  ['IT', '+39 02 1234 5678', '+390212345678', 'fixed-line', 'international'],
  // NL
  ['NL', '010 123 4567', '+31101234567', 'fixed-line', 'national-trunk-prefix'],
  ['NL', '06 12345678', '+31612345678', 'mobile', 'national-trunk-prefix'],
  // ZA
  ['ZA', '010 123 4567', '+27101234567', 'fixed-line', 'national-trunk-prefix'],
  ['ZA', '071 123 4567', '+27711234567', 'mobile', 'national-trunk-prefix'],
  // NG
  ['NG', '0802 123 4567', '+2348021234567', 'mobile', 'national-trunk-prefix'],
  ['NG', '0201 234 5678', '+2342012345678', 'fixed-line', 'national-trunk-prefix'],
  // E.164 without a country option
  [undefined, '+442079460000', '+442079460000', 'fixed-line', 'e164'],
  [undefined, '+81 3-1234-5678', '+81312345678', 'fixed-line', 'international'],
  [undefined, '4930123456', '+4930123456', 'fixed-line', 'e164-digits'],
];

describe('normalizeNumber: valid spellings in 15 countries', () => {
  it.each(VALID)('%s %s → %s (%s, %s)', (country, input, e164, type, inputFormat) => {
    const r = normalizeNumber(input, { country });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r).toMatchObject({ valid: true, e164, result: e164, type, inputFormat });
    expect(r.callingCode).toBe(e164.slice(1, 1 + r.callingCode!.length));
    expect('+' + r.callingCode + r.nationalNumber).toBe(e164);
  });

  it('names the country of a number, also within a shared calling code', () => {
    expect(normalizeNumber('+15062345678').country).toBe('CA');
    expect(normalizeNumber('+12293160013').country).toBe('US');
    expect(normalizeNumber('+447624369230').country).toBe('IM');
  });

  it('keeps non-geographic numbers (+800) without a country', () => {
    const r = normalizeNumber('+800 1234 5678');
    expect(r).toMatchObject({ valid: true, e164: '+80012345678', country: null, callingCode: '800' });
  });
});

describe('normalizeNumber: the one-line explanation says what a carrier expects', () => {
  it.each([
    ['US', '011 44 20 7946 0000', 'NUMBER_IDD_PREFIX', '011 is the NANP international prefix; E.164 carriers want +442079460000'],
    ['DE', '0049 30 123456', 'NUMBER_IDD_PREFIX', '00 is the international prefix in Germany; E.164 carriers want +4930123456'],
    ['GB', '020 7946 0000', 'NUMBER_TRUNK_PREFIX', '0 is the trunk prefix in the United Kingdom, dialled only inside the country; E.164 carriers want +442079460000'],
    ['US', '(229) 316-0013', 'NUMBER_NATIONAL', 'a national number of the United States, without the country code; E.164 carriers want +12293160013'],
    ['US', '12293160013', 'NUMBER_NANP_11', '1 + 10 digits is the NANP dialling form; E.164 carriers want +12293160013'],
    [undefined, '442079460000', 'NUMBER_NO_PLUS', 'read as E.164 without the leading "+"; E.164 carriers want +442079460000'],
    [undefined, '+44 20 7946 0000', 'NUMBER_SEPARATORS', 'spaces, dashes and brackets are only for reading; E.164 carriers want +442079460000'],
  ])('%s %s: %s', (country, input, code, explanation) => {
    const r = normalizeNumber(input, { country });
    expect(r.problems[0]).toMatchObject({ code, severity: 'info' });
    expect(r.explanation).toBe(explanation);
  });

  it('says nothing when the input is already what the carrier wants', () => {
    expect(normalizeNumber('+12293160013').explanation).toBeNull();
    expect(normalizeNumber('+12293160013').problems).toEqual([]);
  });

  it('maps vanity letters and says so', () => {
    const r = normalizeNumber('1-800-FLOWERS', { country: 'US' });
    expect(r.problems.map((p) => p.code)).toContain('NUMBER_VANITY');
    expect(r.explanation).toContain('the letters FLOWERS are keypad digits 3569377');
  });

  it('drops an extension from the result and warns', () => {
    const r = normalizeNumber('+1 229 316 0013 ext. 42');
    expect(r).toMatchObject({ valid: true, e164: '+12293160013', extension: '42' });
    expect(r.problems.find((p) => p.code === 'NUMBER_EXTENSION')?.severity).toBe('warning');
    expect(normalizeNumber('+1 229 316 0013 x42', { format: 'rfc3966' }).result).toBe('tel:+1-229-316-0013;ext=42');
  });
});

describe('normalizeNumber: invalid, ambiguous and bad input', () => {
  it.each([
    ['US', '', 'NUMBER_EMPTY'],
    ['US', '   ', 'NUMBER_EMPTY'],
    ['US', 'alice', 'NUMBER_NOT_A_NUMBER'],
    ['US', 'alice@example.com', 'NUMBER_NOT_A_NUMBER'],
    ['US', '+1 229 316 0013 !', 'NUMBER_NOT_A_NUMBER'],
    ['US', '12', 'NUMBER_TOO_SHORT'],
    ['US', '911', 'NUMBER_TOO_SHORT'],
    ['GB', '020 7946 00001234', 'NUMBER_TOO_LONG'],
    ['US', '(000) 316-0013', 'NUMBER_INVALID'],
    [undefined, '+999 1234 5678', 'NUMBER_INVALID_COUNTRY_CODE'],
    [undefined, '+0044 20 7946 0000', 'NUMBER_INVALID_COUNTRY_CODE'],
    [undefined, '(229) 316-0013', 'NUMBER_COUNTRY_NEEDED'],
    [undefined, '020 7946 0000', 'NUMBER_COUNTRY_NEEDED'],
    ['US', 'foo\u0000bar', 'NUMBER_NOT_TEXT'],
    ['US', '\ufffd\ufffd', 'NUMBER_NOT_TEXT'],
    ['US', '5'.repeat(300), 'NUMBER_NOT_A_NUMBER'],
  ])('%s %j → %s', (country, input, code) => {
    const r = normalizeNumber(input, { country });
    expect(r).toMatchObject({ valid: false, e164: null, result: null, type: 'unknown' });
    expect(r.problems.find((p) => p.severity === 'error')?.code).toBe(code);
    expect(r.explanation).toBeTruthy();
    expect(r.explanation!.split('\n')).toHaveLength(1);
  });

  it('a national number without --country says what to add, with a NANP hint when it fits', () => {
    const r = normalizeNumber('(229) 316-0013');
    expect(r.explanation).toMatch(/add --country CC \(or set SIPTOOL_COUNTRY\)/);
    expect(r.explanation).toContain('+12293160013: --country US');
  });

  it('too short/long messages give the lengths the country allows', () => {
    expect(normalizeNumber('+44 20 7946', {}).explanation).toMatch(/too short for a United Kingdom \(\+44\) number \(7, 9 or 10 digits after \+44, here 6\)/);
  });

  it('bare digits valid both nationally and as E.164 without + are read nationally, with a warning naming the other reading', () => {
    // 361 is a Texas area code, and +36 1 is Budapest
    const amb = normalizeNumber('3612345678', { country: 'US' });
    expect(amb).toMatchObject({ valid: true, e164: '+13612345678', candidates: ['+13612345678', '+3612345678'] });
    expect(amb.problems.find((p) => p.code === 'NUMBER_AMBIGUOUS')).toMatchObject({ severity: 'warning' });
    expect(amb.explanation).toContain('"3612345678" is read as a national US number (+13612345678), but as E.164 without "+" it would be +3612345678; pass --bare-digits international if that was meant');
    expect(normalizeNumber('3612345678', { country: 'US', bareDigits: 'national' })).toMatchObject({ valid: true, e164: '+13612345678', candidates: [] });
    expect(normalizeNumber('3612345678', { country: 'US', bareDigits: 'international' })).toMatchObject({ valid: true, e164: '+3612345678' });
    // the shape of a national number settles it: brackets, separators, or a trunk prefix (no country code starts with 0)
    expect(normalizeNumber('(361) 234-5678', { country: 'US' }).candidates).toEqual([]);
    expect(normalizeNumber('361-234-5678', { country: 'US' }).candidates).toEqual([]);
    expect(normalizeNumber('030123456', { country: 'DE' }).candidates).toEqual([]);
  });

  it('digits not valid in --country but valid with a country code are read as E.164 without +', () => {
    expect(normalizeNumber('4930123456', { country: 'US' })).toMatchObject({ valid: true, e164: '+4930123456', inputFormat: 'e164-digits' });
  });

  it('--bare-digits international reads digits as E.164 without + even when a country is set', () => {
    const r = normalizeNumber('442079460000', { country: 'US', bareDigits: 'international' });
    expect(r).toMatchObject({ valid: true, e164: '+442079460000', inputFormat: 'e164-digits' });
  });

  it('E.164 without + finds the country inside a shared calling code (+1 Canada, +44 Isle of Man)', () => {
    expect(normalizeNumber('16045550123', { country: 'GB' })).toMatchObject({ valid: true, e164: '+16045550123', country: 'CA' });
    expect(normalizeNumber('447624369230', { country: 'US' })).toMatchObject({ valid: true, e164: '+447624369230', country: 'IM' });
    expect(normalizeNumber('00 1 604 555 0123', { country: 'DE' })).toMatchObject({ valid: true, e164: '+16045550123', inputFormat: 'idd' });
  });

  it('a US number read with --country GB falls back to E.164 without +', () => {
    const r = normalizeNumber('12293160013', { country: 'GB' });
    expect(r).toMatchObject({ valid: true, e164: '+12293160013', inputFormat: 'nanp-11' });
  });
});

describe('IDD prefixes follow --from-country', () => {
  it.each([
    ['US', '011 49 30 123456', '+4930123456', '011'],
    ['GB', '00 49 30 123456', '+4930123456', '00'],
    ['AU', '0011 49 30 123456', '+4930123456', '0011'],
    ['JP', '010 49 30 123456', '+4930123456', '010'],
  ])('from %s: %s', (from, input, e164, prefix) => {
    const r = normalizeNumber(input, { country: 'DE', fromCountry: from });
    expect(r).toMatchObject({ valid: true, e164, inputFormat: 'idd' });
    expect(r.explanation).toMatch(new RegExp(`^${prefix} is the`));
  });

  it('without any country, 00 and 011 are read as international prefixes and the guess is noted', () => {
    const r = normalizeNumber('00 44 20 7946 0000');
    expect(r).toMatchObject({ valid: true, e164: '+442079460000', inputFormat: 'idd' });
    expect(r.problems.map((p) => p.code)).toContain('NUMBER_COUNTRY_ASSUMED');
    expect(normalizeNumber('011 44 20 7946 0000').e164).toBe('+442079460000');
  });

  it('0117 in GB is a Bristol number, not an IDD', () => {
    expect(normalizeNumber('0117 946 0000', { country: 'GB' })).toMatchObject({ valid: true, e164: '+441179460000', inputFormat: 'national-trunk-prefix' });
  });
});

describe('normalizeNumberOrThrow', () => {
  it('returns the result for a valid number', () => {
    expect(normalizeNumberOrThrow('+12293160013').e164).toBe('+12293160013');
  });

  it('throws NumberError with the code NUMBER_ERR_INVALID and every problem', () => {
    const options: NormalizeOptions = { country: 'US' };
    try {
      normalizeNumberOrThrow('12', options);
      throw new Error('no throw');
    } catch (e) {
      expect(e).toBeInstanceOf(NumberError);
      expect((e as NumberError).code).toBe('NUMBER_ERR_INVALID');
      expect((e as NumberError).problems[0]?.code).toBe('NUMBER_TOO_SHORT');
    }
  });
});
