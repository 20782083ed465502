import { createSocket, type Socket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestDnsServer, type Zone } from '../helpers/dns-server.js';
import { AUTH, DOMAIN, interopAvailable, NUMBERS, startCarrier, type Carrier } from '../helpers/kamailio.js';
import { freePort } from '../helpers/processes.js';
import { runCliAsync, type CliResult } from '../helpers/run-cli.js';
import { toolPath, tsharkFields } from '../helpers/tshark.js';

/**
 * `siptool probe` as a user runs it (the built CLI in a child process) against the real
 * Kamailio in front of SIPp (test/helpers/kamailio.ts): OPTIONS and calls over UDP, TCP and
 * TLS, digest authentication, rejections, the silent number, RFC 3263 failover through an
 * in-process DNS server, and the capture read back by tshark.
 */
const available = interopAvailable();
if (!available && process.env.SIPTOOL_REQUIRE_INTEROP) throw new Error('kamailio/sipp are not installed but SIPTOOL_REQUIRE_INTEROP is set');
const d = available ? describe : describe.skip;
const tshark = toolPath('tshark');

const SHORT = ['--t1', '100', '--timeout', '2'];

d('siptool probe against Kamailio and SIPp', () => {
  let carrier: Carrier;
  let dir: string;
  let dns: TestDnsServer;
  let silent: Socket;
  let silentPort: number;
  let closedPort: number;

  beforeAll(async () => {
    carrier = await startCarrier();
    dir = mkdtempSync(join(tmpdir(), 'siptool-probe-'));
    // a UDP socket that never answers, and a TCP port nobody listens on: the dead targets of the failover tests
    silent = createSocket('udp4');
    await new Promise<void>((r) => silent.bind(0, '127.0.0.1', () => r()));
    silentPort = silent.address().port;
    closedPort = await freePort();
    const srv = (name: string, priority: number, port: number, target: string) => ({ name, type: 'SRV' as const, ttl: 60, data: { priority, weight: 0, port, target } });
    const zone: Zone = {
      records: [
        { name: DOMAIN, type: 'A', ttl: 60, data: '127.0.0.1' },
        { name: `a.${DOMAIN}`, type: 'A', ttl: 60, data: '127.0.0.1' },
        { name: `b.${DOMAIN}`, type: 'A', ttl: 60, data: '127.0.0.1' },
        srv(`_sip._udp.${DOMAIN}`, 10, silentPort, `a.${DOMAIN}`),
        srv(`_sip._udp.${DOMAIN}`, 20, carrier.udp, `b.${DOMAIN}`),
        srv(`_sip._tcp.${DOMAIN}`, 10, closedPort, `a.${DOMAIN}`),
        srv(`_sip._tcp.${DOMAIN}`, 20, carrier.tcp, `b.${DOMAIN}`),
        srv(`_sips._tcp.${DOMAIN}`, 10, carrier.tls, `b.${DOMAIN}`),
      ],
    };
    dns = await TestDnsServer.start(zone);
  }, 30_000);

  afterAll(async () => {
    silent?.close();
    await dns?.stop();
    await carrier?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const port = (t: 'udp' | 'tcp' | 'tls'): number => carrier[t];
  const probe = (args: string[], env?: Record<string, string | undefined>): Promise<CliResult> => runCliAsync(['probe', ...args], { env: { SIPTOOL_PASSWORD: undefined, ...env } });
  const json = (r: CliResult) => JSON.parse(r.stdout) as Record<string, any>;

  it.each(['udp', 'tcp'] as const)('OPTIONS over %s: 200 from Kamailio, exit 0, the text report', async (t) => {
    const r = await probe([`${t}:127.0.0.1:${port(t)}`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^OPTIONS sip:127\\.0\\.0\\.1:${port(t)}  ·  IP address: no DNS`));
    expect(r.stdout).toMatch(/answer {3}200 OK · rtt [\d.]+ ms/);
    expect(r.stdout).toMatch(/Server {3}siptool-test-carrier \(Kamailio\)/);
    expect(r.stdout).toMatch(/Allow {4}INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK/);
    expect(r.stdout).toMatch(/NAT {6}no NAT: the server saw 127\.0\.0\.1:\d+ \(our socket\)/);
    expect(r.stdout).toMatch(new RegExp(`✔ OK  200 OK from ${t} 127\\.0\\.0\\.1:${port(t)} in [\\d.]+ ms$`, 'm'));
  });

  it('OPTIONS over TLS: the certificate is verified for sip.test (SNI, SAN URI) with --ca; refused without it', async () => {
    const ok = await probe([`sips:${DOMAIN}`, '--dns-server', `127.0.0.1:${dns.port}`, '--ca', carrier.cert.certFile, '--json']);
    expect(ok.code).toBe(0);
    const doc = json(ok);
    expect(doc.attempts).toHaveLength(1);
    expect(doc.attempts[0]).toMatchObject({ transport: 'tls', address: '127.0.0.1', port: carrier.tls, status: 200, tls: { verified: true, sniSent: true, servername: DOMAIN, domainMatch: { by: 'san-uri' } } });
    const bad = await probe([`sips:${DOMAIN}`, '--dns-server', `127.0.0.1:${dns.port}`, '--json']);
    expect(bad.code).toBe(1);
    expect(json(bad).attempts[0]).toMatchObject({ status: null, error: { code: 'TRANSPORT_ERR_TLS_VERIFY' }, tls: { verified: false, chainError: expect.any(String) } });
    const insecure = await probe([`tls:127.0.0.1:${carrier.tls}`, '--insecure']);
    expect(insecure.code).toBe(0);
    expect(insecure.stdout).toMatch(/TLS {6}TLSv1\.[23] \S+ · NOT verified \(--insecure\)/);
    expect(insecure.stdout).toMatch(/warning PROBE_TLS_WARNING/);
  });

  it.each(['udp', 'tcp', 'tls'] as const)('INVITE over %s: answered by SIPp through Kamailio, ACKed and torn down with BYE (SIPp log), pcap decoded by tshark', async (t) => {
    const pcap = join(dir, `call-${t}.pcap`);
    const before = carrier.sippLog().split('BYE sip:').length;
    const target = t === 'tls' ? [`sips:${NUMBERS.answer}@${DOMAIN}`, '--dns-server', `127.0.0.1:${dns.port}`, '--ca', carrier.cert.certFile] : [`sip:${NUMBERS.answer}@127.0.0.1:${port(t)};transport=${t}`];
    const r = await probe([...target, '--method', 'INVITE', '--hold', '0.2', '--pcap', pcap, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const a = json(r).attempts[0];
    expect(a).toMatchObject({ transport: t, status: 200, expected: true, call: { outcome: 'answered', teardown: { by: 'BYE', status: 200 }, answerCodecs: ['PCMU/8000', 'telephone-event/8000'] } });
    const log = carrier.sippLog();
    expect(log.split('BYE sip:').length).toBe(before + 1);
    expect(log).toContain(a.call.callId);
    expect(log.split(/\n(?=-{10,})/).some((block) => block.includes(a.call.callId) && /ACK sip:/.test(block))).toBe(true);
    expect(json(r).pcap).toMatchObject({ file: pcap, format: t === 'tls' ? 'pcapng' : 'pcap' });
    if (tshark) {
      const rows = tsharkFields(pcap, 'sip', ['sip.Method', 'sip.Status-Code', 'sip.Call-ID'], ['-d', `udp.port==${port(t)},sip`, '-d', `tcp.port==${port(t)},sip`]);
      const seen = rows.map((l) => l.split('\t').slice(0, 2).join('')).join(' ');
      expect(seen).toMatch(/^INVITE 100 180 200 ACK BYE 200$/);
      expect(rows.every((l) => l.endsWith(a.call.callId))).toBe(true);
    }
  });

  it('digest authentication (SHA-256, qop=auth) with SIPTOOL_PASSWORD; the password is nowhere in the output or the capture', async () => {
    const pcap = join(dir, 'auth.pcapng');
    const r = await probe([`sip:${NUMBERS.auth}@127.0.0.1:${carrier.udp}`, '-m', 'INVITE', '--user', AUTH.username, '--pcap', pcap, '--json'], { SIPTOOL_PASSWORD: AUTH.password });
    expect(r.code).toBe(0);
    const a = json(r).attempts[0];
    expect(a).toMatchObject({ status: 200, requests: 2, auth: [{ status: 401, realm: AUTH.realm, algorithm: 'SHA-256', qop: 'auth' }], call: { outcome: 'answered', teardown: { by: 'BYE', status: 200 } } });
    const text = await probe([`sip:${NUMBERS.auth}@127.0.0.1:${carrier.udp}`, '-m', 'INVITE', '--user', AUTH.username, '--ladder'], { SIPTOOL_PASSWORD: AUTH.password });
    expect(text.code).toBe(0);
    for (const out of [r.stdout, r.stderr, text.stdout, text.stderr, readFileSync(pcap).toString('latin1')]) expect(out).not.toContain(AUTH.password);
  });

  it('a wrong password is an auth loop: exit 1, AUTH_LOOP reported, password not shown', async () => {
    const wrong = 'wrong-pw-5521';
    const r = await probe([`sip:${NUMBERS.auth}@127.0.0.1:${carrier.tcp};transport=tcp`, '-m', 'INVITE', '-u', AUTH.username], { SIPTOOL_PASSWORD: wrong });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error +PROBE_AUTH_FAILED {2}AUTH_LOOP: realm "sip\.test" challenged again/);
    expect(r.stdout + r.stderr).not.toContain(wrong);
    const none = await probe([`sip:${NUMBERS.auth}@127.0.0.1:${carrier.udp}`, '-m', 'INVITE', '--json']);
    expect(none.code).toBe(1);
    expect(json(none).attempts[0].authFailure).toMatchObject({ code: 'AUTH_NO_CREDENTIALS' });
  });

  it.each([
    [NUMBERS.forbidden, 403],
    [NUMBERS.busy, 486],
    [NUMBERS.unavailable, 503],
  ])('number %s: %i is a failed probe (exit 1) unless --expect names it', async (num, status) => {
    const target = `sip:${num}@127.0.0.1:${carrier.udp}`;
    const r = await probe([target, '-m', 'INVITE', '--json']);
    expect(r.code).toBe(1);
    const doc = json(r);
    expect(doc).toMatchObject({ ok: false, attempts: [{ status, expected: false, call: { outcome: 'rejected' } }] });
    expect(doc.findings.map((f: { code: string }) => f.code)).toContain('PROBE_UNEXPECTED_STATUS');
    if (status === 503) {
      expect(doc.attempts[0].retryAfter).toBe(120);
      expect(doc.findings.map((f: { code: string }) => f.code)).toContain('PROBE_RETRY_AFTER');
    }
    const expected = await probe([target, '-m', 'INVITE', '--expect', String(status)]);
    expect(expected.code).toBe(0);
    const nagios = await probe([target, '-m', 'INVITE', '--nagios']);
    expect(nagios.code).toBe(status >= 500 ? 2 : 1);
    expect(nagios.stdout).toMatch(new RegExp(`^SIP (WARNING|CRITICAL) - ${status} .* \\| rtt=[\\d.]+s;;;0\\n$`));
  });

  it('the silent number times out with short timers: exit 1, retransmissions counted', async () => {
    const started = Date.now();
    const r = await probe([`sip:${NUMBERS.silent}@127.0.0.1:${carrier.udp}`, '-m', 'INVITE', ...SHORT, '--json']);
    expect(r.code).toBe(1);
    expect(json(r).attempts[0]).toMatchObject({ status: null, error: { code: 'TRANSPORT_ERR_TIMEOUT' }, call: { outcome: 'timeout' } });
    expect(json(r).attempts[0].retransmissions).toBeGreaterThan(2);
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('RFC 3263 failover: UDP moves from a silent target to Kamailio, TCP from a closed port, in SRV priority order', async () => {
    const udp = await probe([`sip:${DOMAIN}`, '--transport', 'udp', '--dns-server', `127.0.0.1:${dns.port}`, ...SHORT, '--json']);
    expect(udp.code).toBe(0);
    const u = json(udp);
    expect(u.resolve).toMatchObject({ procedure: 'srv', targets: [{ port: silentPort }, { port: carrier.udp }] });
    expect(u.attempts).toMatchObject([
      { index: 1, port: silentPort, status: null, error: { code: 'TRANSPORT_ERR_TIMEOUT' }, failover: 'TRANSPORT_ERR_TIMEOUT' },
      { index: 2, port: carrier.udp, status: 200, failover: null },
    ]);
    expect(u.answeredBy).toBe(2);
    expect(u.findings.map((f: { code: string }) => f.code)).toContain('PROBE_FAILOVER');
    const tcp = await probe([`sip:${DOMAIN}`, '--transport', 'tcp', '--dns-server', `127.0.0.1:${dns.port}`, ...SHORT, '--json']);
    expect(json(tcp).attempts).toMatchObject([{ port: closedPort, error: { code: 'TRANSPORT_ERR_CONNECT' } }, { port: carrier.tcp, status: 200 }]);
    const all = await probe([`sip:${DOMAIN}`, '--transport', 'udp', '--dns-server', `127.0.0.1:${dns.port}`, ...SHORT, '--all']);
    expect(all.code).toBe(1);
    expect(all.stdout).toMatch(/#1 +udp +127\.0\.0\.1:\d+ +TIMEOUT/);
    expect(all.stdout).toMatch(/#2 +udp +127\.0\.0\.1:\d+ +200 OK/);
    expect(all.stdout).toMatch(/1 of 2 target\(s\) answered as expected/);
  });

  it('--count pings like ping: per-probe lines, then min/avg/max/stddev and loss', async () => {
    const r = await probe([`udp:127.0.0.1:${carrier.udp}`, '--count', '3', '--interval', '0.1']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^PING sip:127\\.0\\.0\\.1:${carrier.udp} \\(udp 127\\.0\\.0\\.1:${carrier.udp} from 127\\.0\\.0\\.1:\\d+\\): OPTIONS every 0\\.1 s$`));
    for (const seq of [1, 2, 3]) expect(lines[seq]).toMatch(new RegExp(`^200 OK from udp 127\\.0\\.0\\.1:${carrier.udp}: seq=${seq} time=[\\d.]+ ms$`));
    expect(r.stdout).toMatch(/^3 sent, 3 answered, 0% loss$/m);
    expect(r.stdout).toMatch(/^rtt min\/avg\/max\/stddev = [\d.]+\/[\d.]+\/[\d.]+\/[\d.]+ ms$/m);
    const nagios = await probe([`udp:127.0.0.1:${carrier.udp}`, '--count', '2', '--interval', '0.1', '--nagios']);
    expect(nagios.code).toBe(0);
    expect(nagios.stdout).toMatch(/^SIP OK - 2\/2 answered .* \| rtt=[\d.]+s;;;0 loss=0%;;;0;100\n$/);
  });

  it('never overwrites an existing capture without --force', async () => {
    const pcap = join(dir, 'exists.pcap');
    const first = await probe([`udp:127.0.0.1:${carrier.udp}`, '--pcap', pcap]);
    expect(first.code).toBe(0);
    const size = readFileSync(pcap).length;
    const again = await probe([`udp:127.0.0.1:${carrier.udp}`, '--pcap', pcap]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--pcap .*exists\.pcap already exists; siptool does not overwrite files/);
    expect(readFileSync(pcap).length).toBe(size);
    const forced = await probe([`udp:127.0.0.1:${carrier.udp}`, '--pcap', pcap, '--force']);
    expect(forced.code).toBe(0);
    expect(existsSync(pcap)).toBe(true);
  });
});
