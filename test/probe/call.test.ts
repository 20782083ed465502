import { buildResponse, seededRandom, type AnySipMessage, type SipRequest } from '../../src/core/index.js';
import { DigestCredentials, ProbeSession, runCall, sendOptions, type CallState } from '../../src/probe/index.js';
import { FakeClock, flush } from '../helpers/fake-clock.js';
import { FakeTransport } from '../helpers/fake-transport.js';

const SDP = 'v=0\r\no=peer 1 1 IN IP4 198.51.100.1\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\nm=audio 30000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n';
const RR = [['Record-Route', '<sip:p2.example;lr>'], ['Record-Route', '<sip:p1.example;lr>']] as Array<[string, string]>;

type Script = (m: SipRequest, t: FakeTransport) => void;

function setup(script: Script, extra: { credentials?: DigestCredentials; protocol?: 'udp' | 'tcp' } = {}) {
  const clock = new FakeClock();
  const t = new FakeTransport(extra.protocol ?? 'udp');
  const states: CallState[] = [];
  t.onSend = (m: AnySipMessage, tt) => {
    if (m.kind === 'request') script(m, tt);
  };
  const session = new ProbeSession({ transport: t, clock, random: seededRandom(7), credentials: extra.credentials, delegate: { onCallState: (s) => states.push(s) } });
  return { clock, t, session, states };
}

/** Runs `p` while advancing the fake clock in steps until it settles. */
async function drive<T>(clock: FakeClock, p: Promise<T>, stepMs = 100, maxMs = 200_000): Promise<T> {
  let done = false;
  p.finally(() => (done = true)).catch(() => undefined);
  for (let t = 0; !done && t < maxMs; t += stepMs) await clock.advance(stepMs);
  await flush();
  return p;
}

const ok = (req: SipRequest, status: number, o: Parameters<typeof buildResponse>[2] = {}) => buildResponse(req, status, { toTag: 'uas', ...o });

