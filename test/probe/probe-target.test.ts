import { literalTarget, parseProbeTarget, ProbeTargetError } from '../../src/probe/probe-target.js';
import { meetsExpectation, parseExpectation, pingSummary } from '../../src/probe/probe-report.js';

describe('parseProbeTarget', () => {
  it.each([
    ['carrier.example', { form: 'domain', requestUri: 'sip:carrier.example', domain: 'carrier.example', user: null }, { host: 'carrier.example', port: null, transport: null, hostType: 'domain' }],
    ['carrier.example:5080', { form: 'host-port', requestUri: 'sip:carrier.example:5080' }, { port: 5080, transport: null }],
    ['192.0.2.10', { form: 'ip', requestUri: 'sip:192.0.2.10', domain: null }, { hostType: 'ipv4', port: null }],
    ['::1', { form: 'ip', requestUri: 'sip:[::1]', domain: null }, { host: '::1', hostType: 'ipv6' }],
    ['[2001:db8::5]:5062', { form: 'ip', requestUri: 'sip:[2001:db8::5]:5062' }, { host: '2001:db8::5', port: 5062 }],
    ['sip:+15551230000@carrier.example;user=phone', { form: 'sip-uri', requestUri: 'sip:+15551230000@carrier.example;user=phone', user: '+15551230000', domain: 'carrier.example' }, { scheme: 'sip' }],
    ['sips:carrier.example', { form: 'sip-uri' }, { scheme: 'sips', transport: null }],
    ['sip:carrier.example;transport=tcp', {}, { transport: 'tcp' }],
    ['udp:192.0.2.10:5060', { form: 'transport-prefix', requestUri: 'sip:192.0.2.10:5060' }, { transport: 'udp', port: 5060 }],
    ['tcp:carrier.example', { form: 'transport-prefix', requestUri: 'sip:carrier.example', domain: 'carrier.example' }, { transport: 'tcp', port: null }],
    ['tls:[::1]:5061', { requestUri: 'sip:[::1]:5061' }, { transport: 'tls', host: '::1', port: 5061 }],
    ['wss://edge.example/sip', { form: 'ws-url', requestUri: 'sip:edge.example', wsPath: '/sip', domain: 'edge.example' }, { transport: 'wss', port: 443 }],
    ['ws://127.0.0.1:8080', { form: 'ws-url', wsPath: '/', domain: null }, { transport: 'ws', port: 8080 }],
  ])('reads %s', (input, target, sip) => {
    const t = parseProbeTarget(input);
    expect(t).toMatchObject(target);
    expect(t.sip).toMatchObject(sip);
  });

  it.each([
    ['10.0.0.0/24', 'a CIDR block'],
    ['2001:db8::/32', 'a CIDR block'],
    ['10.0.0.1-10.0.0.20', 'an address range'],
    ['192.0.2.1-20', 'an address range'],
    ['192.0.2.[1-20]', 'an address range'],
    ['a.example,b.example', 'a list of targets'],
    ['a.example b.example', 'a list of targets'],
    ['*.carrier.example', 'a wildcard'],
    ['udp:10.0.0.0/8:5060', 'a CIDR block'],
    ['192.0.2.1:5060-5070', 'a port range'],
    ['sip:10.0.0.0/24', 'a CIDR block'],
    ['wss://10.0.0.*/sip', 'a wildcard'],
  ])('refuses %s (%s): not a scanner', (input, what) => {
    expect(() => parseProbeTarget(input)).toThrow(ProbeTargetError);
    expect(() => parseProbeTarget(input)).toThrow(`looks like ${what}: siptool probe takes exactly one target (it is not a scanner)`);
  });

  it.each([
    ['', /no target given/],
    ['tel:+15551230000', /tel: URI names no host/],
    ['http://carrier.example', /"http:" is not a target/],
    ['sctp:192.0.2.1:5060', /not sctp/],
    ['udp:192.0.2.1:70000', /port 70000 is outside/],
    ['sip:carrier.example;transport=foo', /transport=foo is not a transport/],
  ])('rejects %j', (input, message) => {
    expect(() => parseProbeTarget(input)).toThrow(message);
    try {
      parseProbeTarget(input);
    } catch (e) {
      expect((e as ProbeTargetError).code).toBe('SIPTOOL_ERR_PROBE_TARGET');
    }
  });

  it('checks --transport against the transport the target names', () => {
    expect(parseProbeTarget('carrier.example', 'tls').sip.transport).toBe('tls');
    expect(() => parseProbeTarget('udp:192.0.2.1', 'tcp')).toThrow('says udp but --transport tcp was given');
    expect(() => parseProbeTarget('wss://edge.example', 'ws')).toThrow('says wss but --transport ws was given');
  });

  it('an IP literal is its own single target with the RFC 3263 defaults', () => {
    expect(literalTarget(parseProbeTarget('192.0.2.1').sip)).toMatchObject({ transport: 'udp', address: '192.0.2.1', port: 5060, family: 4 });
    expect(literalTarget(parseProbeTarget('sips:[2001:db8::1]').sip)).toMatchObject({ transport: 'tls', address: '2001:db8::1', port: 5061, family: 6 });
    expect(literalTarget(parseProbeTarget('ws://127.0.0.1').sip)).toMatchObject({ transport: 'ws', port: 80 });
  });
});

describe('expectations and ping statistics', () => {
  it('default: any final response but 503 for OPTIONS, 2xx for INVITE', () => {
    const o = parseExpectation(undefined, 'OPTIONS')!;
    expect([200, 404, 486, 503, 100, null].map((s) => meetsExpectation(s, o))).toEqual([true, true, true, false, false, false]);
    const i = parseExpectation(undefined, 'INVITE')!;
    expect([200, 202, 486].map((s) => meetsExpectation(s, i))).toEqual([true, true, false]);
  });

  it('--expect codes and classes', () => {
    const e = parseExpectation('486, 2xx', 'INVITE')!;
    expect([200, 486, 404].map((s) => meetsExpectation(s, e))).toEqual([true, true, false]);
    for (const bad of ['1xx', '99', '700', 'ok', '2xx,']) expect(parseExpectation(bad, 'OPTIONS')).toBeNull();
  });

  it('min/avg/max/stddev and loss', () => {
    const s = pingSummary(
      [1, 2, 3, null].map((rtt, i) => ({ seq: i + 1, status: rtt === null ? null : 200, reason: rtt === null ? null : 'OK', rttMs: rtt, error: rtt === null ? 'TRANSPORT_ERR_TIMEOUT' : null, retransmissions: 0 })),
      null,
    );
    expect(s).toMatchObject({ sent: 4, answered: 3, lossPercent: 25, minMs: 1, avgMs: 2, maxMs: 3, stddevMs: 0.816 });
  });
});
