import { createServer, type TLSSocket } from 'node:tls';
import { matchSipDomain, openTransport, type TlsClientOptions } from '../../src/transport/index.js';
import { TestCerts } from '../helpers/certs.js';
import { startPeer, type TestPeer } from '../helpers/sip-peer.js';

const certs = new TestCerts();
const good = certs.make({ cn: 'sip.test', san: 'DNS:sip.test,URI:sip:sip.test' });
const other = certs.make({ cn: 'other.test', san: 'DNS:other.test' });
const wildcard = certs.make({ cn: '*.test', san: 'DNS:*.test' });
const cnOnly = certs.make({ cn: 'sip.test' });
const expiring = certs.make({ cn: 'sip.test', san: 'DNS:sip.test', days: 10 });
const client = certs.make({ cn: 'probe.client.test', san: 'DNS:probe.client.test' });
afterAll(() => certs.cleanup());

const peers: TestPeer[] = [];
afterAll(() => Promise.all(peers.map((p) => p.close())));

async function peerWith(cert: { cert: Buffer; key: Buffer }): Promise<number> {
  const p = await startPeer('tls', () => undefined, cert);
  peers.push(p);
  return p.port;
}

async function open(port: number, tls: TlsClientOptions, domain: string | null = 'sip.test') {
  return openTransport({ protocol: 'tls', address: '127.0.0.1', port, domain: domain ?? undefined, tls }).then(
    async (t) => {
      await t.close();
      return { ok: true as const, report: t.tls! };
    },
    (e: { code: string; details: { tls?: unknown } }) => ({ ok: false as const, code: e.code, report: e.details.tls as NonNullable<unknown> & Record<string, unknown> }),
  );
}

describe('TLS verification (RFC 5922 §7)', () => {
  it('fails without the CA, with the report attached', async () => {
    const r = await open(await peerWith(good), {});
    expect(r).toMatchObject({ ok: false, code: 'TRANSPORT_ERR_TLS_VERIFY', report: { chainVerified: false, verified: false, domainMatch: { matched: true } } });
  });

  it('--insecure connects and says so', async () => {
    const r = await open(await peerWith(good), { insecure: true });
    expect(r.ok).toBe(true);
    expect(r.report).toMatchObject({ insecure: true, verified: false, chainVerified: false });
    expect((r.report as { warnings: string[] }).warnings.join('\n')).toMatch(/NOT authenticated/);
  });

  it('rejects a certificate for another domain', async () => {
    const r = await open(await peerWith(other), { ca: other.cert });
    expect(r).toMatchObject({ ok: false, code: 'TRANSPORT_ERR_TLS_VERIFY', report: { chainVerified: true, domainMatch: { matched: false, wildcardOnly: false } } });
  });

  it('does not accept a wildcard (RFC 5922 §7.2) and says that only a wildcard matched', async () => {
    const r = await open(await peerWith(wildcard), { ca: wildcard.cert });
    expect(r).toMatchObject({ ok: false, code: 'TRANSPORT_ERR_TLS_VERIFY', report: { domainMatch: { matched: false, wildcardOnly: true } } });
  });

  it('uses the CN only when there is no subjectAltName', async () => {
    const r = await open(await peerWith(cnOnly), { ca: cnOnly.cert });
    expect(r).toMatchObject({ ok: true, report: { verified: true, domainMatch: { by: 'cn' } } });
  });

  it('reports protocol, cipher, subject, SANs, issuer, validity and warns under 21 days', async () => {
    const r = await open(await peerWith(expiring), { ca: expiring.cert });
    expect(r.ok).toBe(true);
    const rep = r.report as unknown as import('../../src/transport/index.js').TlsReport;
    expect(rep).toMatchObject({ sniSent: true, servername: 'sip.test', verified: true, domainMatch: { by: 'san-dns' } });
    expect(rep.protocol).toMatch(/TLSv1\.[23]/);
    expect(rep.cipher).toBeTruthy();
    expect(rep.certificate).toMatchObject({ subject: expect.stringContaining('CN=sip.test'), subjectAltNames: ['DNS:sip.test'], issuer: expect.stringContaining('CN=sip.test') });
    expect(rep.certificate!.daysLeft).toBeLessThanOrEqual(10);
    expect(rep.warnings.join('\n')).toMatch(/expires in \d+ days/);
  });

  it('sends no SNI for an IP target and says there is no domain to match', async () => {
    const r = await open(await peerWith(good), { ca: good.cert }, null);
    expect(r).toMatchObject({ ok: false, code: 'TRANSPORT_ERR_TLS_VERIFY', report: { sniSent: false, servername: null, domainMatch: { domain: null } } });
  });

  it('presents a client certificate (mutual TLS) and writes key log lines', async () => {
    let seen: string | undefined;
    const server = createServer({ cert: good.cert, key: good.key, requestCert: true, rejectUnauthorized: true, ca: client.cert }, (s: TLSSocket) => {
      seen = s.getPeerCertificate().subject?.CN as string | undefined;
      s.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const lines: string[] = [];
    const t = await openTransport({ protocol: 'tls', address: '127.0.0.1', port, domain: 'sip.test', tls: { ca: good.cert, cert: client.cert, key: client.key, keylog: (l) => lines.push(l.toString()) } });
    expect(t.tls!.clientCertificateSent).toBe(true);
    await t.close();
    await new Promise((r) => server.close(() => r(undefined)));
    expect(seen).toBe('probe.client.test');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => !/^[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]+\n$/.test(l))).toEqual([]);
  });
});

describe('matchSipDomain', () => {
  const cert = (subjectaltname: string | undefined, CN = 'x') => ({ subject: { CN } as never, subjectaltname });
  it.each([
    ['URI:sip:sip.test', 'sip.test', true, 'san-uri'],
    ['URI:sip:SIP.Test', 'sip.test', true, 'san-uri'],
    ['URI:sip:alice@sip.test', 'sip.test', false, null],
    ['DNS:sip.test', 'SIP.TEST', true, 'san-dns'],
    ['DNS:a.sip.test', 'sip.test', false, null],
    ['DNS:sip.test.evil', 'sip.test', false, null],
    ['IP Address:127.0.0.1', '127.0.0.1', true, 'san-ip'],
  ])('%s vs %s', (san, domain, matched, by) => {
    expect(matchSipDomain(cert(san), domain)).toMatchObject({ matched, by });
  });
  it('ignores the CN when a SAN exists', () => {
    expect(matchSipDomain(cert('DNS:other.test', 'sip.test'), 'sip.test').matched).toBe(false);
  });
});

describe('keylogFileSink', () => {
  it('appends SSLKEYLOGFILE lines to a file', async () => {
    const { keylogFileSink } = await import('../../src/transport/index.js');
    const { readFileSync } = await import('node:fs');
    const file = `${certs.dir}/keys.log`;
    const k = keylogFileSink(file);
    const port = await peerWith(good);
    const t = await openTransport({ protocol: 'tls', address: '127.0.0.1', port, domain: 'sip.test', tls: { ca: good.cert, keylog: k.sink } });
    await t.close();
    k.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.some((l) => l.startsWith('CLIENT_TRAFFIC_SECRET_0 ') || l.startsWith('CLIENT_RANDOM '))).toBe(true);
  });
});
