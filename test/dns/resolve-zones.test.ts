import { loadZone } from '../helpers/dns-server.js';
import { codes, resolveZone, severityOf } from '../helpers/resolve-zone.js';

interface Srv {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

describe('RFC 3263 procedure on recorded zones', () => {
  it('full NAPTR → SRV → A/AAAA zone: transports in NAPTR order, SRV priority before weight, every address', async () => {
    const zone = loadZone('full');
    const { result: r } = await resolveZone(zone, 'sip:carrier.test');
    expect(r.procedure).toBe('naptr');
    // the order of transports follows the NAPTR order values
    const naptr = zone.records.filter((x) => x.type === 'NAPTR').sort((a, b) => (a.data as { order: number }).order - (b.data as { order: number }).order);
    const expectedServices = naptr.map((x) => (x.data as { services: string }).services);
    const seen: string[] = [];
    for (const t of r.targets) if (t.naptr && seen[seen.length - 1] !== t.naptr.service) seen.push(t.naptr.service);
    expect(seen).toEqual(expectedServices);
    // within each SRV set: priority ascending, and among equal priority the heavier weight first
    for (const srvName of new Set(r.targets.map((t) => t.srv))) {
      const ts = r.targets.filter((t) => t.srv === srvName);
      for (let i = 1; i < ts.length; i++) {
        const a = ts[i - 1]!;
        const b = ts[i]!;
        expect(a.priority! < b.priority! || (a.priority === b.priority && a.weight! >= b.weight!)).toBe(true);
      }
      // every address of every SRV target is in the list
      const records = zone.records.filter((x) => x.name === srvName).map((x) => x.data as Srv);
      const addresses = records.flatMap((s) => zone.records.filter((x) => x.name === s.target && (x.type === 'A' || x.type === 'AAAA')).map((x) => `${x.data}:${s.port}`));
      expect(ts.map((t) => `${t.address}:${t.port}`).sort()).toEqual([...new Set(addresses)].sort());
    }
    // probabilities: within a priority they sum to 1 and follow the weights
    const tls = r.srv.find((s) => s.name === '_sips._tcp.carrier.test')!;
    const p10 = tls.entries.filter((e) => e.record.data.priority === 10);
    expect(p10.reduce((n, e) => n + e.probability, 0)).toBeCloseTo(1, 10);
    expect(p10[0]!.probability).toBeGreaterThan(p10[1]!.probability);
    expect(r.targets[0]!.transport).toBe('tls');
    expect(r.stats.roundTrips).toBeLessThanOrEqual(3);
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('the chain of each target names every record that led to it, with TTLs', async () => {
    const { result: r } = await resolveZone('full', 'carrier.test');
    const t = r.targets[0]!;
    expect(t.chain.map((s) => s.type)).toEqual(['NAPTR', 'SRV', t.family === 4 ? 'A' : 'AAAA']);
    expect(t.chain[1]!.name).toBe(t.srv);
    expect(t.ttl).toBe(Math.min(...t.chain.map((s) => s.ttl)));
  });

  it('--transport narrows the list to one transport and skips NAPTR (RFC 3263 §4.1)', async () => {
    const { result: r } = await resolveZone('full', 'carrier.test', { transport: 'udp' });
    expect(r.procedure).toBe('srv');
    expect(new Set(r.targets.map((t) => t.transport))).toEqual(new Set(['udp']));
    expect(r.targets.every((t) => t.naptr === null)).toBe(true);
  });

  it('a sips: URI uses only SIPS NAPTR records', async () => {
    const { result: r } = await resolveZone('full', 'sips:alice@carrier.test');
    expect(r.targets.length).toBeGreaterThan(0);
    expect(r.targets.every((t) => t.transport === 'tls')).toBe(true);
    expect(r.naptr!.entries.filter((e) => e.skip?.includes('sips:'))).toHaveLength(2);
  });

  it('an explicit port bypasses NAPTR and SRV, and says so', async () => {
    const { result: r } = await resolveZone('full', 'sip:edge1.carrier.test:5080');
    expect(r.procedure).toBe('a');
    expect(r.targets.map((t) => t.port)).toEqual(r.targets.map(() => 5080));
    const port = await resolveZone('full', 'carrier.test:5060');
    expect(codes(port.result)).toContain('DNS_PORT_BYPASSES_SRV');
  });

  it('SRV only: one SRV set per transport, in siptool order (UDP, TCP, TLS)', async () => {
    const { result: r } = await resolveZone('srv-only', 'srvonly.test');
    expect(r.naptr!.lookup.records).toEqual([]);
    expect(r.naptr!.lookup.status).toBe('nodata');
    const transports = [...new Set(r.targets.map((t) => t.transport))];
    expect(transports).toEqual(['udp', 'tcp', 'tls']);
    const udp = r.targets.filter((t) => t.transport === 'udp');
    expect(udp.map((t) => t.priority)).toEqual([...udp.map((t) => t.priority)].sort((a, b) => a! - b!));
    expect(codes(r)).not.toContain('DNS_A_ONLY');
  });

  it('A only: UDP 5060 for sip:, TLS 5061 for sips:, and a warning', async () => {
    const sip = (await resolveZone('a-only', 'aonly.test')).result;
    expect(sip.targets.map((t) => [t.transport, t.port])).toEqual([['udp', 5060]]);
    expect(codes(sip)).toContain('DNS_A_ONLY');
    const sips = (await resolveZone('a-only', 'sips:aonly.test')).result;
    expect(sips.targets.map((t) => [t.transport, t.port])).toEqual([['tls', 5061]]);
  });

  it('CNAME SRV targets are followed, reported, and aliases of one host flagged', async () => {
    const { result: r } = await resolveZone('cname-target', 'cname.test');
    expect(r.targets).toHaveLength(1);
    expect(r.targets[0]!.chain.some((s) => s.type === 'CNAME')).toBe(true);
    expect(codes(r).filter((c) => c === 'DNS_SRV_TARGET_CNAME')).toHaveLength(2);
    expect(codes(r)).toContain('DNS_SRV_SAME_HOST');
  });

  it('a dangling NAPTR is an error; the next NAPTR still yields targets', async () => {
    const { result: r } = await resolveZone('dangling-naptr', 'dangling.test');
    expect(severityOf(r, 'DNS_NAPTR_DANGLING')).toBe('error');
    expect(r.targets.map((t) => t.transport)).toEqual(['tcp']);
  });

  it('"." targets mean no service: no targets and no A fallback', async () => {
    const { result: r } = await resolveZone('dot-target', 'dot.test');
    expect(r.targets).toEqual([]);
    expect(codes(r)).toEqual(expect.arrayContaining(['DNS_NO_TARGETS', 'DNS_SRV_UNAVAILABLE']));
  });

  it('only _sips._tcp: flagged; a sip: URI falls back to the A record', async () => {
    const { result: r } = await resolveZone('sips-only', 'sipsonly.test');
    expect(codes(r)).toContain('DNS_SRV_SIPS_ONLY');
    expect(r.targets.some((t) => t.transport === 'tls')).toBe(true);
  });

  it('_sips._tls is found and reported as non-standard, but not used', async () => {
    const { result: r } = await resolveZone('nonstandard-tls', 'tlsname.test');
    expect(codes(r)).toContain('DNS_SRV_NONSTANDARD_TLS');
    expect(r.targets.every((t) => t.srv !== '_sips._tls.tlsname.test')).toBe(true);
  });

  it('a domain reachable only through NAPTR is flagged; pjsip and Kamailio find nothing', async () => {
    const { result: r } = await resolveZone('naptr-only', 'naptronly.test');
    expect(r.targets.length).toBeGreaterThan(0);
    expect(codes(r)).toContain('DNS_NAPTR_REQUIRED');
    const outcome = Object.fromEntries(r.stacks!.map((s) => [s.id, s.outcome]));
    expect(outcome).toMatchObject({ pjsip: 'no-target', kamailio: 'no-target', 'kamailio-naptr': 'ok', 'sofia-sip': 'ok' });
  });

  it('NAPTR records with a regexp or "a" flags are skipped and reported', async () => {
    const { result: r } = await resolveZone('naptr-regexp', 'regexp.test');
    expect(codes(r)).toEqual(expect.arrayContaining(['DNS_NAPTR_REGEXP', 'DNS_NAPTR_FLAGS']));
    expect(r.targets.map((t) => t.transport)).toEqual(['tcp']);
  });

  it('private addresses, TTL 0 and the TLS port on UDP are reported for the inbound direction', async () => {
    const { result: r } = await resolveZone('private', 'private.test');
    expect(codes(r)).toEqual(expect.arrayContaining(['DNS_ADDRESS_NOT_PUBLIC', 'DNS_TTL_ZERO', 'DNS_SRV_PORT_MISMATCH']));
  });

  it('a CNAME loop ends with a finding, not a hang', async () => {
    const { result: r } = await resolveZone('cname-loop', 'loop.test');
    expect(codes(r)).toContain('DNS_CNAME_LOOP');
    expect(r.targets).toEqual([]);
  });

  it('TCP without UDP is flagged (clients asking only _sip._udp fall back to A)', async () => {
    const { result: r } = await resolveZone('no-udp', 'tcponly.test');
    expect(codes(r)).toContain('DNS_SRV_NO_UDP');
    const pjsip = r.stacks!.find((s) => s.id === 'pjsip')!;
    expect(pjsip.targets[0]).toMatchObject({ transport: 'udp', port: 5060 });
    expect(pjsip.agreesWithRfc).toBe(false);
  });

  it('a name that does not exist at all is NXDOMAIN and an error', async () => {
    const { result: r } = await resolveZone('full', 'nowhere.invalid');
    expect(codes(r)).toEqual(expect.arrayContaining(['DNS_DOMAIN_NXDOMAIN', 'DNS_NO_TARGETS']));
  });

  it('a numeric target needs no DNS at all', async () => {
    const { result: r, server } = await resolveZone('full', 'sips:192.0.2.1');
    expect(server.log).toEqual([]);
    expect(r.targets).toEqual([expect.objectContaining({ transport: 'tls', address: '192.0.2.1', port: 5061 })]);
  });
});
