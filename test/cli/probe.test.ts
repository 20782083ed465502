import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildResponse, serializeMessage, type SipRequest } from '../../src/core/index.js';
import { ROOT } from '../helpers/fixtures.js';
import { runCli, runCliAsync, type CliResult } from '../helpers/run-cli.js';
import { startPeer, type PeerHandler, type TestPeer } from '../helpers/sip-peer.js';
import { toolPath, tsharkFields, until } from '../helpers/tshark.js';

const SDP = 'v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n';
const SHORT = ['--t1', '50', '--timeout', '1'];
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

const peers: TestPeer[] = [];
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'siptool-probe-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
});

async function peer(protocol: 'udp' | 'tcp' | 'ws', handler: PeerHandler): Promise<TestPeer> {
  const p = await startPeer(protocol, handler);
  peers.push(p);
  return p;
}

const text = (m: Parameters<typeof serializeMessage>[0]): string => serializeMessage(m).toString('latin1');
const probe = (args: string[], env?: Record<string, string | undefined>): Promise<CliResult> => runCliAsync(['probe', ...args], { env: { SIPTOOL_PASSWORD: undefined, ...env } });
const json = (r: CliResult) => JSON.parse(r.stdout) as Record<string, any>;

/** A normal UAS: 200 to OPTIONS, 100/180/200 with SDP to INVITE, 200 to BYE and CANCEL. */
const uas: PeerHandler = (req, send) => {
  if (req.method === 'OPTIONS') send(buildResponse(req, 200, { headers: [['Server', 'in-process peer'], ['Allow', 'INVITE, ACK, BYE, CANCEL, OPTIONS']] }));
  if (req.method === 'INVITE') {
    send(buildResponse(req, 100));
    send(buildResponse(req, 180, { toTag: 'uas' }));
    send(buildResponse(req, 200, { toTag: 'uas', contact: '<sip:uas@127.0.0.1;transport=ws>', body: SDP, contentType: 'application/sdp' }));
  }
  if (req.method === 'BYE' || req.method === 'CANCEL') send(buildResponse(req, 200));
};

