import { buildResponse } from '../../src/core/index.js';
import { openTransport, ProbeSession, runCall, sendOptions, type TransportProtocol } from '../../src/index.js';
import { TestCerts } from '../helpers/certs.js';
import { startPeer } from '../helpers/sip-peer.js';

const certs = new TestCerts();
const cert = certs.make({ cn: 'ws.sip.test', san: 'DNS:ws.sip.test' });
afterAll(() => certs.cleanup());

const SDP = 'v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n';

describe.each<TransportProtocol>(['ws', 'wss'])('SIP over WebSocket (%s) against an in-process peer', (protocol) => {
  it('runs an OPTIONS probe and a whole call (RFC 7118 Via and Contact)', async () => {
    const peer = await startPeer(
      protocol,
      (req, send) => {
        if (req.method === 'OPTIONS') send(buildResponse(req, 200, { headers: [['Server', 'ws-peer']] }));
        if (req.method === 'INVITE') {
          send(buildResponse(req, 100));
          send(buildResponse(req, 180, { toTag: 'ws' }));
          send(buildResponse(req, 200, { toTag: 'ws', contact: '<sip:uas@127.0.0.1;transport=ws>', body: SDP, contentType: 'application/sdp' }));
        }
        if (req.method === 'BYE') send(buildResponse(req, 200));
      },
      cert,
    );
    const t = await openTransport({ protocol, address: '127.0.0.1', port: peer.port, domain: 'ws.sip.test', tls: { ca: cert.cert } });
    try {
      const s = new ProbeSession({ transport: t, paceMs: 0 });
      expect((await sendOptions(s, { target: 'sip:ws.sip.test' })).server).toBe('ws-peer');
      const r = await runCall(s, { target: 'sip:100@ws.sip.test' });
      expect(r).toMatchObject({ outcome: 'answered', teardown: { by: 'BYE', status: 200 }, answerCodecs: ['PCMU/8000'] });
      const invite = peer.received.find((m) => m.method === 'INVITE')!;
      expect(invite.topVia!.transport).toBe(protocol.toUpperCase());
      expect(invite.topVia!.host).toMatch(/\.invalid$/);
      expect(invite.contacts !== '*' && invite.contacts[0]!.uriText).toMatch(/;transport=ws$/);
      expect(peer.received.map((m) => m.method)).toEqual(['OPTIONS', 'INVITE', 'ACK', 'BYE']);
    } finally {
      await t.close();
      await peer.close();
    }
  });
});