describe('INVITE call engine', () => {
  it('answers a reliable 183 with PRACK, ACKs the 200 along the route set, BYEs after the hold time', async () => {
    let inviteReq: SipRequest | undefined;
    const { clock, t, session, states } = setup((m, tt) => {
      if (m.method === 'INVITE') {
        inviteReq = m;
        tt.inject(buildResponse(m, 100));
        tt.inject(ok(m, 183, { headers: [['Require', '100rel'], ['RSeq', '1'], ['Contact', '<sip:uas@198.51.100.7:5070>'], ...RR], body: SDP, contentType: 'application/sdp' }));
      } else if (m.method === 'PRACK') {
        tt.inject(buildResponse(m, 200));
        tt.inject(ok(inviteReq!, 200, { headers: [['Contact', '<sip:uas@198.51.100.7:5070>'], ...RR], body: SDP, contentType: 'application/sdp' }));
      } else if (m.method === 'BYE') tt.inject(buildResponse(m, 200));
    });
    const result = await drive(clock, runCall(session, { target: 'sip:+15551230000@sip.test;user=phone', holdMs: 2000 }));
    expect(result).toMatchObject({ outcome: 'answered', status: 200, invites: 1, earlyMedia: true, pracks: [{ rseq: 1, status: 200 }], answerCodecs: ['PCMA/8000', 'telephone-event/8000'], teardown: { by: 'BYE', status: 200 } });
    expect(result.provisionals.map((p) => [p.status, p.reliable, p.sdp])).toEqual([[100, false, false], [183, true, true]]);
    const invite = t.requests('INVITE')[0]!;
    expect(invite.value('Supported')).toBe('100rel, timer');
    expect(invite.contentType?.subtype).toBe('sdp');
    expect(invite.bodyText).toMatch(/m=audio 40000 RTP\/AVP 0 8 101/);
    const prack = t.requests('PRACK')[0]!;
    expect(prack.value('RAck')).toBe(`1 ${invite.cseq!.seq} INVITE`);
    expect(prack.uri).toBe('sip:uas@198.51.100.7:5070');
    const [ack] = t.requests('ACK');
    expect(ack!.uri).toBe('sip:uas@198.51.100.7:5070');
    expect(ack!.getAll('Route').map((r) => r.value)).toEqual(['<sip:p1.example;lr>', '<sip:p2.example;lr>']);
    expect(ack!.cseq).toEqual({ seq: invite.cseq!.seq, method: 'ACK' });
    expect(ack!.branch).not.toBe(invite.branch);
    const bye = t.requests('BYE')[0]!;
    expect(bye.cseq!.seq).toBe(prack.cseq!.seq + 1);
    expect(bye.toTag).toBe('uas');
    expect(bye.callId).toBe(invite.callId);
    expect(result.dialog).toMatchObject({ strictRouting: false, nextHop: 'sip:p1.example;lr' });
    expect(states).toEqual(expect.arrayContaining(['calling', 'early', 'confirmed', 'terminating', 'ended']));
  });

  it('uses strict routing when the first route has no ;lr', async () => {
    const { clock, t, session } = setup((m, tt) => {
      if (m.method === 'INVITE') tt.inject(ok(m, 200, { headers: [['Contact', '<sip:uas@198.51.100.7>'], ['Record-Route', '<sip:strict.example>']], body: SDP, contentType: 'application/sdp' }));
      if (m.method === 'BYE') tt.inject(buildResponse(m, 200));
    });
    const result = await drive(clock, runCall(session, { target: 'sip:100@sip.test' }));
    expect(result.outcome).toBe('answered');
    const ack = t.requests('ACK')[0]!;
    expect(ack.uri).toBe('sip:strict.example');
    expect(ack.getAll('Route').map((r) => r.value)).toEqual(['<sip:uas@198.51.100.7>']);
  });

  it('answers 401 with credentials (same Call-ID, CSeq + 1) and re-ACKs retransmitted 200s', async () => {
    const creds = new DigestCredentials('alice', 'pw-not-in-output');
    let answer: ReturnType<typeof ok> | undefined;
    let resent = false;
    const { clock, t, session } = setup(
      (m, tt) => {
        if (m.method === 'INVITE' && !m.has('Authorization')) tt.inject(ok(m, 401, { headers: [['WWW-Authenticate', 'Digest realm="sip.test", nonce="n1", qop="auth", algorithm=MD5'], ['WWW-Authenticate', 'Digest realm="sip.test", nonce="n2", qop="auth", algorithm=SHA-256']] }));
        else if (m.method === 'INVITE') {
          answer = ok(m, 200, { headers: [['Contact', '<sip:uas@198.51.100.7>']], body: SDP, contentType: 'application/sdp' });
          tt.inject(answer);
        } else if (m.method === 'ACK' && m.cseq!.seq === 2 && !resent) {
          resent = true;
          tt.inject(answer!); // the 200 retransmitted (as if the first ACK were lost)
        } else if (m.method === 'BYE') tt.inject(buildResponse(m, 200));
      },
      { credentials: creds },
    );
    const result = await drive(clock, runCall(session, { target: 'sip:100@sip.test' }));
    expect(result).toMatchObject({ outcome: 'answered', invites: 2, auth: [{ status: 401, realm: 'sip.test', algorithm: 'SHA-256', nc: 1 }] });
    const [first, second] = t.requests('INVITE');
    expect(second!.callId).toBe(first!.callId);
    expect(second!.fromTag).toBe(first!.fromTag);
    expect(second!.cseq!.seq).toBe(first!.cseq!.seq + 1);
    expect(second!.value('Authorization')).toMatch(/algorithm=SHA-256/);
    const acks = t.requests('ACK');
    expect(acks.map((a) => a.cseq!.seq)).toEqual([1, 2, 2]); // 401 ACKed in the transaction, 200 ACKed twice
    expect(acks[1]!.value('Authorization')).toBe(second!.value('Authorization'));
    const everything = t.sent.map((m) => m.headers.map((h) => h.raw).join('\n')).join('\n') + JSON.stringify(result);
    expect(creds.appearsIn(everything)).toBe(false);
  });

  it('stops with AUTH_LOOP when the same realm challenges again (wrong password)', async () => {
    const { clock, session } = setup((m, tt) => {
      if (m.method === 'INVITE') tt.inject(ok(m, 407, { headers: [['Proxy-Authenticate', `Digest realm="sip.test", nonce="n${m.cseq!.seq}", qop="auth"`]] }));
    }, { credentials: new DigestCredentials('alice', 'wrong') });
    const result = await drive(clock, runCall(session, { target: 'sip:100@sip.test' }));
    expect(result).toMatchObject({ outcome: 'auth-failed', invites: 2, status: 407, authFailure: { code: 'AUTH_LOOP' } });
  });

  it('retries a 422 once with the Min-SE asked for', async () => {
    const { clock, t, session } = setup((m, tt) => {
      if (m.method === 'INVITE') tt.inject(ok(m, 422, { headers: [['Min-SE', '1800']] }));
    });
    const result = await drive(clock, runCall(session, { target: 'sip:100@sip.test', sessionExpires: 90 }));
    expect(result).toMatchObject({ outcome: 'rejected', status: 422, invites: 2, sessionTimer: { retried422: true, minSE: 1800 } });
    const [, second] = t.requests('INVITE');
    expect(second!.value('Session-Expires')).toBe('1800');
    expect(second!.value('Min-SE')).toBe('1800');
  });

  it('CANCELs when the ring timeout passes and handles the 487', async () => {
    const { clock, t, session } = setup((m, tt) => {
      if (m.method === 'INVITE') tt.inject(ok(m, 180));
      if (m.method === 'CANCEL') {
        tt.inject(buildResponse(m, 200));
        tt.inject(ok(t.requests('INVITE')[0]!, 487));
      }
    });
    const result = await drive(clock, runCall(session, { target: 'sip:100@sip.test', ringTimeoutMs: 5000 }));
    expect(result).toMatchObject({ outcome: 'cancelled', status: 487, teardown: { by: 'CANCEL', status: 200 } });
    const cancel = t.requests('CANCEL')[0]!;
    const invite = t.requests('INVITE')[0]!;
    expect(cancel.branch).toBe(invite.branch);
    expect(cancel.cseq).toEqual({ seq: invite.cseq!.seq, method: 'CANCEL' });
    expect(t.requests('ACK')[0]!.branch).toBe(invite.branch);
  });

  it('tears down on abort: CANCEL while ringing, BYE once answered', async () => {
    const ringing = setup((m, tt) => {
      if (m.method === 'INVITE') tt.inject(ok(m, 180));
      if (m.method === 'CANCEL') {
        tt.inject(buildResponse(m, 200));
        tt.inject(ok(ringing.t.requests('INVITE')[0]!, 487));
      }
    });
    const ac = new AbortController();
    const p = runCall(ringing.session, { target: 'sip:100@sip.test', signal: ac.signal });
    await ringing.clock.advance(1000);
    ac.abort();
    expect(await drive(ringing.clock, p)).toMatchObject({ outcome: 'aborted', teardown: { by: 'CANCEL', status: 200 } });

    const talking = setup((m, tt) => {
      if (m.method === 'INVITE') tt.inject(ok(m, 200, { headers: [['Contact', '<sip:uas@198.51.100.7>']], body: SDP, contentType: 'application/sdp' }));
      if (m.method === 'BYE') tt.inject(buildResponse(m, 200));
    });
    const ac2 = new AbortController();
    const p2 = runCall(talking.session, { target: 'sip:100@sip.test', holdMs: 3_600_000, signal: ac2.signal });
    await talking.clock.advance(1000);
    ac2.abort();
    expect(await drive(talking.clock, p2)).toMatchObject({ outcome: 'answered', teardown: { by: 'BYE', status: 200 } });
  });

  it('reports 503 with Retry-After, and a silent peer as a timeout', async () => {
    const busy = setup((m, tt) => {
      if (m.method === 'INVITE') tt.inject(ok(m, 503, { headers: [['Retry-After', '120']] }));
    });
    expect(await drive(busy.clock, runCall(busy.session, { target: 'sip:100@sip.test' }))).toMatchObject({ outcome: 'rejected', status: 503, retryAfter: 120 });
    const silent = setup(() => undefined);
    const r = await drive(silent.clock, runCall(silent.session, { target: 'sip:100@sip.test' }));
    expect(r).toMatchObject({ outcome: 'timeout', error: { code: 'TRANSPORT_ERR_TIMEOUT' }, retransmissions: 6 });
  });

  it('answers the peer BYE during the hold time and does not send its own', async () => {
    const { clock, t, session } = setup((m, tt) => {
      if (m.method === 'INVITE') tt.inject(ok(m, 200, { headers: [['Contact', '<sip:uas@198.51.100.7>']], body: SDP, contentType: 'application/sdp' }));
      if (m.method === 'ACK') {
        const inv = t.requests('INVITE')[0]!;
        tt.inject(`BYE sip:siptool@192.0.2.10:5062 SIP/2.0\r\nVia: SIP/2.0/UDP 198.51.100.1;branch=z9hG4bKbye1\r\nFrom: <sip:100@sip.test>;tag=uas\r\nTo: ${inv.get('From')!.value}\r\nCall-ID: ${inv.callId}\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n`);
      }
    });
    const result = await drive(clock, runCall(session, { target: 'sip:100@sip.test', holdMs: 60_000 }));
    expect(result.teardown).toEqual({ by: 'remote-BYE', status: null });
    expect(t.requests('BYE')).toHaveLength(0);
    expect(t.sent.some((m) => m.kind === 'response' && m.status === 200 && m.cseq?.method === 'BYE')).toBe(true);
  });

  it('paces new requests at least 100 ms apart', async () => {
    const times: number[] = [];
    const { clock, t, session } = setup((m, tt) => {
      times.push(clock.now());
      if (m.method === 'INVITE') tt.inject(ok(m, 200, { headers: [['Contact', '<sip:uas@198.51.100.7>']] }));
      if (m.method === 'BYE') tt.inject(buildResponse(m, 200));
    });
    await drive(clock, runCall(session, { target: 'sip:100@sip.test' }), 10);
    expect(t.sent.filter((m) => m.kind === 'request').map((m) => (m as SipRequest).method)).toEqual(['INVITE', 'ACK', 'BYE']);
    expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(100);
  });
});

