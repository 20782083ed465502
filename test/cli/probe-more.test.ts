import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildResponse, serializeMessage } from '../../src/core/index.js';
import { TestCerts } from '../helpers/certs.js';
import { TestDnsServer } from '../helpers/dns-server.js';
import { ROOT } from '../helpers/fixtures.js';
import { runCliAsync, type CliResult } from '../helpers/run-cli.js';
import { startPeer, type PeerHandler, type TestPeer } from '../helpers/sip-peer.js';
import { toolPath, tsharkFields, until } from '../helpers/tshark.js';

const certs = new TestCerts();
const cert = certs.make({ cn: 'ws.sip.test', san: 'DNS:ws.sip.test,URI:sip:ws.sip.test' });
const peers: TestPeer[] = [];
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'siptool-probe-more-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  certs.cleanup();
});
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
});

async function peer(protocol: 'udp' | 'tcp' | 'tls' | 'wss', handler: PeerHandler, tls?: { cert: Buffer; key: Buffer; requestCert?: boolean; ca?: Buffer }): Promise<TestPeer> {
  const p = await startPeer(protocol, handler, tls);
  peers.push(p);
  return p;
}

const text = (m: Parameters<typeof serializeMessage>[0]): string => serializeMessage(m).toString('latin1');
const probe = (args: string[]): Promise<CliResult> => runCliAsync(['probe', ...args], { env: { SIPTOOL_PASSWORD: undefined } });
const json = (r: CliResult) => JSON.parse(r.stdout) as Record<string, any>;
const ok: PeerHandler = (req, send) => {
  if (req.method !== 'ACK') send(buildResponse(req, 200, { headers: [['Server', 'peer']] }));
};

