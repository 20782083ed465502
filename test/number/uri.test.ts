import { normalizeNumber, parseUriWithProblems } from '../../src/index.js';

describe('normalizeNumber: sip:, sips: and tel: URIs', () => {
  it.each([
    ['sip:+12293160013@example.com;user=phone', '+12293160013', 'sip-uri', 'e164'],
    ['sips:+12293160013@example.com;user=phone', '+12293160013', 'sips-uri', 'e164'],
    ['SIP:+12293160013@EXAMPLE.COM;user=phone', '+12293160013', 'sip-uri', 'e164'],
    ['sip:+1-229-316-0013@example.com;user=phone', '+12293160013', 'sip-uri', 'international'],
    ['sip:+1.229.316.0013@example.com;user=phone', '+12293160013', 'sip-uri', 'international'],
    ['sip:+1(229)3160013@example.com;user=phone', '+12293160013', 'sip-uri', 'international'],
    ['sip:%2B12293160013@example.com;user=phone', '+12293160013', 'sip-uri', 'e164'],
    ['sip:+12293160013;tgrp=TG1;trunk-context=carrier.example.com@gw.example.com;user=phone', '+12293160013', 'sip-uri', 'e164'],
    ['sip:3160013;phone-context=+1229@gw.example.com;user=phone', '+12293160013', 'sip-uri', 'local'],
    ['sip:12293160013@pbx.example.com', '+12293160013', 'sip-uri', 'nanp-11'],
    ['"Alice" <sip:+12293160013@example.com;user=phone>;tag=a1', '+12293160013', 'sip-uri', 'e164'],
    ['<sip:+442079460000@example.com>', '+442079460000', 'sip-uri', 'e164'],
    ['tel:+1-229-316-0013', '+12293160013', 'tel-uri', 'international'],
    ['tel:+12293160013', '+12293160013', 'tel-uri', 'e164'],
    ['tel:3160013;phone-context=+1229', '+12293160013', 'tel-uri', 'local'],
    ['tel:316-0013;phone-context=+1-229', '+12293160013', 'tel-uri', 'local'],
    ['tel:0791234567;phone-context=+41', '+41791234567', 'tel-uri', 'local'],
    ['tel:+44-20-7946-0000;ext=22', '+442079460000', 'tel-uri', 'international'],
  ])('%s → %s', (input, e164, inputFormat, numberFormat) => {
    const r = normalizeNumber(input);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r).toMatchObject({ valid: true, e164, inputFormat, numberFormat });
  });

  it('user=tel is a warning with the fix', () => {
    const r = normalizeNumber('sip:+12293160013@example.com;user=tel');
    expect(r.valid).toBe(true);
    expect(r.problems).toContainEqual({ code: 'NUMBER_USER_TEL', severity: 'warning', message: 'user=tel is not defined by RFC 3261; use user=phone' });
    expect(r.explanation).toBe('user=tel is not defined by RFC 3261; use user=phone');
  });

  it('RFC 4904 tgrp/trunk-context in the user part are named and left out of the number', () => {
    const r = normalizeNumber('sip:+12293160013;tgrp=TG1;trunk-context=carrier.example.com@gw.example.com;user=phone');
    const p = r.problems.find((x) => x.code === 'NUMBER_USER_PARAMS')!;
    expect(p.severity).toBe('warning');
    expect(p.message).toMatch(/^tgrp=TG1;trunk-context=carrier\.example\.com name the trunk group \(RFC 4904\), not the number/);
    expect(r.uri?.numberParams).toEqual({ tgrp: 'TG1', 'trunk-context': 'carrier.example.com' });
  });

  it('user=phone missing is a note, and a warning when the carrier profile requires it', () => {
    const r = normalizeNumber('sip:+12293160013@example.com');
    expect(r.problems).toEqual([expect.objectContaining({ code: 'NUMBER_USER_PHONE_MISSING', severity: 'info' })]);
    expect(r.explanation).toBeNull();
    const strict = normalizeNumber('sip:+12293160013@example.com', {
      profile: { id: 'ims', name: 'IMS core', kind: 'custom', summary: '', format: { value: 'e164', source: { title: 't' } }, userPhone: { value: 'required', source: { title: 't' } } },
    });
    expect(strict.problems[0]).toMatchObject({ code: 'NUMBER_USER_PHONE_MISSING', severity: 'warning' });
  });

  it('the trunk prefix inside a local tel: number is flagged (RFC 3966 §5.1.5)', () => {
    const r = normalizeNumber('tel:0791234567;phone-context=+41');
    expect(r.problems.map((p) => p.code)).toContain('NUMBER_TEL_TRUNK_PREFIX');
    expect(r.problems.map((p) => p.code)).not.toContain('NUMBER_TRUNK_PREFIX');
  });

  it.each([
    ['sip:alice@example.com', 'NUMBER_URI_NOT_A_NUMBER'],
    ['sip:bob2@example.com', 'NUMBER_URI_NOT_A_NUMBER'],
    ['sip:example.com', 'NUMBER_URI_NO_USER'],
    ['sip:+1 229 316 0013@example.com', 'NUMBER_URI_INVALID'],
    ['tel:1-800-FLOWERS', 'NUMBER_URI_INVALID'],
    ['tel:3160013', 'NUMBER_COUNTRY_NEEDED'],
    ['tel:3160013;phone-context=example.com', 'NUMBER_COUNTRY_NEEDED'],
    ['sip:@example.com', 'NUMBER_URI_INVALID'],
  ])('%s → %s', (input, code) => {
    const r = normalizeNumber(input);
    expect(r.valid).toBe(false);
    expect(r.problems.find((p) => p.severity === 'error')?.code).toBe(code);
  });

  it('a local tel: number without phone-context is read in --country, with a warning', () => {
    const r = normalizeNumber('tel:229-316-0013', { country: 'US' });
    expect(r).toMatchObject({ valid: true, e164: '+12293160013' });
    expect(r.problems.map((p) => p.code)).toContain('NUMBER_TEL_NO_CONTEXT');
    const d = normalizeNumber('tel:2293160013;phone-context=pbx.example.com', { country: 'US' });
    expect(d).toMatchObject({ valid: true, e164: '+12293160013' });
    expect(d.problems.map((p) => p.code)).toContain('NUMBER_TEL_CONTEXT_DOMAIN');
  });

  it('a password in the URI is a warning and never reaches the result', () => {
    const r = normalizeNumber('sip:+12293160013:secret@example.com', { format: 'sip-uri' });
    expect(r.problems.map((p) => p.code)).toContain('NUMBER_URI_PASSWORD');
    expect(r.result).not.toContain('secret');
  });
});