describe('siptool probe: usage errors (exit 2, one line, no stack trace)', () => {
  it.each([
    [['10.0.0.0/24'], /"10\.0\.0\.0\/24" looks like a CIDR block: siptool probe takes exactly one target \(it is not a scanner\)/],
    [['192.0.2.1-192.0.2.9'], /looks like an address range/],
    [['a.example', 'b.example'], /one target per run, got 2 \(a\.example b\.example\): siptool probe is not a scanner/],
    [[], /no target given/],
    [['127.0.0.1', '--expect', 'ok'], /--expect must be a final status code/],
    [['127.0.0.1', '--count', '3', '-m', 'INVITE'], /--count repeats OPTIONS pings/],
    [['127.0.0.1', '--timeout', 'soon'], /--timeout must be a duration/],
    [['127.0.0.1', '--codecs', 'PCMU'], /--codecs is for --method INVITE/],
    [['127.0.0.1', '-m', 'INVITE', '--codecs', 'PCMU,amr'], /--codecs: unknown codec amr/],
    [['127.0.0.1', '-H', 'X-Test: a\r\nVia: SIP/2.0/UDP evil'], /--header "X-Test: a\\r\\nVia: SIP\/2\.0\/UDP evil": the value of X-Test contains a line break or NUL \(header injection is refused\)/],
    [['127.0.0.1', '-H', 'v: SIP/2.0/UDP 10.0.0.1'], /--header v: siptool writes the Via/],
    [['127.0.0.1', '-H', 'Bad Name: x'], /is not a token/],
    [['127.0.0.1', '--user-phone'], /--user-phone needs a user part/],
    [['127.0.0.1', '--user', 'alice'], /--user alice needs a password: set SIPTOOL_PASSWORD \(stdin is not a terminal/],
    [['127.0.0.1', '--ca', '/nonexistent/ca.pem'], /--ca \/nonexistent\/ca\.pem: no such file/],
    [['127.0.0.1', '--cert', 'x.pem'], /--cert and --key go together/],
    [['udp:127.0.0.1', '--transport', 'tcp'], /says udp but --transport tcp was given/],
  ])('%j', (args, message) => {
    const r = runCli(['probe', ...args], { env: { SIPTOOL_PASSWORD: undefined } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('--nagios turns a usage error into UNKNOWN (3)', () => {
    const r = runCli(['probe', '10.0.0.0/8', '--nagios']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^SIP UNKNOWN - "10\.0\.0\.0\/8" looks like a CIDR block/);
  });

  it('--nagios turns the option parser\'s own errors into UNKNOWN (3) too; without it they stay 2', () => {
    const r = runCli(['probe', 'udp:127.0.0.1:9', '--nagios', '--no-such-option']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("SIP UNKNOWN - unknown option '--no-such-option'\n");
    expect(runCli(['probe', 'udp:127.0.0.1:9', '--no-such-option']).code).toBe(2);
  });
});

describe('siptool probe against in-process peers', () => {
  it('UDP OPTIONS: exit 0, JSON with the documented minimum (ok, attempts with transport, address, port, status, rttMs)', async () => {
    const p = await peer('udp', uas);
    const r = await probe([`127.0.0.1:${p.port}`, '--json']);
    expect(r.code).toBe(0);
    const doc = json(r);
    expect(doc).toMatchObject({ schema: 'siptool.probe/1', ok: true, method: 'OPTIONS', requestUri: `sip:127.0.0.1:${p.port}`, resolve: null, answeredBy: 1 });
    expect(doc.attempts[0]).toMatchObject({ transport: 'udp', address: '127.0.0.1', port: p.port, status: 200, error: null, options: { server: 'in-process peer' } });
    expect(doc.attempts[0].rttMs).toBeGreaterThan(0);
    expect(p.received[0]!.method).toBe('OPTIONS');
    expect(p.received[0]!.value('User-Agent')).toMatch(/^siptool\/\d/);
  });

  it('--nagios with RTT thresholds: OK, WARNING above --warning, CRITICAL above --critical; perfdata carries them', async () => {
    const p = await peer('udp', uas);
    const okRun = await probe([`udp:127.0.0.1:${p.port}`, '--nagios', '--warning', '10', '--critical', '20']);
    expect(okRun.code).toBe(0);
    expect(okRun.stdout).toMatch(/^SIP OK - 200 OK from udp 127\.0\.0\.1:\d+ in [\d.]+ ms \| rtt=[\d.]+s;10;20;0\n$/);
    const warn = await probe([`udp:127.0.0.1:${p.port}`, '--nagios', '-w', '0']);
    expect(warn.code).toBe(1);
    expect(warn.stdout).toMatch(/^SIP WARNING - 200 OK .* · rtt above 0 s \| rtt=[\d.]+s;0;;0\n$/);
    const crit = await probe([`udp:127.0.0.1:${p.port}`, '--nagios', '--warning', '0', '--critical', '0']);
    expect(crit.code).toBe(2);
    expect(crit.stdout).toMatch(/^SIP CRITICAL - /);
    const usage = await probe([`udp:127.0.0.1:${p.port}`, '--warning', '1']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--warning and --critical are thresholds of --nagios/);
  });

  it('--header, --from, --to and --user-phone reach the request', async () => {
    const p = await peer('udp', uas);
    const r = await probe([`sip:+15551230000@127.0.0.1:${p.port}`, '--user-phone', '-H', 'X-Trace: abc', '--from', 'sip:app@example.com', '--contact', 'sip:app@198.51.100.20:5060']);
    expect(r.code).toBe(0);
    const req = p.received[0]!;
    expect(req.uri).toBe(`sip:+15551230000@127.0.0.1:${p.port};user=phone`);
    expect(req.value('X-Trace')).toBe('abc');
    expect(req.value('From')).toMatch(/^<sip:app@example\.com>;tag=/);
    expect(req.value('To')).toBe(`<sip:+15551230000@127.0.0.1:${p.port};user=phone>`);
    expect(req.value('Contact')).toBe('<sip:app@198.51.100.20:5060>');
  });

  it('WS: OPTIONS and a call answered and torn down; the pcapng holds every message as clear SIP over TCP with a note', async () => {
    const p = await peer('ws', uas);
    const pcap = join(dir, 'ws.pcapng');
    const r = await probe([`ws://127.0.0.1:${p.port}/sip`, '-m', 'INVITE', '--pcap', pcap, '--json']);
    expect(r.code).toBe(0);
    const doc = json(r);
    expect(doc.attempts[0]).toMatchObject({ transport: 'ws', status: 200, call: { outcome: 'answered', teardown: { by: 'BYE', status: 200 } } });
    expect(doc.pcap).toMatchObject({ file: pcap, format: 'pcapng', note: expect.stringMatching(/WebSocket traffic is written as the SIP messages of its frames, over TCP/) });
    expect(p.received.map((m) => m.method)).toEqual(['INVITE', 'ACK', 'BYE']);
    expect(readFileSync(pcap).toString('latin1')).toContain('WebSocket traffic is written as the SIP messages');
    if (toolPath('tshark')) {
      const rows = tsharkFields(pcap, 'sip', ['sip.Method', 'sip.Status-Code'], ['-d', `tcp.port==${p.port},sip`]);
      expect(rows.map((l) => l.replace(/\t/g, '')).join(' ')).toBe('INVITE 100 180 200 ACK BYE 200');
    }
  });

  it('--ladder draws our socket and the peer with relative times', async () => {
    const p = await peer('tcp', uas);
    const r = await probe([`tcp:127.0.0.1:${p.port}`, '-m', 'INVITE', '--ladder']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const title = lines.findIndex((l) => /^#1 tcp 127\.0\.0\.1:\d+ → 127\.0\.0\.1:\d+ · 7 message\(s\)$/.test(l));
    expect(title).toBeGreaterThan(0);
    expect(lines[title + 3]).toMatch(/^ {2}1 {2}\+0\.0ms +│─INVITE \(SDP\)─+▶│$/);
    expect(lines.slice(title + 4, title + 9).map((l) => /[─◀]([A-Z0-9][^─▶│]*)─/.exec(l)?.[1]?.trim())).toEqual(['100 Trying', '180 Ringing', '200 OK (SDP)', 'ACK', 'BYE']);
    expect(r.stdout).toMatch(/warning PROBE_NEXT_HOP  the 2xx Contact is sip:uas@127\.0\.0\.1;transport=ws and there is no Record-Route/);
  });

  it('a password never reaches stdout, stderr, JSON or the capture, even through an auth loop', async () => {
    const secret = 'pw-never-shown-8812';
    const p = await peer('tcp', (req, send) => {
      if (req.method === 'ACK') return;
      send(buildResponse(req, 401, { headers: [['WWW-Authenticate', `Digest realm="sip.test", nonce="n${req.cseq?.seq}", algorithm=MD5, qop="auth"`]] }));
    });
    const pcap = join(dir, 'auth.pcap');
    const r = await probe([`tcp:127.0.0.1:${p.port}`, '--user', 'alice', '--json', '--pcap', pcap], { SIPTOOL_PASSWORD: secret });
    expect(r.code).toBe(1);
    expect(json(r).attempts[0]).toMatchObject({ status: 401, authFailure: { code: 'AUTH_LOOP' } });
    const text = await probe([`tcp:127.0.0.1:${p.port}`, '--user', 'alice', '--ladder', '--debug'], { SIPTOOL_PASSWORD: secret });
    expect(text.stdout).toMatch(/PROBE_AUTH_FAILED/);
    // --debug shows every message on stderr, the Authorization with its digest hash, never the password
    expect(text.stderr).toMatch(/^--- #1 sent to tcp 127\.0\.0\.1:\d+ \(\d+ bytes\) at [\d:.]+ ---\nOPTIONS sip:127\.0\.0\.1:\d+ SIP\/2\.0\n/m);
    expect(text.stderr).toMatch(/^Authorization: Digest username="alice", .*response="[0-9a-f]{32}"/m);
    expect(text.stderr).toMatch(/^--- #1 received from tcp 127\.0\.0\.1:\d+ .*---\nSIP\/2\.0 401 Unauthorized$/m);
    for (const out of [r.stdout, r.stderr, text.stdout, text.stderr, readFileSync(pcap).toString('latin1')]) expect(out).not.toContain(secret);
    expect(p.received.some((m) => /Digest username="alice"/.test(m.value('Authorization') ?? ''))).toBe(true);
  });
});

describe('siptool probe against hostile peers: bounded and reported', () => {
  it('UDP garbage and other-transaction responses around the real answer are dropped and counted', async () => {
    const p = await peer('udp', (req, send) => {
      send(Buffer.from([0, 1, 2, 255, 254, 13, 10]));
      send('HTTP/1.1 400 Bad Request\r\n\r\n');
      send(text(buildResponse(req, 200)).replace(/Call-ID: [^\r]+/i, 'Call-ID: someone-else'));
      send(buildResponse(req, 200));
    });
    const r = await probe([`udp:127.0.0.1:${p.port}`, '--json']);
    expect(r.code).toBe(0);
    const a = json(r).attempts[0];
    expect(a).toMatchObject({ status: 200, notSip: 2, unmatchedResponses: 1 });
    expect(json(r).findings.map((f: { code: string }) => f.code)).toEqual(expect.arrayContaining(['PROBE_NOT_SIP', 'PROBE_UNMATCHED_RESPONSES']));
  });

  it('a response storm for other transactions: the real answer still counts, the storm is counted, not kept', async () => {
    let stormed = false;
    const p = await peer('udp', (req, send) => {
      if (stormed) return; // retransmissions of the OPTIONS get nothing more
      stormed = true;
      // 3000 responses for other transactions in bursts of 100 (so that the peer's own socket keeps up), then the answer
      const burst = (n: number): void => {
        try {
          for (let i = n; i < n + 100; i++) send(text(buildResponse(req, 200)).replace(/branch=[^;\r\n]+/, `branch=z9hG4bKstorm${i}`));
          if (n + 100 < 3000) setImmediate(() => burst(n + 100));
          else
            setImmediate(() => {
              try {
                send(buildResponse(req, 200));
              } catch {
                // closed
              }
            });
        } catch {
          // the test is over and the peer closed
        }
      };
      burst(0);
    });
    const r = await probe([`udp:127.0.0.1:${p.port}`, ...SHORT, '--json']);
    const a = json(r).attempts[0];
    expect(a.unmatchedResponses).toBeGreaterThan(100); // the kernel may drop part of the storm
    expect(json(r).findings.map((f: { code: string }) => f.code)).toContain('PROBE_UNMATCHED_RESPONSES');
    if (a.status === null) expect(a.error.code).toBe('TRANSPORT_ERR_TIMEOUT');
    else expect(a.status).toBe(200);
  });

  it('only responses for other transactions: a timeout, with the responses counted', async () => {
    const p = await peer('udp', (req, send) => {
      send(text(buildResponse(req, 200)).replace(/CSeq: [^\r]+/i, 'CSeq: 1 INVITE'));
    });
    const r = await probe([`udp:127.0.0.1:${p.port}`, ...SHORT, '--json']);
    expect(r.code).toBe(1);
    expect(json(r).attempts[0]).toMatchObject({ status: null, error: { code: 'TRANSPORT_ERR_TIMEOUT' } });
    expect(json(r).attempts[0].unmatchedResponses).toBeGreaterThan(0);
  });

  it('a 10 MB response over TCP: TRANSPORT_ERR_MESSAGE_TOO_LARGE, quickly, without buffering it', async () => {
    const p = await peer('tcp', (req, send) => {
      const head = text(buildResponse(req, 200)).replace(/Content-Length: 0/i, `Content-Length: ${10 * 1024 * 1024}`);
      send(head);
      const chunk = Buffer.alloc(1024 * 1024, 0x61);
      for (let i = 0; i < 10; i++) send(chunk);
    });
    const started = Date.now();
    const r = await probe([`tcp:127.0.0.1:${p.port}`, ...SHORT, '--json']);
    expect(r.code).toBe(1);
    expect(json(r).attempts[0]).toMatchObject({ status: null, error: { code: 'TRANSPORT_ERR_MESSAGE_TOO_LARGE' } });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a TCP peer that never finishes its message: the probe times out and says so', async () => {
    const p = await peer('tcp', (req, send) => send(text(buildResponse(req, 200)).replace(/Content-Length: 0\r\n\r\n/i, 'Content-Length: 500\r\n\r\nv=0\r\n')));
    const r = await probe([`tcp:127.0.0.1:${p.port}`, ...SHORT]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/no answer from tcp 127\.0\.0\.1:\d+: TRANSPORT_ERR_TIMEOUT/);
  });

  it('garbage on a TCP stream: TRANSPORT_ERR_FRAMING', async () => {
    const p = await peer('tcp', (_req, send) => send(Buffer.alloc(70_000, 0x41)));
    const r = await probe([`tcp:127.0.0.1:${p.port}`, ...SHORT, '--json']);
    expect(r.code).toBe(1);
    expect(['TRANSPORT_ERR_FRAMING', 'TRANSPORT_ERR_MESSAGE_TOO_LARGE']).toContain(json(r).attempts[0].error.code);
  });
});

describe('siptool probe: Ctrl-C tears the call down', () => {
  function spawnProbe(args: string[]): { done: Promise<CliResult>; kill: (sig: NodeJS.Signals) => void } {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'siptool.cjs'), 'probe', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const done = new Promise<CliResult>((resolve) => child.on('close', (code) => (clearTimeout(timer), resolve({ code, stdout, stderr }))));
    return { done, kill: (sig) => child.kill(sig) };
  }

  it('while ringing: CANCEL, then exit 1', async () => {
    const invites: SipRequest[] = [];
    const p = await peer('udp', (req, send) => {
      if (req.method === 'INVITE') {
        invites.push(req);
        send(buildResponse(req, 180, { toTag: 'r' }));
      }
      if (req.method === 'CANCEL') {
        send(buildResponse(req, 200));
        send(buildResponse(invites[0]!, 487, { toTag: 'r' }));
      }
    });
    const c = spawnProbe([`udp:127.0.0.1:${p.port}`, '-m', 'INVITE', '--json']);
    await until('the INVITE', () => invites.length > 0);
    await new Promise((r) => setTimeout(r, 200));
    c.kill('SIGINT');
    const r = await c.done;
    expect(r.code).toBe(1);
    expect(p.received.map((m) => m.method)).toEqual(expect.arrayContaining(['INVITE', 'CANCEL', 'ACK']));
    expect(json(r).attempts[0].call).toMatchObject({ outcome: 'aborted', teardown: { by: 'CANCEL', status: 200 } });
  });

  it('in an answered call held with --hold: BYE at once, then exit', async () => {
    const p = await peer('udp', uas);
    const c = spawnProbe([`udp:127.0.0.1:${p.port}`, '-m', 'INVITE', '--hold', '30', '--json']);
    await until('the ACK', () => p.received.some((m) => m.method === 'ACK'));
    const t = Date.now();
    c.kill('SIGINT');
    const r = await c.done;
    expect(Date.now() - t).toBeLessThan(5000);
    expect(p.received.map((m) => m.method)).toEqual(['INVITE', 'ACK', 'BYE']);
    expect(json(r).attempts[0].call).toMatchObject({ outcome: 'answered', teardown: { by: 'BYE', status: 200 } });
  });
});
