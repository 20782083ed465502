import { parseMessage, parseSdp, type NameAddr, type SipRequest, type SipUri } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';

/** IPv6 references wherever a host can appear (RFC 5118 scenarios, our own messages). */
const load = (name: string): ReturnType<typeof parseMessage> => parseMessage(fixture('sip', 'ipv6', `${name}.sip`));
const errors = (r: ReturnType<typeof parseMessage>): string[] => r.problems.filter((p) => p.severity === 'error').map((p) => `${p.code} ${p.header ?? ''}`);
const host = (u: unknown): string => (u as SipUri).host;

describe('IPv6 in SIP messages', () => {
  it('reads IPv6 references in the Request-URI, Via, Contact and Route (RFC 5118 §4.1)', () => {
    const r = load('ipv6-good');
    expect(errors(r)).toEqual([]);
    const m = r.message as SipRequest;
    expect(m.requestUri).toMatchObject({ type: 'sip', host: '[2001:db8::10]', hostType: 'ipv6', port: null });
    expect(m.vias.map((v) => [v.host, v.hostType, v.port])).toEqual([
      ['[2001:db8::9:1]', 'ipv6', null],
      ['[2001:db8::9:ee]', 'ipv6', 5060],
    ]);
    const contact = (m.contacts as NameAddr[])[0]!;
    expect(contact.uri).toMatchObject({ host: '[2001:db8::9:1]', port: 5070 });
    const routes = m.list('Route');
    expect(routes.map((x) => host(x.uri))).toEqual(['[2001:db8::20]', 'proxy.example.com']);
    expect((routes[1]!.uri as SipUri).params.get('maddr')).toBe('[2001:db8::30]');
  });

  it('accepts Via received= with an IPv6 address without brackets (RFC 5118 §4.5)', () => {
    const m = load('ipv6-good').message!;
    expect(m.vias[1]!.params.get('received')).toBe('2001:db8::9:255');
  });

  it('an address ending in :5070 inside the brackets is not a port (RFC 5118 §4.3)', () => {
    const r = load('ipv6-port-ambiguous');
    expect(errors(r)).toEqual([]);
    expect((r.message as SipRequest).requestUri).toMatchObject({ host: '[2001:db8::10:5070]', port: null });
  });

  it('a port after the brackets is a port (RFC 5118 §4.4)', () => {
    const r = load('ipv6-port');
    expect(errors(r)).toEqual([]);
    expect((r.message as SipRequest).requestUri).toMatchObject({ host: '[2001:db8::10]', port: 5070 });
  });

  it('IPv6 without brackets in the Request-URI and Via is an error (RFC 5118 §4.2)', () => {
    const r = load('ipv6-no-brackets');
    expect(errors(r)).toEqual(expect.arrayContaining(['SIP_URI_INVALID ', 'SIP_HEADER_SYNTAX Via']));
  });

  it('reads IPv4-mapped IPv6 addresses in SIP and SDP (RFC 5118 §4.6)', () => {
    const r = load('ipv4-mapped');
    expect(errors(r)).toEqual([]);
    const m = r.message!;
    expect(m.vias[0]).toMatchObject({ host: '[::ffff:192.0.2.128]', hostType: 'ipv6' });
    expect(m.vias[0]!.params.get('received')).toBe('[::ffff:192.0.2.128]');
    const { sdp } = parseSdp(m.body);
    expect(sdp.connection).toMatchObject({ addrType: 'IP6', address: '::ffff:192.0.2.128' });
    expect(sdp.media[1]!.connections[0]).toMatchObject({ addrType: 'IP4', address: '192.0.2.128' });
  });

  it('rejects malformed IPv6 references with the header that holds them', () => {
    const r = load('ipv6-bad-address');
    expect(errors(r)).toEqual(expect.arrayContaining(['SIP_URI_INVALID ', 'SIP_HEADER_SYNTAX Via']));
    const uriProblem = r.problems.find((p) => p.code === 'SIP_URI_INVALID')!;
    expect(uriProblem.line).toBe(1);
    expect(uriProblem.message).toContain('[2001:db8:::10]');
  });
});
