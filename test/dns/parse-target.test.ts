import { parseTarget } from '../../src/dns/parse-target.js';
import { DnsError } from '../../src/dns/errors.js';

describe('parseTarget: what RFC 3263 §4 starts from', () => {
  it.each([
    ['example.com', { scheme: 'sip', host: 'example.com', hostType: 'domain', port: null, transport: null }],
    ['Example.COM.', { host: 'example.com' }],
    ['example.com:5080', { host: 'example.com', port: 5080 }],
    ['sips:alice@example.com', { scheme: 'sips', host: 'example.com' }],
    ['sip:+12025550123@trunk.example.com;user=phone', { host: 'trunk.example.com' }],
    ['sip:example.com;transport=TCP', { transport: 'tcp' }],
    ['sips:example.com;transport=tcp', { transport: 'tls' }],
    ['sips:example.com;transport=ws', { transport: 'wss' }],
    ['sip:example.com;maddr=192.0.2.9', { host: '192.0.2.9', hostType: 'ipv4', maddr: '192.0.2.9', uriHost: 'example.com' }],
    ['192.0.2.1', { hostType: 'ipv4', host: '192.0.2.1' }],
    ['[2001:db8::1]:5060', { hostType: 'ipv6', host: '2001:db8::1', port: 5060 }],
    ['2001:db8::1', { hostType: 'ipv6', host: '2001:db8::1', port: null }],
  ])('%s', (input, expected) => {
    expect(parseTarget(input)).toMatchObject(expected);
  });

  it('--transport acts as the transport parameter, and must agree with it', () => {
    expect(parseTarget('example.com', 'udp').transport).toBe('udp');
    expect(parseTarget('sips:example.com', 'tcp').transport).toBe('tls');
    expect(parseTarget('sip:example.com;transport=udp', 'udp').transport).toBe('udp');
    expect(() => parseTarget('sip:example.com;transport=udp', 'tcp')).toThrow(/transport=udp but --transport tcp/);
  });

  it('keeps an unknown transport parameter for a finding', () => {
    expect(parseTarget('sip:example.com;transport=quic')).toMatchObject({ transport: null, unknownTransport: 'quic' });
  });

  it.each([
    ['', /no target/],
    ['tel:+12025550123', /tel: URI names no host/],
    ['http://example.com', /cannot be resolved as SIP/],
    ['a.example.com,b.example.com', /list of targets/],
    ['example.com example.net', /list of targets/],
    ['192.0.2.0/24', /CIDR/],
    ['192.0.2.1-20', /range/],
    ['*.example.com', /wildcard/],
    ['sip:exa mple.com', /list of targets/],
    ['sip:bad_host.example.com', /not a valid host/],
    ['sip:example.com:99999', /65535/],
    ['sip:example.com;maddr=!!', /maddr/],
    ['bücher.example', /punycode/],
  ])('refuses %j with DNS_ERR_BAD_TARGET', (input, message) => {
    let err: unknown;
    try {
      parseTarget(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DnsError);
    expect((err as DnsError).code).toBe('DNS_ERR_BAD_TARGET');
    expect((err as Error).message).toMatch(message);
  });
});
