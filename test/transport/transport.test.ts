import { buildRequest, buildResponse, type AnySipMessage } from '../../src/core/index.js';
import { openTransport, TransactionLayer, type SipTransport, type TransportProtocol, type WireEvent } from '../../src/transport/index.js';
import { TestCerts } from '../helpers/certs.js';
import { startPeer, type TestPeer } from '../helpers/sip-peer.js';

const certs = new TestCerts();
const server = certs.make({ cn: 'sip.test', san: 'DNS:sip.test,URI:sip:sip.test' });
afterAll(() => certs.cleanup());

function options(t: SipTransport, uri = 'sip:sip.test') {
  return buildRequest({
    method: 'OPTIONS',
    uri,
    from: 'sip:probe@siptool.invalid',
    to: uri,
    via: { transport: t.viaTransport, host: t.local.address, port: t.local.port },
  });
}

async function waitFor<T>(p: Promise<T>): Promise<T> {
  return p;
}

describe.each<TransportProtocol>(['udp', 'tcp', 'tls', 'ws', 'wss'])('%s transport on loopback', (protocol) => {
  let peer: TestPeer;
  beforeAll(async () => {
    peer = await startPeer(protocol, (req, send) => send(buildResponse(req, 200, { headers: [['Server', 'test-peer']] })), server);
  });
  afterAll(() => peer.close());

  it('sends a request, gets the response parsed, reports addresses and the wire', async () => {
    const wire: WireEvent[] = [];
    const t = await openTransport({ protocol, address: '127.0.0.1', port: peer.port, domain: 'sip.test', tls: { ca: server.cert }, onWire: (e) => wire.push(e) });
    try {
      expect(t.local.address).toBe('127.0.0.1');
      expect(t.local.port).toBeGreaterThan(0);
      expect(t.remote).toEqual({ address: '127.0.0.1', port: peer.port, family: 'IPv4' });
      expect(t.reliable).toBe(protocol !== 'udp');
      const layer = new TransactionLayer(t);
      const tx = layer.request(options(t));
      const { response } = await waitFor(tx.final);
      expect(response.status).toBe(200);
      expect(response.value('Server')).toBe('test-peer');
      expect(wire.map((w) => w.direction)).toEqual(['out', 'in']);
      expect(wire[0]!.local).toEqual(t.local);
      expect(wire[0]!.bytes.toString('latin1')).toMatch(/^OPTIONS sip:sip.test SIP\/2.0\r\n/);
      expect((wire[1]!.message as AnySipMessage).kind).toBe('response');
      expect(wire[1]!.timestamp).toBeGreaterThanOrEqual(wire[0]!.timestamp);
      expect(t.stats).toMatchObject({ messagesSent: 1, messagesReceived: 1 });
      if (protocol === 'tls' || protocol === 'wss') {
        expect(t.tls).toMatchObject({ verified: true, sniSent: true, servername: 'sip.test', insecure: false, domainMatch: { matched: true, by: 'san-uri' } });
        expect(t.tls!.protocol).toMatch(/^TLSv1\.[23]$/);
      } else expect(t.tls).toBeNull();
    } finally {
      await t.close();
    }
    expect(t.closed).toBe(true);
  });
});

describe('IPv6', () => {
  it.each<'udp' | 'tcp'>(['udp', 'tcp'])('%s over [::1] reports IPv6 endpoints and brackets the Via host', async (protocol) => {
    const { createSocket } = await import('node:dgram');
    const { createServer } = await import('node:net');
    const { parseMessage, serializeMessage } = await import('../../src/core/index.js');
    let port = 0;
    let close: () => void = () => undefined;
    const answer = (b: Buffer): Buffer => serializeMessage(buildResponse(parseMessage(b).message as never, 200));
    try {
      if (protocol === 'udp') {
        const s = createSocket('udp6');
        s.on('message', (b, r) => s.send(answer(b), r.port, r.address));
        await new Promise<void>((res, rej) => {
          s.once('error', rej);
          s.bind(0, '::1', () => res());
        });
        port = s.address().port;
        close = () => s.close();
      } else {
        const srv = createServer((c) => c.on('data', (b) => c.write(answer(b))));
        await new Promise<void>((res, rej) => {
          srv.once('error', rej);
          srv.listen(0, '::1', () => res());
        });
        port = (srv.address() as { port: number }).port;
        close = () => srv.close();
      }
    } catch {
      return; // no IPv6 loopback on this machine
    }
    const t = await openTransport({ protocol, address: '::1', port });
    try {
      expect(t.local).toMatchObject({ address: '::1', family: 'IPv6' });
      expect(t.remote).toEqual({ address: '::1', port, family: 'IPv6' });
      const req = options(t, 'sip:[::1]');
      expect(req.value('Via')).toMatch(/^SIP\/2.0\/(UDP|TCP) \[::1\]:\d+;/);
      const { response } = await new TransactionLayer(t).request(req).final;
      expect(response.status).toBe(200);
    } finally {
      await t.close();
      close();
    }
  });
});
