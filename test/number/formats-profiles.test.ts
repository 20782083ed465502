import { BUILTIN_PROFILES, CARRIER_PROFILES, GENERIC_PROFILES, getProfile, normalizeNumber, NumberError, readCustomProfiles, resolveCountry, type NumberingProfile, type OutputFormat } from '../../src/index.js';

describe('output formats', () => {
  it.each<[string, string, OutputFormat, string]>([
    ['US', '(229) 316-0013', 'e164', '+12293160013'],
    ['US', '(229) 316-0013', 'e164-digits', '12293160013'],
    ['US', '(229) 316-0013', 'national', '(229) 316-0013'],
    ['US', '(229) 316-0013', 'national-digits', '2293160013'],
    ['US', '(229) 316-0013', 'nanp-11', '12293160013'],
    ['US', '(229) 316-0013', 'international', '+1 229 316 0013'],
    ['US', '(229) 316-0013', 'idd', '01112293160013'],
    ['US', '(229) 316-0013', 'rfc3966', 'tel:+1-229-316-0013'],
    ['US', '+44 20 7946 0000', 'idd', '011442079460000'],
    ['GB', '+1 229 316 0013', 'idd', '0012293160013'],
    ['AU', '+44 20 7946 0000', 'idd', '0011442079460000'],
    ['GB', '+44 20 7946 0000', 'national', '020 7946 0000'],
    ['GB', '+44 20 7946 0000', 'national-digits', '02079460000'],
    ['DE', '+49 30 123456', 'national', '030 123456'],
    ['FR', '+33 1 23 45 67 89', 'international', '+33 1 23 45 67 89'],
    ['IT', '+39 02 1234 5678', 'national-digits', '0212345678'],
    ['JP', '+81 3-1234-5678', 'national', '03-1234-5678'],
    ['IN', '+91 81234 56789', 'e164-digits', '918123456789'],
    ['BR', '+55 11 96123-4567', 'national', '(11) 96123-4567'],
  ])('%s %s as %s → %s', (country, input, format, out) => {
    expect(normalizeNumber(input, { country, format }).result).toBe(out);
  });

  it('nanp-11 cannot write a number outside +1: valid but not representable', () => {
    const r = normalizeNumber('+442079460000', { format: 'nanp-11' });
    expect(r).toMatchObject({ valid: true, e164: '+442079460000', result: null });
    expect(r.problems.find((p) => p.severity === 'error')).toMatchObject({ code: 'NUMBER_NOT_REPRESENTABLE' });
  });

  it('idd without a from-country says what to add', () => {
    expect(normalizeNumber('+442079460000', { format: 'idd' }).problems[0]?.message).toMatch(/add --from-country/);
  });
});

describe('carrier profiles', () => {
  it('has the generic set of issue 5 and documented carriers', () => {
    expect(GENERIC_PROFILES.map((p) => p.id)).toEqual(['plus-e164', 'e164-no-plus', 'nanp-10', 'nanp-11', 'idd-011']);
    expect(CARRIER_PROFILES.map((p) => p.id)).toEqual(expect.arrayContaining(['twilio', 'telnyx', 'vonage', 'whitesky']));
  });

  it.each(BUILTIN_PROFILES.map((p) => [p.id, p] as const))('%s: every value has a source, carriers cite a URL', (_id, p) => {
    const values = [p.format, p.domestic, p.home, p.accepts, p.inbound, p.userPhone, ...(p.notes ?? [])].filter((v) => v !== undefined);
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) expect(v!.source.title.length).toBeGreaterThan(3);
    if (p.kind === 'carrier') for (const v of [p.format, p.domestic].filter(Boolean)) expect(v!.source.url).toMatch(/^https:\/\//);
    expect(p.format ?? p.domestic).toBeDefined();
  });

  it.each([
    ['plus-e164', '(229) 316-0013', '+12293160013'],
    ['e164-no-plus', '(229) 316-0013', '12293160013'],
    ['nanp-10', '(229) 316-0013', '2293160013'],
    ['nanp-11', '(229) 316-0013', '12293160013'],
    ['idd-011', '(229) 316-0013', '12293160013'],
    ['idd-011', '+44 20 7946 0000', '011442079460000'],
    ['twilio', '12293160013', '+12293160013'],
    ['vonage', '+44 20 7946 0000', '442079460000'],
    ['whitesky', '+1 (229) 316-0013', '12293160013'],
    ['whitesky', '+49 30 123456', '0114930123456'],
    ['didww', '+49 30 123456', '4930123456'],
  ])('%s writes %s as %s', (id, input, out) => {
    const r = normalizeNumber(input, { country: 'US', profile: getProfile(id) });
    expect(r.result).toBe(out);
  });

  it('the explanation names the carrier', () => {
    expect(normalizeNumber('011 44 20 7946 0000', { country: 'US', profile: getProfile('twilio') }).explanation).toBe('011 is the NANP international prefix; Twilio Elastic SIP Trunking wants +442079460000');
  });

  it('nanp-10 has no way to write +44: not representable, with the reason', () => {
    const r = normalizeNumber('+442079460000', { profile: getProfile('nanp-10') });
    expect(r.result).toBeNull();
    expect(r.explanation).toBe('nanp-10 writes only +1 numbers; +442079460000 is outside it');
  });

  it('--format sip-uri wraps the carrier format', () => {
    const r = normalizeNumber('+12293160013', { profile: getProfile('vonage'), format: 'sip-uri', domain: 'sip.nexmo.com' });
    expect(r.result).toBe('sip:12293160013@sip.nexmo.com');
  });

  it('unknown ids throw NUMBER_ERR_UNKNOWN_PROFILE listing the known ones', () => {
    expect(() => getProfile('nope')).toThrow(expect.objectContaining({ code: 'NUMBER_ERR_UNKNOWN_PROFILE', message: expect.stringContaining('twilio') }));
  });
});

