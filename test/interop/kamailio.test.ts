import { DigestCredentials, openTransport, ProbeSession, runCall, sendOptions, type SipTransport, type TransportProtocol, type WireEvent } from '../../src/index.js';
import { AUTH, DOMAIN, interopAvailable, NUMBERS, startCarrier, type Carrier } from '../helpers/kamailio.js';

/**
 * Real peers: Kamailio as the carrier SBC (UDP, TCP, TLS) in front of a SIPp UAS. .ci/run
 * installs them and sets SIPTOOL_REQUIRE_INTEROP=1, so there these tests can never be skipped.
 */
const available = interopAvailable();
if (!available && process.env.SIPTOOL_REQUIRE_INTEROP) throw new Error('kamailio/sipp are not installed but SIPTOOL_REQUIRE_INTEROP is set');
const d = available ? describe : describe.skip;

const SHORT = { t1: 100, transactionTimeout: 1500 };

d('against Kamailio and SIPp', () => {
  let carrier: Carrier;
  const open: SipTransport[] = [];
  beforeAll(async () => {
    carrier = await startCarrier();
  }, 30_000);
  afterAll(async () => {
    await Promise.all(open.map((t) => t.close()));
    await carrier?.stop();
  });

  async function session(protocol: TransportProtocol, extra: { credentials?: DigestCredentials; wire?: WireEvent[]; insecure?: boolean; ca?: boolean } = {}) {
    const port = protocol === 'udp' ? carrier.udp : protocol === 'tcp' ? carrier.tcp : carrier.tls;
    const t = await openTransport({ protocol, address: '127.0.0.1', port, domain: DOMAIN, tls: { ca: extra.ca === false ? undefined : carrier.cert.cert, insecure: extra.insecure }, onWire: (e) => extra.wire?.push(e) });
    open.push(t);
    return new ProbeSession({ transport: t, timers: SHORT, credentials: extra.credentials, paceMs: 20 });
  }

  it.each<TransportProtocol>(['udp', 'tcp', 'tls'])('OPTIONS over %s is answered', async (protocol) => {
    const s = await session(protocol);
    const r = await sendOptions(s, { target: `sip:${DOMAIN}` });
    expect(r).toMatchObject({ status: 200, server: 'siptool-test-carrier (Kamailio)', supported: ['100rel', 'timer'], accept: ['application/sdp'] });
    expect(r.allow).toContain('INVITE');
    expect(r.rttMs).toBeLessThan(1000);
    expect(r.nat).toMatchObject({ natDetected: false });
    if (protocol === 'tls') expect(s.transport.tls).toMatchObject({ verified: true, sniSent: true, servername: DOMAIN, domainMatch: { by: 'san-uri' } });
  });

  it('TLS fails without --ca and connects with --insecure, reported', async () => {
    await expect(session('tls', { ca: false })).rejects.toMatchObject({ code: 'TRANSPORT_ERR_TLS_VERIFY' });
    const s = await session('tls', { ca: false, insecure: true });
    expect(s.transport.tls).toMatchObject({ insecure: true, verified: false, chainVerified: false });
    expect((await sendOptions(s, { target: `sip:${DOMAIN}` })).status).toBe(200);
  });

  it.each<TransportProtocol>(['udp', 'tcp', 'tls'])('an INVITE over %s is answered by SIPp through Kamailio and torn down with BYE', async (protocol) => {
    const before = carrier.sippLog().split('BYE sip:').length;
    const wire: WireEvent[] = [];
    const s = await session(protocol, { wire });
    const r = await runCall(s, { target: `sip:${NUMBERS.answer}@${DOMAIN}`, holdMs: 200 });
    expect(r).toMatchObject({ outcome: 'answered', status: 200, teardown: { by: 'BYE', status: 200 } });
    expect(r.provisionals.map((p) => p.status)).toEqual(expect.arrayContaining([100, 180]));
    expect(r.answerCodecs).toEqual(['PCMU/8000', 'telephone-event/8000']);
    expect(r.dialog!.routeSet.length).toBeGreaterThanOrEqual(1);
    expect(r.dialog!.strictRouting).toBe(false);
    // SIPp's own log shows that it got the ACK and the BYE of this call
    const log = carrier.sippLog();
    expect(log.split('BYE sip:').length).toBe(before + 1);
    expect(log).toContain(r.callId);
    const acked = log.split(/\n(?=-{10,})/).filter((block) => block.includes(r.callId) && /ACK sip:/.test(block));
    expect(acked.length).toBeGreaterThan(0);
    expect(wire.filter((w) => w.direction === 'out').map((w) => w.bytes.toString('latin1').split(' ')[0])).toEqual(['INVITE', 'ACK', 'BYE']);
  });

  it('digest authentication against Kamailio (SHA-256, qop=auth) succeeds', async () => {
    const s = await session('udp', { credentials: new DigestCredentials(AUTH.username, AUTH.password) });
    const r = await runCall(s, { target: `sip:${NUMBERS.auth}@${DOMAIN}` });
    expect(r).toMatchObject({ outcome: 'answered', invites: 2, auth: [{ status: 401, realm: AUTH.realm, algorithm: 'SHA-256', qop: 'auth' }], teardown: { by: 'BYE', status: 200 } });
  });

  it('a wrong password ends in AUTH_LOOP, never printing the password', async () => {
    const creds = new DigestCredentials(AUTH.username, 'not-the-password');
    const wire: WireEvent[] = [];
    const s = await session('tcp', { credentials: creds, wire });
    const r = await runCall(s, { target: `sip:${NUMBERS.auth}@${DOMAIN}` });
    expect(r).toMatchObject({ outcome: 'auth-failed', status: 401, invites: 2, authFailure: { code: 'AUTH_LOOP' } });
    expect(creds.appearsIn(JSON.stringify(r) + wire.map((w) => w.bytes.toString('latin1')).join(''))).toBe(false);
  });

  it.each([
    [NUMBERS.busy, 486],
    [NUMBERS.forbidden, 403],
    [NUMBERS.unavailable, 503],
  ])('number %s is rejected with %i', async (num, status) => {
    const s = await session('udp');
    const r = await runCall(s, { target: `sip:${num}@${DOMAIN}` });
    expect(r).toMatchObject({ outcome: 'rejected', status });
    if (status === 503) expect(r.retryAfter).toBe(120);
  });

  it('a silent target times out with short timers', async () => {
    const s = await session('udp');
    const started = Date.now();
    const r = await runCall(s, { target: `sip:${NUMBERS.silent}@${DOMAIN}` });
    expect(r).toMatchObject({ outcome: 'timeout', error: { code: 'TRANSPORT_ERR_TIMEOUT' } });
    expect(r.retransmissions).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
