import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTransport, ProbeSession, readCaptureSync, runCall, sendOptions, type SipTransport } from '../../src/index.js';
import { TestCerts, type TestCert } from '../helpers/certs.js';
import { interopAvailable } from '../helpers/kamailio.js';
import { killListeners, runSipp, startForwarder, startListen, type ListenEvent, type ListenProcess } from '../helpers/listen.js';

/**
 * `siptool listen` (the built CLI, as a user runs it) answering real callers: SIPp's built-in
 * UAC over UDP and TCP, SIPp through Kamailio, and siptool's own client over TLS. .ci/run
 * installs SIPp and Kamailio and sets SIPTOOL_REQUIRE_INTEROP=1, so there these never skip.
 */
const available = interopAvailable();
if (!available && process.env.SIPTOOL_REQUIRE_INTEROP) throw new Error('kamailio/sipp are not installed but SIPTOOL_REQUIRE_INTEROP is set');
const d = available ? describe : describe.skip;



function sequence(events: ListenEvent[]): string[] {
  return events
    .filter((e) => e.event === 'message' && e.retransmission === 0)
    .map((e) => `${e.direction === 'in' ? '<' : '>'}${e.kind === 'request' ? String(e.method) : String(e.status)}`);
}

afterEach(() => killListeners());

d('siptool listen answering SIPp', () => {
  const running: ListenProcess[] = [];
  afterEach(async () => {
    for (const l of running.splice(0)) {
      l.interrupt();
      await l.exit(10_000);
    }
  });

  it.each([
    ['udp', 'u1'],
    ['tcp', 't1'],
  ])('a SIPp call over %s is answered, explained and torn down (--once)', async (transport, mode) => {
    const listen = await startListen(['--transport', transport, '--once']);
    running.push(listen);
    const sipp = await runSipp(['-sn', 'uac', '-i', '127.0.0.1', '-p', '0', '-t', mode!, '-m', '1', '-s', '+14155550100', `127.0.0.1:${listen.ports[transport]}`]);
    expect({ code: sipp.code, tail: sipp.code === 0 ? '' : sipp.output.slice(-1500) }).toEqual({ code: 0, tail: '' });
    const code = await listen.exit();
    const events = listen.events();
    expect(sequence(events)).toEqual(['<INVITE', '>100', '>200', '<ACK', '<BYE', '>200']);
    const call = events.find((e) => e.event === 'call')!;
    expect(call).toMatchObject({ outcome: 'answered', endedBy: 'caller-BYE', status: 200, transport, acked: true, answerCodec: 'PCMU/8000' });
    // SIPp calls from 127.0.0.1 with a loopback Contact: private-contact is an error, so --once exits 1
    const invite = events.find((e) => e.event === 'message' && e.method === 'INVITE')!;
    expect((invite.findings as Array<{ ruleId: string }>).map((f) => f.ruleId)).toContain('private-contact');
    expect(code).toBe(1);
    expect(events[events.length - 1]).toMatchObject({ event: 'summary', calls: 1, callsEnded: 1, exitCode: 1 });
  }, 60_000);

  it('SIPp rings, gets 486 with --reject 486 --ring 0.3, ACKs it inside the transaction', async () => {
    const listen = await startListen(['--transport', 'udp', '--reject', '486', '--ring', '0.3', '--once']);
    running.push(listen);
    // the built-in uac counts a 486 as a failed call: exit code 1, with the 486 in its output
    const sipp = await runSipp(['-sn', 'uac', '-i', '127.0.0.1', '-p', '0', '-t', 'u1', '-m', '1', `127.0.0.1:${listen.ports.udp}`]);
    expect(sipp.code).toBe(1);
    await listen.exit();
    expect(sequence(listen.events())).toEqual(['<INVITE', '>100', '>180', '>486', '<ACK']);
    expect(listen.events().find((e) => e.event === 'call')).toMatchObject({ outcome: 'rejected', status: 486, acked: true, endedBy: 'final-response' });
  }, 60_000);

  it('Kamailio forwards a SIPp call to listen (Record-Route, two Vias, in the --pcap) and the call completes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'siptool-listen-pcap-'));
    const pcapFile = join(dir, 'listen.pcap');
    const listen = await startListen(['--transport', 'udp', '--once', '--pcap', pcapFile]);
    running.push(listen);
    const kam = await startForwarder(listen.ports.udp!, 'udp');
    const kamPort = kam.port;
    try {
      const sipp = await runSipp(['-sn', 'uac', '-i', '127.0.0.1', '-p', '0', '-t', 'u1', '-m', '1', `127.0.0.1:${kam.port}`]);
      expect({ code: sipp.code, tail: sipp.code === 0 ? '' : sipp.output.slice(-1500) + kam.log().slice(-1500) }).toEqual({ code: 0, tail: '' });
      await listen.exit();
    } finally {
      await kam.stop();
    }
    const events = listen.events();
    expect(sequence(events)).toEqual(['<INVITE', '>100', '>200', '<ACK', '<BYE', '>200']);
    const invite = events.find((e) => e.event === 'message' && e.method === 'INVITE')!;
    expect(invite.remote).toMatchObject({ address: '127.0.0.1', port: kam.port }); // from Kamailio, not from SIPp
    expect(events.find((e) => e.event === 'call')).toMatchObject({ outcome: 'answered', endedBy: 'caller-BYE', acked: true });
    // the capture holds the call as it was on the wire: Kamailio's Via and Record-Route on the
    // INVITE, copied into the 200 (RFC 3261 §8.2.6, §12.1.1)
    const cap = readCaptureSync(readFileSync(pcapFile));
    rmSync(dir, { recursive: true, force: true });
    const msgs = cap.messages.map((m) => m.message!);
    expect(msgs.map((m) => (m.kind === 'request' ? m.method : String(m.status)))).toEqual(['INVITE', '100', '200', 'ACK', 'BYE', '200']);
    expect(msgs[0]!.vias).toHaveLength(2);
    expect(msgs[0]!.list('Record-Route')).toHaveLength(1);
    expect(msgs[2]!.list('Record-Route')).toHaveLength(1);
    expect(msgs[2]!.vias.map((v) => v.params.get('branch'))).toEqual(msgs[0]!.vias.map((v) => v.params.get('branch')));
    // Kamailio's sent-by is the address it sent from, without rport: nothing to stamp
    expect(msgs[2]!.topVia).toMatchObject({ host: '127.0.0.1', port: kamPort });
    expect(msgs[2]!.topVia!.params.has('received')).toBe(false);
  }, 60_000);
});

