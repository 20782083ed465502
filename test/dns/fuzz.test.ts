import dnsPacket from 'dns-packet';
import { decodeResponse } from '../../src/dns/decode-response.js';
import { NetworkDnsClient } from '../../src/dns/network-dns-client.js';
import { resolveSip } from '../../src/dns/resolve-sip.js';
import { loadZone, TestDnsServer } from '../helpers/dns-server.js';
import { prng } from '../helpers/prng.js';

const INTERESTING = [0x00, 0x01, 0x3f, 0x40, 0x7f, 0x80, 0xc0, 0xc0, 0xff, 0x1b, 0x2e];

/** Flips, inserts, drops and cuts bytes, keeping the 16-bit ID (so the client looks deeper). */
function mutate(src: Buffer, rnd: () => number): Buffer {
  let buf = Buffer.from(src);
  const n = 1 + Math.floor(rnd() * 6);
  for (let k = 0; k < n; k++) {
    const at = 2 + Math.floor(rnd() * Math.max(1, buf.length - 1));
    const byte = rnd() < 0.6 ? INTERESTING[Math.floor(rnd() * INTERESTING.length)]! : Math.floor(rnd() * 256);
    const op = rnd();
    if (op < 0.5 && at < buf.length) buf[at] = byte;
    else if (op < 0.7) buf = Buffer.concat([buf.subarray(0, at), Buffer.from([byte]), buf.subarray(at)]);
    else if (op < 0.9) buf = Buffer.concat([buf.subarray(0, at), buf.subarray(at + 1 + Math.floor(rnd() * 8))]);
    else buf = buf.subarray(0, Math.max(2, at));
  }
  return buf;
}

const SAMPLE = dnsPacket.encode({
  type: 'response',
  id: 99,
  flags: dnsPacket.AUTHORITATIVE_ANSWER,
  questions: [{ type: 'NAPTR', name: 'carrier.test' }],
  answers: [
    { type: 'NAPTR', name: 'carrier.test', ttl: 60, data: { order: 10, preference: 50, flags: 's', services: 'SIPS+D2T', regexp: '', replacement: '_sips._tcp.carrier.test' } },
    { type: 'CNAME', name: 'a.carrier.test', ttl: 60, data: 'b.carrier.test' },
    { type: 'SRV', name: '_sips._tcp.carrier.test', ttl: 60, data: { priority: 10, weight: 60, port: 5061, target: 'edge1.carrier.test' } },
    { type: 'A', name: 'edge1.carrier.test', ttl: 60, data: '192.0.2.11' },
    { type: 'AAAA', name: 'edge1.carrier.test', ttl: 60, data: '2001:db8::11' },
  ],
});

describe('fuzzed DNS answers', () => {
  it('the decoder never throws, and what it returns is printable', () => {
    const rnd = prng(20240917);
    let decoded = 0;
    for (let i = 0; i < 4000; i++) {
      const d = decodeResponse(mutate(SAMPLE, rnd), 64);
      if (!d.ok) continue;
      decoded++;
      for (const r of d.response.records) {
        expect(r.name).not.toMatch(/[\u0000-\u001f\u007f-\uffff]/);
        expect(Number.isInteger(r.ttl) && r.ttl >= 0).toBe(true);
        if (r.type === 'SRV') expect(r.data.target).not.toMatch(/[\u0000-\u001f\u007f-\uffff]/);
      }
    }
    // the mutations leave many packets decodable: the checks above did run
    expect(decoded).toBeGreaterThan(100);
  });

  it('the resolver survives a server whose every answer is mangled', async () => {
    const server = await TestDnsServer.start(loadZone('full'));
    const rnd = prng(7);
    server.mutate = (buf) => (rnd() < 0.8 ? mutate(buf, rnd) : buf);
    try {
      for (let i = 0; i < 15; i++) {
        const r = await resolveSip('carrier.test', { dns: new NetworkDnsClient({ servers: [server.server], timeoutMs: 60, tries: 1 }), stacks: true });
        expect(r.stats.queries).toBeLessThanOrEqual(200);
        for (const t of r.targets) {
          expect(t.port).toBeGreaterThanOrEqual(0);
          expect(t.port).toBeLessThanOrEqual(65535);
          if (t.probability !== null) expect(t.probability).toBeGreaterThanOrEqual(0);
        }
        for (const f of r.findings) expect(f.message).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      }
    } finally {
      await server.stop();
    }
  });
});
