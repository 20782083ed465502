import dnsPacket from 'dns-packet';
import { CachingDnsClient } from '../../src/dns/caching-dns-client.js';
import { decodeResponse, matchResponse } from '../../src/dns/decode-response.js';
import { escapeName, queryNameProblem } from '../../src/dns/dns-name.js';
import { lookup, MAX_CNAME_CHAIN } from '../../src/dns/lookup.js';
import { encodeQuery } from '../../src/dns/query-packet.js';
import { resolveSip } from '../../src/dns/resolve-sip.js';
import { loadZone, type Zone } from '../helpers/dns-server.js';
import { FakeDnsClient } from '../helpers/fake-dns.js';

describe('packets', () => {
  it('a query round-trips through dns-packet with RD and an EDNS0 OPT record', () => {
    const q = dnsPacket.decode(encodeQuery({ id: 4321, name: '_sip._udp.example.com', type: 'SRV', edns: true }));
    expect(q).toMatchObject({ id: 4321, flag_rd: true, questions: [{ name: '_sip._udp.example.com', type: 'SRV', class: 'IN' }] });
    expect(q.additionals?.[0]).toMatchObject({ type: 'OPT', udpPayloadSize: 1232 });
    expect(dnsPacket.decode(encodeQuery({ id: 1, name: 'example.com', type: 'A', edns: false })).additionals).toEqual([]);
  });

  it('decodes NAPTR, SRV, CNAME and addresses into siptool records, lower case, no trailing dot', () => {
    const buf = dnsPacket.encode({
      type: 'response',
      id: 7,
      flags: dnsPacket.AUTHORITATIVE_ANSWER,
      questions: [{ type: 'NAPTR', name: 'Example.COM' }],
      answers: [
        { type: 'NAPTR', name: 'Example.COM', ttl: 60, data: { order: 10, preference: 5, flags: 'S', services: 'SIP+D2U', regexp: '', replacement: '_SIP._UDP.Example.COM' } },
        { type: 'SRV', name: '_sip._udp.example.com', ttl: 0x80000000, data: { priority: 1, weight: 2, port: 5060, target: 'SBC.example.com' } },
        { type: 'CNAME', name: 'www.example.com', ttl: 5, data: 'Host.example.com' },
        { type: 'AAAA', name: 'host.example.com', ttl: 5, data: '2001:DB8::1' },
        { type: 'TXT', name: 'example.com', ttl: 5, data: 'ignored' },
      ],
    });
    const d = decodeResponse(buf, 64);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.response.records).toEqual([
      { name: 'example.com', type: 'NAPTR', ttl: 60, data: { order: 10, preference: 5, flags: 'S', services: 'SIP+D2U', regexp: '', replacement: '_sip._udp.example.com' } },
      { name: '_sip._udp.example.com', type: 'SRV', ttl: 0, data: { priority: 1, weight: 2, port: 5060, target: 'sbc.example.com' } },
      { name: 'www.example.com', type: 'CNAME', ttl: 5, data: 'host.example.com' },
      { name: 'host.example.com', type: 'AAAA', ttl: 5, data: '2001:db8::1' },
    ]);
    expect(matchResponse(d.response, 7, 'EXAMPLE.com.', 'NAPTR')).toBe('match');
    expect(matchResponse(d.response, 8, 'example.com', 'NAPTR')).toBe('wrong-id');
    expect(matchResponse(d.response, 7, 'example.net', 'NAPTR')).toBe('wrong-question');
    expect(matchResponse(d.response, 7, 'example.com', 'SRV')).toBe('wrong-question');
  });

  it('keeps at most maxRecords answers and counts the rest', () => {
    const answers = Array.from({ length: 10 }, (_, i) => ({ type: 'A' as const, name: 'h.example', ttl: 1, data: `192.0.2.${i}` }));
    const d = decodeResponse(dnsPacket.encode({ type: 'response', id: 1, questions: [{ type: 'A', name: 'h.example' }], answers }), 4);
    expect(d.ok && [d.response.records.length, d.response.dropped]).toEqual([4, 6]);
  });

  it('never throws on short or hostile input', () => {
    for (const buf of [Buffer.alloc(0), Buffer.alloc(5), Buffer.from('ffffffffffffffffffffffffffff', 'hex'), Buffer.alloc(12, 0xff)]) {
      const d = decodeResponse(buf, 64);
      expect(d.ok).toBe(false);
    }
  });

  it('control characters in names come out escaped, and such names cannot be queried', () => {
    const evil = escapeName('a\u001b[31mred\n.example');
    expect(evil).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(evil).toContain('\\027');
    expect(queryNameProblem(evil)).not.toBeNull();
    expect(queryNameProblem('_sip._udp.example.com')).toBeNull();
    expect(queryNameProblem('a'.repeat(64) + '.example')).toMatch(/63/);
  });
});

describe('lookups, cache and round trips', () => {
  const chain = (n: number): Zone => ({
    records: [...Array.from({ length: n }, (_, i) => ({ name: `c${i}.chain.test`, type: 'CNAME' as const, data: `c${i + 1}.chain.test` })), { name: `c${n}.chain.test`, type: 'A', data: '192.0.2.1' }],
  });

  it('follows a CNAME chain to the address', async () => {
    const l = await lookup(new FakeDnsClient(chain(3)), 'c0.chain.test', 'A', { depth: 1 });
    expect(l).toMatchObject({ status: 'noerror', canonicalName: 'c3.chain.test' });
    expect(l.cnames.map((c) => c.name)).toEqual(['c0.chain.test', 'c1.chain.test', 'c2.chain.test']);
    expect(l.records.map((r) => r.data)).toEqual(['192.0.2.1']);
  });

  it('stops a chain longer than the limit', async () => {
    const l = await lookup(new FakeDnsClient(chain(MAX_CNAME_CHAIN + 3)), 'c0.chain.test', 'A', { depth: 1 });
    expect(l.status).toBe('cname-chain-too-long');
  });

  it('asks each name and type once, even when asked at the same time', async () => {
    const fake = new FakeDnsClient(loadZone('full'));
    const cache = new CachingDnsClient(fake);
    const [a, b] = await Promise.all([cache.query('edge1.carrier.test', 'A'), cache.query('EDGE1.carrier.test', 'A')]);
    expect(fake.asked).toHaveLength(1);
    expect([a.cached, b.cached]).toEqual([false, true]);
  });

  it('the full NAPTR → SRV → A/AAAA zone needs at most three dependent round trips', async () => {
    const fake = new FakeDnsClient(loadZone('full'));
    const r = await resolveSip('carrier.test', { dns: fake });
    expect(r.stats.roundTrips).toBeLessThanOrEqual(3);
    expect(Math.max(...fake.asked.map((q) => q.depth))).toBe(r.stats.roundTrips);
    // no question asked twice
    const keys = fake.asked.map((q) => `${q.type} ${q.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('without probing, only the names RFC 3263 needs are asked', async () => {
    const fake = new FakeDnsClient(loadZone('full'));
    const r = await resolveSip('carrier.test', { dns: fake, probe: false });
    expect(r.targets.length).toBeGreaterThan(0);
    expect(fake.asked.some((q) => q.name.includes('_tls.') || q.name.includes('_ws.'))).toBe(false);
    expect(r.stats.roundTrips).toBe(3);
  });
});