d('siptool listen over TLS, called by siptool itself', () => {
  let certs: TestCerts;
  let cert: TestCert;
  const open: SipTransport[] = [];
  beforeAll(() => {
    certs = new TestCerts();
    cert = certs.make({ cn: 'listen.test', san: 'DNS:listen.test,URI:sip:listen.test' });
  });
  afterAll(async () => {
    await Promise.all(open.map((t) => t.close()));
    certs?.cleanup();
  });

  it('answers OPTIONS and a call over verified TLS, and Ctrl-C hangs up a call in progress with BYE', async () => {
    const listen = await startListen(['--transport', 'tls', '--cert', cert.certFile, '--key', cert.keyFile]);
    try {
      const transport = await openTransport({ protocol: 'tls', address: '127.0.0.1', port: listen.ports.tls!, domain: 'listen.test', tls: { ca: cert.cert } });
      open.push(transport);
      expect(transport.tls).toMatchObject({ verified: true });
      const session = new ProbeSession({ transport, paceMs: 10 });
      const opts = await sendOptions(session, { target: 'sip:listen.test' });
      expect(opts.status).toBe(200);
      expect(opts.allow).toEqual(expect.arrayContaining(['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'PRACK']));
      const first = await runCall(session, { target: 'sip:+14155550100@listen.test', holdMs: 100 });
      expect(first).toMatchObject({ outcome: 'answered', status: 200, teardown: { by: 'BYE', status: 200 } });
      expect(first.answerCodecs).toEqual(['PCMU/8000', 'telephone-event/8000']);
      expect(first.dialog?.remoteTarget).toMatch(/^sip:siptool@127\.0\.0\.1:\d+;transport=tls$/);
      await listen.waitFor((e) => e.event === 'call' && e.callId === first.callId);
      // a long call, then Ctrl-C on the listener: it sends BYE, the client answers 200
      const long = runCall(session, { target: 'sip:+15551230001@listen.test', holdMs: 20_000 });
      await listen.waitFor((e) => e.event === 'message' && e.method === 'ACK' && e.direction === 'in' && e.callId !== first.callId);
      listen.interrupt();
      const second = await long;
      expect(second).toMatchObject({ outcome: 'answered', teardown: { by: 'remote-BYE' } });
      session.dispose();
      expect(await listen.exit()).toBe(1); // the client's Contact is a loopback address: private-contact, an error
    } catch (e) {
      listen.interrupt();
      await listen.exit();
      throw e;
    }
    const ended = listen.events().filter((e) => e.event === 'call');
    expect(ended.map((e) => [e.endedBy, e.byeStatus])).toEqual([
      ['caller-BYE', null],
      ['shutdown', 200],
    ]);
  }, 60_000);
});
