import { buildRequest, buildResponse } from '../../src/core/index.js';
import { openTransport, TransactionLayer, type SipTransport, type TransportNotice, type TransportProtocol } from '../../src/transport/index.js';
import { startPeer, type PeerHandler, type TestPeer } from '../helpers/sip-peer.js';

const peers: TestPeer[] = [];
const transports: SipTransport[] = [];
afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
  await Promise.all(peers.splice(0).map((p) => p.close()));
});

async function probe(protocol: TransportProtocol, handler: PeerHandler, timers = { t1: 50, transactionTimeout: 1500 }, limits = {}) {
  const peer = await startPeer(protocol, handler);
  peers.push(peer);
  const notices: TransportNotice[] = [];
  const t = await openTransport({ protocol, address: '127.0.0.1', port: peer.port, limits });
  transports.push(t);
  const layer = new TransactionLayer(t, { timers, delegate: { onNotice: (n) => notices.push(n) } });
  const req = buildRequest({ method: 'OPTIONS', uri: 'sip:sip.test', from: 'sip:a@siptool.invalid', to: 'sip:sip.test', via: { transport: t.viaTransport, host: t.local.address, port: t.local.port } });
  const started = Date.now();
  const outcome = await layer.request(req).final.then(
    (f) => ({ status: f.response.status, code: undefined, details: {} as Record<string, unknown> }),
    (e: { code: string; details: Record<string, unknown> }) => ({ status: undefined, code: e.code, details: e.details }),
  );
  return { ...outcome, notices, t, layer, ms: Date.now() - started };
}

const HEAD = (req: Parameters<PeerHandler>[0]) => `SIP/2.0 200 OK\r\nVia: ${req.value('Via')}\r\nFrom: ${req.value('From')}\r\nTo: ${req.value('To')};tag=x\r\nCall-ID: ${req.callId}\r\nCSeq: ${req.value('CSeq')}\r\n`;

describe('hostile peers', () => {
  it('UDP: garbage datagrams are dropped and reported, the real response still counts', async () => {
    const r = await probe('udp', (req, send) => {
      send(Buffer.from([0, 1, 2, 3, 255, 254, 10, 13]));
      send('HTTP/1.1 400 Bad Request\r\n\r\n');
      send(buildResponse(req, 200));
    });
    expect(r.status).toBe(200);
    expect(r.notices.filter((n) => n.code === 'unparsable')).toHaveLength(2);
    expect(r.t.stats.discarded).toBe(2);
  });

  it('UDP: a response storm for other transactions is ignored and counted', async () => {
    const r = await probe('udp', (req, send) => {
      send(buildResponse(req, 200));
      for (let i = 0; i < 2000; i++) send(HEAD(req).replace(/branch=[^;\r\n]+/, `branch=z9hG4bKstorm${i}`) + 'Content-Length: 0\r\n\r\n');
    });
    expect(r.status).toBe(200);
    await new Promise((res) => setTimeout(res, 200));
    expect(r.layer.stats.unmatchedResponses).toBeGreaterThan(100); // the kernel may drop some of the burst
    expect(r.layer.size).toBeLessThanOrEqual(1); // the OPTIONS transaction waits out Timer K
  });

  it('TCP: a 10 MB response closes the connection with TRANSPORT_ERR_MESSAGE_TOO_LARGE, without buffering it', async () => {
    const r = await probe('tcp', (req, send) => {
      send(HEAD(req) + `Content-Length: ${10 * 1024 * 1024}\r\n\r\n`);
      const chunk = Buffer.alloc(1024 * 1024, 0x61);
      for (let i = 0; i < 10; i++) send(chunk);
    });
    expect(r.code).toBe('TRANSPORT_ERR_MESSAGE_TOO_LARGE');
    expect(r.t.closed).toBe(true);
    expect(r.t.stats.bufferedBytes).toBe(0);
  });

  it('TCP: endless header bytes hit the header limit', async () => {
    const r = await probe('tcp', (req, send) => {
      send(HEAD(req));
      send(`X-Junk: ${'j'.repeat(100_000)}\r\n`);
    });
    expect(r.code).toBe('TRANSPORT_ERR_MESSAGE_TOO_LARGE');
  });

  it('TCP: a peer that never finishes a message ends in a timeout that says how much is pending', async () => {
    const r = await probe('tcp', (req, send) => send(HEAD(req) + 'Content-Length: 500\r\n\r\nonly part of the body'));
    expect(r.code).toBe('TRANSPORT_ERR_TIMEOUT');
    expect(r.details.bufferedBytes).toBeGreaterThan(0);
    expect(r.ms).toBeLessThan(5000);
  });

  it('TCP: garbage that cannot be framed closes the connection with TRANSPORT_ERR_FRAMING', async () => {
    const r = await probe('tcp', (_req, send) => send('HELLO THIS IS NOT SIP\r\nfoo\r\n\r\n'));
    expect(r.code === 'TRANSPORT_ERR_FRAMING' || r.code === 'TRANSPORT_ERR_TIMEOUT').toBe(true);
    expect(r.t.stats.bufferedBytes).toBeLessThan(1024);
  });

  it('TCP: the peer closing mid-message is TRANSPORT_ERR_CLOSED', async () => {
    let sock: (() => void) | undefined;
    const r = await probe('tcp', (req, send) => {
      send(HEAD(req));
      sock = () => undefined;
      setTimeout(() => void peers[0]!.close(), 20);
    });
    expect(sock).toBeDefined();
    expect(['TRANSPORT_ERR_CLOSED', 'TRANSPORT_ERR_SOCKET']).toContain(r.code);
  });

  it('WS: a message over the limit closes the connection', async () => {
    const r = await probe('ws', (req, send) => send(HEAD(req) + `Content-Length: 300000\r\n\r\n${'a'.repeat(300_000)}`), undefined, { maxMessageBytes: 64 * 1024 });
    expect(r.code).toBe('TRANSPORT_ERR_MESSAGE_TOO_LARGE');
  });

  it('connect errors are typed', async () => {
    const peer = await startPeer('tcp', () => undefined);
    const port = peer.port;
    await peer.close();
    await expect(openTransport({ protocol: 'tcp', address: '127.0.0.1', port })).rejects.toMatchObject({ code: 'TRANSPORT_ERR_CONNECT' });
    await expect(openTransport({ protocol: 'tls', address: '127.0.0.1', port })).rejects.toMatchObject({ code: 'TRANSPORT_ERR_CONNECT' });
    await expect(openTransport({ protocol: 'ws', address: '127.0.0.1', port })).rejects.toMatchObject({ code: 'TRANSPORT_ERR_CONNECT' });
    await expect(openTransport({ protocol: 'udp', address: 'not-an-ip', port })).rejects.toMatchObject({ code: 'TRANSPORT_ERR_CONNECT' });
    const ac = new AbortController();
    ac.abort();
    const live = await startPeer('tcp', () => undefined);
    peers.push(live);
    await expect(openTransport({ protocol: 'tcp', address: '127.0.0.1', port: live.port, signal: ac.signal })).rejects.toMatchObject({ code: 'TRANSPORT_ERR_ABORTED' });
  });
});
