import { formatUri, parseUri, parseUriOrThrow, parseUriWithProblems, uriEquals, splitUserPart, UriParseError, type SipUri, type TelUri } from '../../../src/index.js';

const sip = (text: string): SipUri => {
  const u = parseUriOrThrow(text);
  if (u.type !== 'sip') throw new Error(`${text} is not a SIP URI`);
  return u;
};

describe('SIP and SIPS URIs (RFC 3261 §19.1)', () => {
  it.each([
    ['sip:alice@atlanta.com', { scheme: 'sip', user: 'alice', host: 'atlanta.com', hostType: 'domain', port: null }],
    ['sips:alice@atlanta.com:5061', { scheme: 'sips', user: 'alice', host: 'atlanta.com', port: 5061 }],
    ['SIP:alice:secretword@atlanta.com;transport=tcp', { scheme: 'sip', user: 'alice', password: 'secretword', host: 'atlanta.com' }],
    ['sip:+1-212-555-1212:1234@gateway.com;user=phone', { user: '+1-212-555-1212', password: '1234', host: 'gateway.com' }],
    ['sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com', { user: null, host: 'atlanta.com' }],
    ['sip:192.0.2.4', { user: null, host: '192.0.2.4', hostType: 'ipv4' }],
    ['sip:[2001:db8::10]:5070', { host: '[2001:db8::10]', hostType: 'ipv6', port: 5070 }],
    ['sip:[2001:db8::10:5070]', { host: '[2001:db8::10:5070]', hostType: 'ipv6', port: null }],
    ['sip:user@[::ffff:192.0.2.10]', { host: '[::ffff:192.0.2.10]', hostType: 'ipv6' }],
    ['sip:host.example.com.', { host: 'host.example.com.', hostType: 'domain' }],
  ])('%s', (text, expected) => {
    expect(sip(text)).toMatchObject(expected);
  });

  it('keeps URI params in order with and without values', () => {
    const u = sip('sip:proxy.example.com;lr;transport=TLS;maddr=[2001:db8::1];ttl=5');
    expect(u.params.items).toEqual([
      { name: 'lr', value: null, quoted: false },
      { name: 'transport', value: 'TLS', quoted: false },
      { name: 'maddr', value: '[2001:db8::1]', quoted: false },
      { name: 'ttl', value: '5', quoted: false },
    ]);
    expect(u.params.get('TRANSPORT')).toBe('TLS');
  });

  it('keeps URI headers and their escapes', () => {
    const u = sip('sip:alice@atlanta.com?subject=project%20x&priority=urgent');
    expect(u.headers.toObject()).toEqual({ subject: 'project%20x', priority: 'urgent' });
  });

  it('splits telephone-subscriber params out of the user part (RFC 4904 tgrp)', () => {
    const u = sip('sip:+16305550100;tgrp=TG-1;trunk-context=example.com@gw.example.net;user=phone');
    expect(u.host).toBe('gw.example.net');
    expect(u.params.get('user')).toBe('phone');
    const split = splitUserPart(u.user!);
    expect(split.user).toBe('+16305550100');
    expect(split.params.toObject()).toEqual({ tgrp: 'TG-1', 'trunk-context': 'example.com' });
  });

  it.each([
    ['sip:', 'no host'],
    ['sip:user@', 'no host'],
    ['sip:2001:db8::10', 'IPv6 without brackets'],
    ['sip:[2001:db8:::10]', 'bad IPv6'],
    ['sip:[2001:db8::1', 'unclosed bracket'],
    ['sip:host:99999', 'port out of range'],
    ['sip:us er@host', 'space in user'],
    ['sip:user@host;;lr', 'empty param'],
    ['sip:a%zzb@host', 'bad escape'],
    ['sip:999.1.1.1', 'IPv4 part over 255'],
    ['sip:-bad.example.com', 'label starting with -'],
    ['sip:host.123', 'numeric top label'],
    ['alice@example.com', 'no scheme'],
    ['sip:host?x', 'header without value'],
  ])('rejects %s (%s) with a positioned problem', (text) => {
    const { problems } = parseUriWithProblems(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.code).toMatch(/^SIP_(URI_INVALID|VALUE_OUT_OF_RANGE)$/);
    expect(problems[0]!.index).toBeGreaterThanOrEqual(0);
    expect(problems[0]!.index).toBeLessThanOrEqual(text.length);
    expect(() => parseUriOrThrow(text)).toThrow(UriParseError);
  });

  it('the lenient parser still returns what it could read', () => {
    expect(parseUri('sip:user@host;;lr')).toMatchObject({ type: 'sip', host: 'host' });
    expect(parseUri('no scheme here')).toBeUndefined();
  });

  it.each([
    'sip:alice@atlanta.com',
    'sips:bob:pw@[2001:db8::1]:5061;transport=tcp;lr?h=v&x=y',
    'sip:+1-212-555-1212;npdi@gw.example.com;user=phone',
    'tel:+1-201-555-0123;ext=1234',
    'urn:service:sos',
  ])('formats %s back as written', (text) => {
    expect(formatUri(parseUriOrThrow(text))).toBe(text);
  });
});