describe('OPTIONS probe', () => {
  it('reports status, RTT, Server, Allow, Supported, Accept and the NAT view', async () => {
    const { clock, session } = setup((m, tt) => {
      if (m.method !== 'OPTIONS') return;
      const res = buildResponse(m, 200, { headers: [['Server', 'Carrier SBC 1.0'], ['Allow', 'INVITE, ACK, BYE'], ['Allow', 'OPTIONS'], ['Supported', 'timer, 100rel'], ['Accept', 'application/sdp']] });
      res.set('Via', `${m.value('Via')!.replace(';rport', ';rport=40123')};received=203.0.113.9`);
      void clock.advance(0);
      tt.inject(res);
    });
    const r = await drive(clock, sendOptions(session, { target: 'sip:sip.test' }));
    expect(r).toMatchObject({ status: 200, reason: 'OK', server: 'Carrier SBC 1.0', allow: ['INVITE', 'ACK', 'BYE', 'OPTIONS'], supported: ['timer', '100rel'], accept: ['application/sdp'], requests: 1, retransmissions: 0 });
    expect(r.rttMs).toBeGreaterThanOrEqual(0);
    expect(r.nat).toEqual({ local: { address: '192.0.2.10', port: 5062 }, seen: { address: '203.0.113.9', port: 40123 }, rportSupported: true, addressDiffers: true, portDiffers: true, natDetected: true });
  });

  it('throws TRANSPORT_ERR_TIMEOUT when nobody answers', async () => {
    const { clock, session } = setup(() => undefined);
    await expect(drive(clock, sendOptions(session, { target: 'sip:sip.test' }))).rejects.toMatchObject({ code: 'TRANSPORT_ERR_TIMEOUT' });
  });
});
