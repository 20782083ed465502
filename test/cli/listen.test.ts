import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRequest, openTransport, parseMessage, ProbeSession, runCall, sendOptions, seededRandom, serializeMessage, type SipResponse } from '../../src/index.js';
import { TestCerts } from '../helpers/certs.js';
import { ROOT } from '../helpers/fixtures.js';
import { killListeners, startListen, type ListenEvent } from '../helpers/listen.js';
import { runCli } from '../helpers/run-cli.js';

/** `siptool listen` as a user runs it: options, --once exit codes, floods, limits, --pcap. */

const dir = mkdtempSync(join(tmpdir(), 'siptool-listen-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => killListeners());
const seen: ListenEvent[] = [];

const sockets: Array<{ close: () => void }> = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

function udpClient(port: number): { send: (b: Buffer | string) => void; responses: SipResponse[]; close: () => void } {
  const s = createSocket('udp4');
  let open = true;
  const close = (): void => {
    if (open) s.close();
    open = false;
  };
  sockets.push({ close });
  const responses: SipResponse[] = [];
  s.on('message', (b) => {
    const m = parseMessage(b, { validate: false }).message;
    if (m?.kind === 'response') responses.push(m);
  });
  s.bind(0, '127.0.0.1');
  return { send: (b) => s.send(typeof b === 'string' ? Buffer.from(b, 'latin1') : b, port, '127.0.0.1'), responses, close };
}

function invite(callId: string, port: number): Buffer {
  return serializeMessage(
    buildRequest(
      { method: 'INVITE', uri: `sip:+14155550100@127.0.0.1:${port}`, from: '<sip:+12125550100@carrier.example>', to: '<sip:+14155550100@127.0.0.1>', via: { transport: 'UDP', host: '127.0.0.1', port: 1 }, callId, contact: '<sip:carrier@127.0.0.1:1>' },
      { random: seededRandom(callId.length) },
    ),
  );
}

async function until(pred: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

describe('siptool listen: options', () => {
  it('refuses a TLS listener without a certificate, with a clear message (exit 2)', () => {
    const r = runCli(['listen', '--transport', 'tls', '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a TLS listener needs a certificate: give --cert FILE and --key FILE');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('rejects bad option values (exit 2)', () => {
    expect(runCli(['listen', '--transport', 'sctp']).stderr).toContain('unknown transport "sctp"');
    expect(runCli(['listen', '--port', '70000']).code).toBe(2);
    expect(runCli(['listen', '--reject', '500']).code).toBe(2);
    expect(runCli(['listen', '--answer', '200', '--reject', '486', '--port', '0']).stderr).toContain('exclude each other');
  });

  it('never overwrites an existing --pcap file unless --force', () => {
    const file = join(dir, 'exists.pcap');
    writeFileSync(file, 'keep me');
    const r = runCli(['listen', '--port', '0', '--pcap', file, '--duration', '0.2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the file exists');
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    const f = runCli(['listen', '--port', '0', '--pcap', file, '--force', '--duration', '0.2']);
    expect(f.code).toBe(0);
    expect(readFileSync(file).readUInt32LE(0)).toBe(0xa1b2c3d4);
  });

  it('warns when asked to listen on every address', () => {
    const r = runCli(['listen', '--bind', '0.0.0.0', '--port', '0', '--transport', 'udp', '--duration', '0.2']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: listening on 0.0.0.0: other hosts can reach this listener');
    expect(r.stdout).toMatch(/siptool listen on UDP 0\.0\.0\.0:\d+/);
  });
});

describe('siptool listen: --once, limits, floods', () => {
  it('--once exits 0 after a call with no error-level finding (rules configured off)', async () => {
    const config = join(dir, 'siptool.config.json');
    writeFileSync(config, JSON.stringify({ rules: { 'private-contact': 'off' } }));
    const listen = await startListen(['--transport', 'udp', '--once', '--config', config]);
    const transport = await openTransport({ protocol: 'udp', address: '127.0.0.1', port: listen.ports.udp! });
    const session = new ProbeSession({ transport, paceMs: 10 });
    const r = await runCall(session, { target: `sip:+14155550100@127.0.0.1:${listen.ports.udp}`, holdMs: 50 });
    session.dispose();
    await transport.close();
    expect(r).toMatchObject({ outcome: 'answered', teardown: { by: 'BYE', status: 200 } });
    const code = await listen.exit();
    seen.push(...listen.events());
    expect(listen.events().filter((e) => e.event === 'message').flatMap((e) => e.findings as Array<{ severity: string }>).filter((f) => f.severity === 'error')).toEqual([]);
    expect(code).toBe(0);
  }, 30_000);

  it('a caller that never ACKs the 200: resent on the 2xx timer, then BYE, and ack-missing on the call', async () => {
    const listen = await startListen(['--transport', 'udp', '--t1', '20', '--once']);
    const c = udpClient(listen.ports.udp!);
    c.send(invite('never-acks', listen.ports.udp!));
    await listen.waitFor((e) => e.event === 'call', 10_000);
    c.close();
    expect(await listen.exit()).toBe(1);
    const events = listen.events();
    seen.push(...events);
    const oks = events.filter((e) => e.event === 'message' && e.direction === 'out' && e.status === 200);
    expect(oks.length).toBeGreaterThan(3); // the 2xx resent (T1 doubling)
    expect(oks.some((e) => (e.retransmission as number) > 0)).toBe(true);
    expect(events.some((e) => e.event === 'message' && e.direction === 'out' && e.method === 'BYE')).toBe(true);
    const call = events.find((e) => e.event === 'call')!;
    expect(call).toMatchObject({ outcome: 'no-ack', endedBy: 'no-ACK', acked: false });
    expect((call.findings as Array<{ ruleId: string; on: string }>).find((f) => f.ruleId === 'ack-missing')).toMatchObject({ on: expect.stringMatching(/^200 OK/) });
  }, 30_000);

  it('refuses INVITEs beyond --max-dialogs with 503, and answers ringing calls 480 on Ctrl-C', async () => {
    const listen = await startListen(['--transport', 'udp', '--max-dialogs', '1', '--ring', '30']);
    const c = udpClient(listen.ports.udp!);
    c.send(invite('first-call', listen.ports.udp!));
    await until(() => c.responses.some((r) => r.status === 180));
    c.send(invite('second-call', listen.ports.udp!));
    await until(() => c.responses.some((r) => r.status === 503));
    const busy = c.responses.find((r) => r.status === 503)!;
    expect(busy.callId).toBe('second-call');
    expect(busy.value('Retry-After')).toBe('5');
    listen.interrupt();
    expect(await listen.exit()).toBe(1); // the loopback Contact is an error-level finding
    await until(() => c.responses.some((r) => r.status === 480));
    c.close();
    expect(c.responses.find((r) => r.status === 480)?.callId).toBe('first-call');
    const events = listen.events();
    seen.push(...events);
    expect(events.find((e) => e.event === 'call')).toMatchObject({ callId: 'first-call', outcome: 'shutdown', status: 480 });
    expect(events[events.length - 1]).toMatchObject({ event: 'summary', callsRefused: 1, calls: 1 });
  }, 30_000);

  it('survives a flood of malformed packets and broken streams, counts them, and still answers', async () => {
    const listen = await startListen(['--transport', 'udp,tcp', '--max-message-size', '2048']);
    const port = listen.ports.udp!;
    const c = udpClient(port);
    const random = seededRandom(7);
    for (let i = 0; i < 300; i++) {
      c.send(random(1 + (i % 200)));
      if (i % 20 === 19) await new Promise((r) => setTimeout(r, 5)); // loopback drops what no buffer holds
    }
    for (let i = 0; i < 5; i++) c.send(Buffer.alloc(4000, 0x41)); // over --max-message-size
    c.send('OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:1;rport;branch=z9hG4bKflood\r\n\r\n'); // no Call-ID, CSeq, From, To: 400
    c.send('HTTP/1.1 200 OK\r\n\r\n');
    // TCP: garbage closes the connection (framing), a huge header closes another
    for (const junk of [Buffer.from('\x00\x01\x02 not sip at all\r\n\r\n'), Buffer.from(`OPTIONS sip:x SIP/2.0\r\nX: ${'a'.repeat(5000)}\r\n`)]) {
      await new Promise<void>((resolve) => {
        const s = connect(listen.ports.tcp!, '127.0.0.1', () => s.write(junk));
        const t = setTimeout(() => s.destroy(), 2000);
        s.on('error', () => undefined);
        s.on('close', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    const options = buildRequest({ method: 'OPTIONS', uri: `sip:127.0.0.1:${port}`, from: '<sip:probe@127.0.0.1>', to: `<sip:127.0.0.1:${port}>`, via: { transport: 'UDP', host: '127.0.0.1', port: 1 } }, { random: seededRandom(3) });
    c.send(serializeMessage(options));
    await until(() => c.responses.some((r) => r.status === 200));
    expect(c.responses.map((r) => r.status).sort()).toEqual([200, 400]);
    c.close();
    listen.interrupt();
    await listen.exit();
    const events = listen.events();
    seen.push(...events);
    const summary = events[events.length - 1]!;
    expect(summary.event).toBe('summary');
    expect(summary.malformed as number).toBeGreaterThanOrEqual(290);
    expect(summary.badRequests).toBe(1);
    expect(summary.discarded as number).toBeGreaterThanOrEqual(292);
    expect(events.filter((e) => e.event === 'note').length).toBeLessThanOrEqual(101); // printed up to a limit
  }, 30_000);
});

describe('siptool listen: TLS', () => {
  it('counts a client that speaks plain SIP to the TLS port, and keeps answering TLS clients', async () => {
    const certs = new TestCerts();
    try {
      const cert = certs.make({ cn: 'listen.test', san: 'DNS:listen.test' });
      const listen = await startListen(['--transport', 'tls', '--cert', cert.certFile, '--key', cert.keyFile]);
      await new Promise<void>((resolve) => {
        const s = connect(listen.ports.tls!, '127.0.0.1', () => s.write('OPTIONS sip:listen.test SIP/2.0\r\n\r\n'));
        const t = setTimeout(() => s.destroy(), 3000);
        s.on('error', () => undefined);
        s.on('close', () => {
          clearTimeout(t);
          resolve();
        });
      });
      const transport = await openTransport({ protocol: 'tls', address: '127.0.0.1', port: listen.ports.tls!, domain: 'listen.test', tls: { ca: cert.cert } });
      const session = new ProbeSession({ transport, paceMs: 10 });
      expect((await sendOptions(session, { target: 'sip:listen.test' })).status).toBe(200);
      session.dispose();
      await transport.close();
      listen.interrupt();
      await listen.exit();
      const events = listen.events();
      seen.push(...events);
      expect(events[events.length - 1]).toMatchObject({ event: 'summary', tlsHandshakeFailures: 1, requests: 1 });
    } finally {
      certs.cleanup();
    }
  }, 30_000);
});

describe('docs/json/listen.md', () => {
  it('describes every event and every key the tests saw', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'json', 'listen.md'), 'utf8');
    expect(seen.length).toBeGreaterThan(10);
    const keys = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (keys.add(k), walk(x));
    };
    walk(seen);
    for (const e of seen) keys.add(e.event);
    expect([...keys].filter((k) => !doc.includes(`\`${k}\``)).sort()).toEqual([]);
    expect(doc).toContain('`siptool.listen/1`');
    expect(existsSync(join(ROOT, 'docs', 'listen.md'))).toBe(true);
  });
});