describe('tel URIs (RFC 3966)', () => {
  const tel = (text: string): TelUri => {
    const u = parseUriOrThrow(text);
    if (u.type !== 'tel') throw new Error('not tel');
    return u;
  };

  it('reads global numbers with visual separators', () => {
    expect(tel('tel:+1-201-555-0123')).toMatchObject({ global: true, digits: '+12015550123', number: '+1-201-555-0123', phoneContext: null });
    expect(tel('tel:+1(201)555.0123;ext=22')).toMatchObject({ digits: '+12015550123' });
  });

  it('reads local numbers with a phone-context', () => {
    expect(tel('tel:7042;phone-context=example.com')).toMatchObject({ global: false, digits: '7042', phoneContext: 'example.com' });
    expect(tel('tel:863-1234;phone-context=+1-914-555')).toMatchObject({ digits: '8631234', phoneContext: '+1-914-555' });
  });

  it.each([
    ['tel:7042', 'a local number needs a phone-context'],
    ['tel:+1-201-555-012x', 'not a digit'],
    ['tel:+', 'no digits'],
    ['tel:+12015550123@example.com', 'not a digit'],
    ['tel:7042;phone-context=_bad_', 'neither a domain name'],
  ])('rejects %s', (text, why) => {
    const { problems } = parseUriWithProblems(text);
    expect(problems.map((p) => p.message).join(' | ')).toContain(why);
  });
});

describe('URI equality (RFC 3261 §19.1.4)', () => {
  const eq = (a: string, b: string): boolean => uriEquals(parseUriOrThrow(a), parseUriOrThrow(b));

  it.each([
    ['sip:%61lice@atlanta.com;transport=TCP', 'sip:alice@AtLanTa.CoM;Transport=tcp'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com;newparam=5'],
    ['sip:carol@chicago.com;security=on', 'sip:carol@chicago.com;newparam=5'],
    ['sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com', 'sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com'],
    ['sip:[2001:DB8::1]', 'sip:[2001:db8::1]'],
    ['tel:+1-201-555-0123', 'tel:+12015550123'],
  ])('%s equals %s', (a, b) => {
    expect(eq(a, b)).toBe(true);
    expect(eq(b, a)).toBe(true);
  });

  it.each([
    ['SIP:ALICE@AtLanTa.CoM;Transport=udp', 'sip:alice@AtLanTa.CoM;Transport=UDP'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com:5060'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com;transport=udp'],
    ['sip:bob@biloxi.com', 'sips:bob@biloxi.com'],
    ['sip:carol@chicago.com;newparam=5', 'sip:carol@chicago.com;newparam=6'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com?Subject=next%20meeting'],
  ])('%s differs from %s', (a, b) => {
    expect(eq(a, b)).toBe(false);
  });
});