describe('URI round trips', () => {
  const inputs = [
    'sip:+12293160013@example.com;user=phone',
    'sips:+1-229-316-0013@example.com:5061;transport=tls;user=tel',
    'sip:+12293160013;tgrp=TG1;trunk-context=carrier.example.com@gw.example.com;user=phone',
    'sip:2293160013@[2001:db8::1]:5080;transport=udp',
    'sip:3160013;phone-context=+1229@gw.example.com;user=phone?subject=x',
    'tel:+1-229-316-0013',
    'tel:3160013;phone-context=+1229',
  ];

  it.each(inputs)('%s → sip-uri → parses cleanly and normalises to the same number', (input) => {
    const r = normalizeNumber(input, { country: 'US', format: 'sip-uri', domain: input.startsWith('tel:') ? 'trunk.example.com' : undefined });
    expect(r.valid).toBe(true);
    const out = r.result!;
    expect(parseUriWithProblems(out).problems).toEqual([]);
    expect(out).toMatch(/;user=phone/);
    const again = normalizeNumber(out, { format: 'sip-uri' });
    expect(again).toMatchObject({ valid: true, e164: r.e164, result: out, explanation: null });
  });

  it('keeps the scheme, host, port, URI parameters and headers of the input, and drops the user-part parameters', () => {
    const r = normalizeNumber('sips:+1-229-316-0013;tgrp=a;trunk-context=b@gw.example.com:5061;transport=tls;user=tel?subject=x', { format: 'sip-uri' });
    expect(r.result).toBe('sips:+12293160013@gw.example.com:5061;transport=tls;user=phone?subject=x');
  });

  it.each(inputs)('%s → rfc3966 → parses cleanly and normalises to the same number', (input) => {
    const r = normalizeNumber(input, { country: 'US', format: 'rfc3966' });
    expect(parseUriWithProblems(r.result!).problems).toEqual([]);
    expect(normalizeNumber(r.result!).e164).toBe(r.e164);
  });

  it('--domain puts the number on the carrier host', () => {
    expect(normalizeNumber('(229) 316-0013', { country: 'US', format: 'sip-uri', domain: 'example.pstn.twilio.com' }).result).toBe('sip:+12293160013@example.pstn.twilio.com;user=phone');
    expect(normalizeNumber('+12293160013', { format: 'sip-uri' }).problems[0]?.code).toBe('NUMBER_DOMAIN_NEEDED');
  });
});
