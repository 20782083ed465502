import type { ResolveResult } from '../../src/dns/resolve-result.js';
import { resolveSip } from '../../src/dns/resolve-sip.js';
import type { StackId, StackView } from '../../src/dns/stacks/stack-view.js';
import { loadZone, type Zone } from '../helpers/dns-server.js';
import { FakeDnsClient } from '../helpers/fake-dns.js';

async function stacks(zone: string | Zone, input: string): Promise<{ r: ResolveResult; s: Record<StackId, StackView> }> {
  const r = await resolveSip(input, { dns: new FakeDnsClient(typeof zone === 'string' ? loadZone(zone) : zone), stacks: true });
  return { r, s: Object.fromEntries(r.stacks!.map((v) => [v.id, v])) as Record<StackId, StackView> };
}

const first = (v: StackView) => (v.targets[0] ? `${v.targets[0].transport} ${v.targets[0].address}:${v.targets[0].port}` : null);

/** A zone whose NAPTR names WebSocket only, while plain SRV records exist for UDP. */
const wsOnlyNaptr: Zone = {
  records: [
    { name: 'ws.test', type: 'NAPTR', data: { order: 10, preference: 10, flags: 's', services: 'SIP+D2W', regexp: '', replacement: '_sip._ws.ws.test' } },
    { name: '_sip._ws.ws.test', type: 'SRV', data: { priority: 10, weight: 10, port: 8080, target: 'edge.ws.test' } },
    { name: '_sip._udp.ws.test', type: 'SRV', data: { priority: 10, weight: 10, port: 5060, target: 'edge.ws.test' } },
    { name: 'edge.ws.test', type: 'A', data: '192.0.2.120' },
  ],
};

describe('how pjsip, Kamailio and sofia-sip would resolve the same zone', () => {
  it('each stack is modelled, with settings, steps and code sources', async () => {
    const { r } = await stacks('full', 'carrier.test');
    expect(r.stacks!.map((v) => v.id)).toEqual(['pjsip', 'kamailio', 'kamailio-naptr', 'sofia-sip']);
    for (const v of r.stacks!) {
      expect(v.steps.length).toBeGreaterThan(0);
      expect(v.sources.join(' ')).toMatch(/\.c\b/);
      expect(v.settings.length).toBeGreaterThan(0);
    }
  });

  it('pjsip never asks NAPTR and assumes UDP; for sips: it asks _sips._tcp', async () => {
    const { r, s } = await stacks('full', 'carrier.test');
    expect(s.pjsip.steps.some((x) => x.includes('NAPTR'))).toBe(false);
    expect(s.pjsip.targets.every((t) => t.transport === 'udp')).toBe(true);
    expect(r.targets[0]!.transport).toBe('tls');
    expect(s.pjsip.agreesWithRfc).toBe(false);
    const sips = await stacks('full', 'sips:carrier.test');
    expect(sips.s.pjsip.targets.every((t) => t.transport === 'tls' && t.port === 5061)).toBe(true);
  });

  it('pjsip drops "." targets and then falls back to the A record; RFC clients do not', async () => {
    const { r, s } = await stacks('dot-target', 'dot.test');
    expect(r.targets).toEqual([]);
    expect(first(s.pjsip)).toBe('udp 192.0.2.60:5060');
  });

  it('pjsip has no WebSocket transport', async () => {
    const { s } = await stacks(wsOnlyNaptr, 'sip:ws.test;transport=ws');
    expect(s.pjsip.outcome).toBe('no-target');
  });

  it('Kamailio (defaults) ignores NAPTR, tries UDP, TCP, TLS SRV in turn and uses only the first address', async () => {
    const { s } = await stacks('no-udp', 'tcponly.test');
    expect(first(s.kamailio)).toBe('tcp 192.0.2.110:5060');
    expect(s.kamailio.targets).toHaveLength(1);
    expect(s.pjsip.targets[0]!.address).toBe('192.0.2.111');
    const full = await stacks('full', 'carrier.test');
    expect(full.s.kamailio.notes.join(' ')).toMatch(/dns_try_naptr=0/);
    expect(full.s.kamailio.targets).toHaveLength(1);
  });

  it('Kamailio with dns_try_naptr=1 ranks NAPTR by local preference (UDP first) over the order field', async () => {
    const { r, s } = await stacks('full', 'carrier.test');
    expect(s['kamailio-naptr'].targets[0]!.transport).toBe('udp');
    expect(r.naptr!.entries[0]!.transport).toBe('tls');
    expect(s['kamailio-naptr'].notes.join(' ')).toMatch(/dns_naptr_ignore_rfc/);
  });

  it('Kamailio drops regexp and non-"s" NAPTR records', async () => {
    const { s } = await stacks('naptr-regexp', 'regexp.test');
    expect(s['kamailio-naptr'].targets[0]!.transport).toBe('tcp');
    expect(s['kamailio-naptr'].notes.join(' ')).toMatch(/2 NAPTR record\(s\) dropped/);
  });

  it('sofia-sip picks one NAPTR transport by its own rule: with equal preferences it keeps UDP', async () => {
    const { s } = await stacks('full', 'carrier.test');
    expect(s['sofia-sip'].targets.every((t) => t.transport === 'udp')).toBe(true);
    expect(s['sofia-sip'].notes.join(' ')).toMatch(/lowest-order NAPTR is SIPS\+D2T/);
  });

  it('sofia-sip gives up when the NAPTR set names no transport it has, even though SRV exists', async () => {
    const { r, s } = await stacks(wsOnlyNaptr, 'ws.test');
    expect(r.targets.length).toBeGreaterThan(0);
    expect(s['sofia-sip'].outcome).toBe('no-target');
    expect(s['sofia-sip'].notes.join(' ')).toMatch(/503 DNS Error/);
    expect(s.kamailio.outcome).toBe('ok');
  });

  it('sofia-sip without NAPTR asks SRV per transport, AAAA before A, then the domain', async () => {
    const { s } = await stacks('srv-only', 'srvonly.test');
    const transports = [...new Set(s['sofia-sip'].targets.map((t) => t.transport))];
    expect(transports).toEqual(['udp', 'tcp', 'tls']);
    const full = await stacks('full', 'sip:carrier.test;transport=udp');
    expect(full.s['sofia-sip'].targets[0]!.address).toBe('2001:db8::11');
  });

  it('an explicit port: every stack goes to the A/AAAA record with that port', async () => {
    const { s } = await stacks('full', 'edge1.carrier.test:5070');
    for (const v of Object.values(s)) expect(v.targets.every((t) => t.port === 5070)).toBe(true);
  });
});