describe('siptool probe: transports and TLS through the CLI', () => {
  it('WSS with the SIP domain from DNS: certificate verified with --ca, keys logged with --keylog, pcapng notes the clear SIP', async () => {
    const p = await peer('wss', ok, cert);
    const dns = await TestDnsServer.start({ records: [{ name: 'ws.sip.test', type: 'A', ttl: 60, data: '127.0.0.1' }] });
    try {
      const keylog = join(dir, 'keys.log');
      const pcap = join(dir, 'wss.pcap');
      const r = await probe([`wss://ws.sip.test:${p.port}/`, '--dns-server', `127.0.0.1:${dns.port}`, '--ca', cert.certFile, '--keylog', keylog, '--pcap', pcap, '--json']);
      expect(r.code).toBe(0);
      const a = json(r).attempts[0];
      expect(a).toMatchObject({ transport: 'wss', status: 200, tls: { verified: true, sniSent: true, servername: 'ws.sip.test', domainMatch: { matched: true, by: 'san-uri' } } });
      expect(readFileSync(keylog, 'latin1')).toMatch(/^(CLIENT_HANDSHAKE_TRAFFIC_SECRET|CLIENT_RANDOM|SERVER_HANDSHAKE_TRAFFIC_SECRET) /m);
      expect(json(r).pcap).toMatchObject({ format: 'pcapng', note: expect.stringMatching(/secure WebSocket traffic is written as the SIP messages of its frames, over TCP/) });
      if (toolPath('tshark')) expect(tsharkFields(pcap, 'sip', ['sip.CSeq.method', 'sip.Status-Code'], ['-d', `tcp.port==${p.port},sip`])).toEqual(['OPTIONS\t', 'OPTIONS\t200']);
    } finally {
      await dns.stop();
    }
  });

  it('mutual TLS: --cert/--key are presented to a peer that asks for them', async () => {
    const client = certs.make({ cn: 'app.example' });
    const p = await peer('tls', ok, { ...cert, requestCert: true, ca: client.cert });
    const r = await probe([`tls:127.0.0.1:${p.port}`, '--insecure', '--cert', client.certFile, '--key', client.keyFile, '--json']);
    expect(r.code).toBe(0);
    expect(json(r).attempts[0].tls).toMatchObject({ clientCertificateSent: true, insecure: true });
  });

  it('an IPv6 literal target ([::1]:port)', async () => {
    const s = createSocket('udp6');
    try {
      await new Promise<void>((res, rej) => {
        s.once('error', rej);
        s.bind(0, '::1', () => res());
      });
      s.on('message', async (buf, rinfo) => {
        const { parseMessage } = await import('../../src/core/index.js');
        const m = parseMessage(buf, { validate: false }).message;
        if (m?.kind === 'request') s.send(serializeMessage(buildResponse(m, 200)), rinfo.port, rinfo.address);
      });
      const r = await probe([`[::1]:${s.address().port}`, '--json']);
      expect(r.code).toBe(0);
      expect(json(r).attempts[0]).toMatchObject({ transport: 'udp', address: '::1', port: s.address().port, status: 200, local: { address: '::1' } });
      expect(json(r).requestUri).toBe(`sip:[::1]:${s.address().port}`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') return; // no IPv6 loopback on this machine
      throw e;
    } finally {
      s.close();
    }
  });
});

describe('siptool probe: failover, Retry-After and the NAT view', () => {
  it('a 503 with Retry-After moves on to the next SRV target; reported and not retried', async () => {
    const busy = await peer('udp', (req, send) => send(buildResponse(req, 503, { headers: [['Retry-After', '30']] })));
    const good = await peer('udp', ok);
    const srv = (priority: number, port: number) => ({ name: '_sip._udp.fo.test', type: 'SRV' as const, ttl: 60, data: { priority, weight: 0, port, target: 'edge.fo.test' } });
    const dns = await TestDnsServer.start({ records: [{ name: 'edge.fo.test', type: 'A', ttl: 60, data: '127.0.0.1' }, srv(10, busy.port), srv(20, good.port)] });
    try {
      const r = await probe(['sip:fo.test', '--transport', 'udp', '--dns-server', `127.0.0.1:${dns.port}`, '--json']);
      expect(r.code).toBe(0);
      const doc = json(r);
      expect(doc.attempts).toMatchObject([
        { port: busy.port, status: 503, retryAfter: 30, failover: '503 Service Unavailable', expected: false },
        { port: good.port, status: 200, expected: true },
      ]);
      expect(doc.findings.map((f: { code: string }) => f.code)).toEqual(expect.arrayContaining(['PROBE_FAILOVER', 'PROBE_RETRY_AFTER']));
      expect(busy.received).toHaveLength(1);
    } finally {
      await dns.stop();
    }
  });

  it('--count stops when a 503 asks for a pause longer than the interval', async () => {
    const busy = await peer('udp', (req, send) => send(buildResponse(req, 503, { headers: [['Retry-After', '30']] })));
    const r = await probe([`udp:127.0.0.1:${busy.port}`, '--count', '5', '--interval', '0.1', '--json']);
    expect(r.code).toBe(1);
    expect(json(r).attempts[0].pings).toMatchObject({ sent: 1, stoppedEarly: expect.stringMatching(/asked not to be sent to for 30 s/) });
    expect(busy.received).toHaveLength(1);
  });

  it('NAT: the server saw another address and port; our Contact would be unreachable', async () => {
    const p = await peer('udp', (req, send) => send(text(buildResponse(req, 200)).replace(/;rport(?=[;\r])/, ';rport=40000;received=203.0.113.7')));
    const r = await probe([`udp:127.0.0.1:${p.port}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/NAT {6}NAT detected: the server saw 203\.0\.113\.7:40000, our socket is 127\.0\.0\.1:\d+/);
    expect(r.stdout).toMatch(/warning PROBE_NAT_DETECTED/);
    expect(r.stdout).toMatch(/warning PROBE_CONTACT_UNREACHABLE  our Contact\/Via name 127\.0\.0\.1 \(loopback\), but udp 127\.0\.0\.1:\d+ sees us as 203\.0\.113\.7/);
  });
});

describe('siptool probe --json: every key is documented in docs/json/probe.md', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'json', 'probe.md'), 'utf8');
  function keys(v: unknown, into: Set<string>): void {
    if (Array.isArray(v)) v.forEach((x) => keys(x, into));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (into.add(k), keys(x, into));
  }

  it('for OPTIONS, --count, INVITE and an error', async () => {
    const p = await peer('udp', (req, send) => {
      if (req.method === 'INVITE') {
        send(buildResponse(req, 183, { toTag: 't', body: 'v=0\r\n', contentType: 'application/sdp' }));
        send(buildResponse(req, 200, { toTag: 't', contact: `<sip:uas@127.0.0.1:${p.port}>`, body: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n', contentType: 'application/sdp' }));
      } else if (req.method !== 'ACK') send(buildResponse(req, 200, { headers: [['Server', 'p'], ['Allow', 'INVITE'], ['Supported', 'timer'], ['Accept', 'application/sdp']] }));
    });
    const all = new Set<string>();
    for (const args of [[], ['--count', '2', '--interval', '0.1'], ['-m', 'INVITE']]) {
      const r = await probe([`udp:127.0.0.1:${p.port}`, '--json', ...args]);
      keys(json(r), all);
    }
    keys(json(await probe([`tcp:127.0.0.1:1`, '--json'])), all);
    const undocumented = [...all].filter((k) => !doc.includes(`\`${k}\``));
    expect(undocumented).toEqual([]);
  });
});

describe('siptool probe: Ctrl-C during --count prints the statistics', () => {
  it('stops, summarises, and judges the pings answered so far', async () => {
    const p = await peer('udp', ok);
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'siptool.cjs'), 'probe', `udp:127.0.0.1:${p.port}`, '--count', '100', '--interval', '0.1'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const done = new Promise<number | null>((resolve) => child.on('close', resolve));
    await until('two pings', () => (stdout.match(/seq=/g) ?? []).length >= 2);
    child.kill('SIGINT');
    expect(await done).toBe(0);
    expect(stdout).toMatch(/^\d+ sent, \d+ answered, 0% loss · stopped early: interrupted \(Ctrl-C\)$/m);
    expect(stdout).toMatch(/^rtt min\/avg\/max\/stddev = /m);
  });
});

describe('siptool probe --user on a terminal: the password is asked for without echo', () => {
  const script = toolPath('script');
  (script ? it : it.skip)('prompts, authenticates, and never shows the password', async () => {
    const secret = 'typed-secret-4410';
    const p = await peer('udp', (req, send) => {
      if (req.value('Authorization')) send(buildResponse(req, 200));
      else send(buildResponse(req, 401, { headers: [['WWW-Authenticate', 'Digest realm="sip.test", nonce="abc", algorithm=MD5, qop="auth"']] }));
    });
    const cmd = `${process.execPath} ${join(ROOT, 'bin', 'siptool.cjs')} probe udp:127.0.0.1:${p.port} --user alice --json`;
    const env = { ...process.env, SIPTOOL_PASSWORD: '', COLUMNS: '80' };
    const child = spawn(script!, ['-qec', cmd, '/dev/null'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('latin1')));
    const done = new Promise<number | null>((resolve) => child.on('close', resolve));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    try {
      await until('the prompt', () => out.includes('Password for alice: '));
      child.stdin.write(`${secret}\r`);
      expect(await done).toBe(0);
    } finally {
      clearTimeout(timer);
    }
    expect(out).not.toContain(secret);
    expect(out).toMatch(/"status": 200/);
    expect(p.received.some((m) => /Digest username="alice"/.test(m.value('Authorization') ?? ''))).toBe(true);
  });
});