describe('custom profiles', () => {
  it('reads the short form with one source, and the long form with a source per value', () => {
    const ps = readCustomProfiles(
      {
        carriers: {
          acme: { format: 'e164-digits', userPhone: 'omit', source: 'Acme NOC mail, 2026-03' },
          Local: { home: { value: 'US', source: 'https://example.com/a' }, domestic: { value: 'national-digits', source: { title: 'B', url: 'https://example.com/b' } }, format: { value: 'idd', source: 'C' } },
        },
      },
      'siptool.config.json',
    );
    expect(ps[0]).toMatchObject({ id: 'acme', kind: 'custom', format: { value: 'e164-digits', source: { title: 'Acme NOC mail, 2026-03' } }, userPhone: { value: 'omit' } });
    expect(ps[1]).toMatchObject({ id: 'local', home: { value: 'US', source: { url: 'https://example.com/a' } }, domestic: { value: 'national-digits' } });
    expect(getProfile('acme', ps).id).toBe('acme');
    const r = normalizeNumber('sip:+12293160013@x.example.com;user=phone', { profile: ps[0] as NumberingProfile, format: 'sip-uri' });
    expect(r.result).toBe('sip:12293160013@x.example.com');
    expect(r.problems.map((p) => p.code)).toContain('NUMBER_USER_PHONE_UNWANTED');
  });

  it.each([
    [[], /must hold a JSON object/],
    [{ carriers: [] }, /carriers: must be an object/],
    [{ carriers: { a: { format: 'e164' } } }, /carriers\.a\.format: every value needs a source/],
    [{ carriers: { a: { format: 'E164', source: 's' } } }, /carriers\.a\.format: must be one of e164, e164-digits/],
    [{ carriers: { a: { source: 's' } } }, /carriers\.a: needs "format"/],
    [{ carriers: { a: { domestic: 'nanp-11', source: 's' } } }, /"domestic" needs "home"/],
    [{ carriers: { a: { format: 'e164', source: 's', colour: 'red' } } }, /carriers\.a\.colour: unknown key/],
    [{ carriers: { 'a b': { format: 'e164', source: 's' } } }, /a profile id is letters/],
  ])('%j is rejected with the key that is wrong', (config, message) => {
    expect(() => readCustomProfiles(config, 'cfg.json')).toThrow(NumberError);
    expect(() => readCustomProfiles(config, 'cfg.json')).toThrow(message);
  });
});

describe('resolveCountry', () => {
  it.each([
    ['us', 'US', undefined],
    ['GB', 'GB', undefined],
    ['UK', 'GB', /GB/],
    ['+44', 'GB', /calling code/],
    ['49', 'DE', /Germany/],
  ])('%s → %s', (value, country, note) => {
    const r = resolveCountry(value);
    expect(r.country).toBe(country);
    if (note) expect(r.note).toMatch(note);
  });

  it('rejects what is not a country', () => {
    expect(() => resolveCountry('XX')).toThrow(expect.objectContaining({ code: 'NUMBER_ERR_UNKNOWN_COUNTRY' }));
    expect(() => resolveCountry('+999')).toThrow(/no country has calling code \+999/);
  });
});
