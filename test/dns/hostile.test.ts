import { NetworkDnsClient } from '../../src/dns/network-dns-client.js';
import { resolveSip } from '../../src/dns/resolve-sip.js';
import { loadZone, TestDnsServer, type Action, type Zone } from '../helpers/dns-server.js';
import { codes, resolveZone, severityOf } from '../helpers/resolve-zone.js';

/** The full carrier zone with one hostile switch. */
function full(action: Action, name?: string, type?: string): Zone {
  const z = loadZone('full');
  return { ...z, behaviours: [{ action, ...(name ? { name } : {}), ...(type ? { type } : {}) }] };
}

const lookupOf = (r: Awaited<ReturnType<typeof resolveZone>>['result'], name: string, type: string) => r.lookups.find((l) => l.name === name && l.type === type)!;

describe('hostile DNS answers are survived with a clear finding', () => {
  it('a compression loop is an undecodable answer, and resolution goes on without NAPTR', async () => {
    const { result: r } = await resolveZone(full('compression-loop', 'carrier.test', 'NAPTR'), 'carrier.test');
    expect(lookupOf(r, 'carrier.test', 'NAPTR').status).toBe('malformed');
    expect(codes(r)).toContain('DNS_MALFORMED_ANSWER');
    expect(r.findings.find((f) => f.code === 'DNS_MALFORMED_ANSWER')!.message).toMatch(/bad pointer/);
    // RFC 3263 §4.1: without NAPTR, SRV per transport
    expect(r.targets.length).toBeGreaterThan(0);
  });

  it.each<[Action, string]>([
    ['garbage', 'bad label'],
    ['cut', 'buffer overflow'],
  ])('%s packets are rejected, reported and do not crash', async (action, why) => {
    const { result: r } = await resolveZone(full(action, '_sip._udp.carrier.test', 'SRV'), 'carrier.test', {}, { timeoutMs: 150 });
    const l = lookupOf(r, '_sip._udp.carrier.test', 'SRV');
    expect(l.status).toBe('malformed');
    expect(l.answers[0]!.ignored.malformed).toBeGreaterThan(0);
    expect(severityOf(r, 'DNS_MALFORMED_ANSWER')).toBe('error');
    expect(r.findings.find((f) => f.code === 'DNS_MALFORMED_ANSWER')!.message).toContain(why);
  });

  it('a truncated UDP answer is fetched again over TCP and reported', async () => {
    const { result: r, server } = await resolveZone(full('truncate', '_sip._udp.carrier.test', 'SRV'), 'carrier.test');
    const l = lookupOf(r, '_sip._udp.carrier.test', 'SRV');
    expect(l.records.length).toBe(3);
    expect(l.answers[0]).toMatchObject({ truncated: true, protocol: 'tcp', tcpFailed: false });
    expect(server.log.filter((q) => q.name === '_sip._udp.carrier.test').map((q) => q.over)).toEqual(['udp', 'tcp']);
    expect(codes(r)).toContain('DNS_TRUNCATED');
    // pjsip discards truncated SRV answers and falls back to the A record (there is none here)
    const pjsip = r.stacks!.find((s) => s.id === 'pjsip')!;
    expect(pjsip.notes.join(' ')).toMatch(/truncated/);
    expect(pjsip.outcome).toBe('no-target');
  });

  it('truncated with TCP refused: an error finding, not a hang', async () => {
    const { result: r } = await resolveZone(full('truncate-no-tcp', '_sips._tcp.carrier.test', 'SRV'), 'carrier.test');
    expect(lookupOf(r, '_sips._tcp.carrier.test', 'SRV').answers[0]).toMatchObject({ truncated: true, tcpFailed: true });
    expect(severityOf(r, 'DNS_TRUNCATED_TCP_FAILED')).toBe('error');
  });

  it.each<[Action, 'wrongId' | 'wrongQuestion' | 'wrongServer']>([
    ['wrong-id-then-right', 'wrongId'],
    ['wrong-question-then-right', 'wrongQuestion'],
    ['other-source-then-right', 'wrongServer'],
  ])('%s: the forged answer is ignored and counted, the real one used', async (action, counter) => {
    const { result: r } = await resolveZone(full(action, 'carrier.test', 'NAPTR'), 'carrier.test');
    const l = lookupOf(r, 'carrier.test', 'NAPTR');
    expect(l.status).toBe('noerror');
    expect(l.answers[0]!.ignored[counter]).toBe(1);
    expect(codes(r)).toContain('DNS_IGNORED_ANSWERS');
    expect(r.stats.ignoredAnswers).toBe(1);
    expect(r.targets[0]!.transport).toBe('tls');
  });

  it('only forged answers: the query times out, the forgeries are counted', async () => {
    const { result: r } = await resolveZone(full('wrong-id', 'edge1.carrier.test', 'A'), 'carrier.test', {}, { timeoutMs: 100 });
    const l = lookupOf(r, 'edge1.carrier.test', 'A');
    expect(l.status).toBe('timeout');
    expect(l.answers[0]!.ignored.wrongId).toBeGreaterThan(0);
    expect(codes(r)).toEqual(expect.arrayContaining(['DNS_TIMEOUT', 'DNS_IGNORED_ANSWERS']));
    expect(r.targets.some((t) => t.host === 'edge1.carrier.test' && t.family === 4)).toBe(false);
  });

  it('records for other names in an answer are not used', async () => {
    const { result: r } = await resolveZone(full('unrelated', 'edge2.carrier.test', 'A'), 'carrier.test');
    expect(r.targets.map((t) => t.address)).not.toContain('203.0.113.66');
    expect(codes(r)).toContain('DNS_UNRELATED_RECORDS');
  });

  it('a huge answer is truncated over UDP, fetched over TCP and capped', async () => {
    const zone: Zone = {
      records: [
        { name: '_sip._udp.big.test', type: 'SRV', data: { priority: 10, weight: 10, port: 5060, target: 'many.big.test' } },
        ...Array.from({ length: 600 }, (_, i) => ({ name: 'many.big.test', type: 'A' as const, data: `198.18.${i >> 8}.${i & 255}` })),
      ],
    };
    const { result: r } = await resolveZone(zone, 'big.test', { ipv6: false });
    const l = lookupOf(r, 'many.big.test', 'A');
    expect(l.answers[0]).toMatchObject({ truncated: true, protocol: 'tcp', dropped: 600 - l.records.length });
    expect(l.records.length).toBeLessThan(600);
    expect(codes(r)).toEqual(expect.arrayContaining(['DNS_TOO_MANY_RECORDS', 'DNS_TRUNCATED']));
    expect(r.targets).toHaveLength(l.records.length);
  });

  it('silence everywhere: timeouts and no targets, in bounded time', async () => {
    const { result: r } = await resolveZone(full('silence'), 'carrier.test', {}, { timeoutMs: 80 });
    expect(r.targets).toEqual([]);
    expect(codes(r)).toEqual(expect.arrayContaining(['DNS_TIMEOUT', 'DNS_NO_TARGETS']));
    // one grouped finding for the dead server, not one per query
    expect(codes(r).filter((c) => c === 'DNS_TIMEOUT')).toHaveLength(1);
    expect(r.lookups.every((l) => l.status === 'timeout')).toBe(true);
  });

  it('NXDOMAIN, NODATA, SERVFAIL, REFUSED and timeout are told apart', async () => {
    const zone: Zone = {
      records: [
        { name: 'sbc.kinds.test', type: 'A', data: '192.0.2.1' },
        { name: '_sip._udp.kinds.test', type: 'SRV', data: { priority: 1, weight: 1, port: 5060, target: 'sbc.kinds.test' } },
      ],
      behaviours: [
        { name: '_sip._tcp.kinds.test', action: 'servfail' },
        { name: '_sips._tcp.kinds.test', action: 'silence' },
        { name: '_sip._sctp.kinds.test', action: 'refused' },
      ],
    };
    const { result: r } = await resolveZone(zone, 'kinds.test', {}, { timeoutMs: 80 });
    const status = (name: string, type = 'SRV') => lookupOf(r, name, type).status;
    expect(status('_sip._tcp.kinds.test')).toBe('servfail');
    expect(status('_sips._tcp.kinds.test')).toBe('timeout');
    expect(status('_sip._sctp.kinds.test')).toBe('refused');
    expect(status('_sip._ws.kinds.test')).toBe('nxdomain');
    expect(status('sbc.kinds.test', 'AAAA')).toBe('nodata');
    expect(codes(r)).toEqual(expect.arrayContaining(['DNS_SERVFAIL', 'DNS_TIMEOUT', 'DNS_REFUSED']));
    // the failing names were on the SRV-per-transport path: errors
    expect(severityOf(r, 'DNS_SERVFAIL')).toBe('error');
  });

  it('an error answer without the question (FORMERR style) is still matched', async () => {
    const { result: r } = await resolveZone(full('no-question', '_sip._tcp.carrier.test', 'SRV'), 'carrier.test');
    expect(lookupOf(r, '_sip._tcp.carrier.test', 'SRV').status).toBe('servfail');
  });

  it('a server without EDNS (FORMERR) is asked again without it', async () => {
    const { result: r, server } = await resolveZone(full('formerr-if-edns', 'carrier.test', 'NAPTR'), 'carrier.test');
    expect(lookupOf(r, 'carrier.test', 'NAPTR').status).toBe('noerror');
    expect(server.log.filter((q) => q.type === 'NAPTR').map((q) => q.edns)).toEqual([true, false]);
  });

  it('a slow server is reported (clock injected: nothing waits)', async () => {
    let t = 0;
    const clock = () => (t += 1500);
    const { result: r } = await resolveZone('full', 'carrier.test', { clock }, { clock });
    expect(codes(r)).toContain('DNS_SLOW_SERVER');
  });

  it('the query budget stops a zone that fans out', async () => {
    const { result: r } = await resolveZone('full', 'carrier.test', { maxQueries: 5 });
    expect(r.stats.queries).toBeLessThanOrEqual(5);
    expect(codes(r)).toContain('DNS_QUERY_LIMIT');
  });

  it('a silent first server is skipped for the next one', async () => {
    const dead = await TestDnsServer.start(full('silence'));
    const live = await TestDnsServer.start(loadZone('full'));
    try {
      const dns = new NetworkDnsClient({ servers: [dead.server, live.server], timeoutMs: 80, tries: 1 });
      const r = await resolveSip('carrier.test', { dns });
      expect(r.targets.length).toBeGreaterThan(0);
      expect(r.lookups.every((l) => l.answers.every((a) => a.server === `127.0.0.1:${live.port}`))).toBe(true);
      expect(codes(r)).toContain('DNS_SLOW_SERVER');
    } finally {
      await Promise.all([dead.stop(), live.stop()]);
    }
  });
});
