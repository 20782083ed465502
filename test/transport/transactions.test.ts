import { buildRequest, buildResponse, type SipRequest } from '../../src/core/index.js';
import { TransactionLayer, type TransportErrorCode } from '../../src/transport/index.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeTransport } from '../helpers/fake-transport.js';

function request(method: string, t: FakeTransport): SipRequest {
  return buildRequest({ method, uri: 'sip:sip.test', from: 'sip:a@siptool.invalid', to: 'sip:sip.test', via: { transport: t.viaTransport, host: t.local.address, port: t.local.port } });
}

function setup(protocol: 'udp' | 'tcp' = 'udp', timers = {}) {
  const clock = new FakeClock();
  const t = new FakeTransport(protocol);
  const unmatched: string[] = [];
  const layer = new TransactionLayer(t, { clock, timers, delegate: { onUnmatched: (_r, why) => unmatched.push(why) } });
  return { clock, t, layer, unmatched };
}

async function code(p: Promise<unknown>): Promise<TransportErrorCode | 'resolved'> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return (e as { code: TransportErrorCode }).code;
  }
}

/** Clock times at which the request went out. */
function sendTimes(clock: FakeClock, t: FakeTransport, method: string): () => number[] {
  const times: number[] = [];
  const prev = t.onSend;
  t.onSend = (m, tt) => {
    if (m.kind === 'request' && m.method === method) times.push(clock.now());
    prev?.(m, tt);
  };
  return () => times;
}

describe('round-trip time', () => {
  it('is taken from socket handoff to arrival when the transport tells both (building, serializing and parsing do not count)', async () => {
    const { clock, t, layer } = setup();
    const wall = 1_000_000;
    t.wireClock = () => wall;
    const tx = layer.request(request('OPTIONS', t));
    await clock.advance(40); // the answer is read 40 ms later by the transaction's clock...
    t.inject(buildResponse(t.requests('OPTIONS')[0]!, 200), wall + 0.75); // ...but arrived 0.75 ms after the request left
    const f = await tx.final;
    expect(f.rttMs).toBeCloseTo(0.75, 6);
    expect(f.receivedAt - f.sentAt).toBe(40);
  });

  it('falls back on the transaction clock for transports that do not tell', async () => {
    const { clock, t, layer } = setup();
    const tx = layer.request(request('OPTIONS', t));
    await clock.advance(40);
    t.inject(buildResponse(t.requests('OPTIONS')[0]!, 200));
    expect((await tx.final).rttMs).toBe(40);
  });

  it('counts from the first transmission, not a retransmission', async () => {
    const { clock, t, layer } = setup();
    let wall = 5_000;
    t.wireClock = () => wall;
    const tx = layer.request(request('OPTIONS', t));
    wall += 500;
    await clock.advance(500); // Timer E: retransmitted at 500 ms
    expect(t.requests('OPTIONS')).toHaveLength(2);
    t.inject(buildResponse(t.requests('OPTIONS')[0]!, 200), wall + 2);
    expect((await tx.final).rttMs).toBe(502);
  });
});

describe('non-INVITE client transaction (RFC 3261 §17.1.2)', () => {
  it('retransmits on UDP with Timer E doubling to T2, gives up at Timer F = 64*T1', async () => {
    const { clock, t, layer } = setup();
    const times = sendTimes(clock, t, 'OPTIONS');
    const tx = layer.request(request('OPTIONS', t));
    const result = code(tx.final);
    await clock.advance(32_000);
    expect(await result).toBe('TRANSPORT_ERR_TIMEOUT');
    expect(times()).toEqual([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
    expect(layer.size).toBe(0);
    expect(clock.timers).toBe(0);
  });

  it('honours adjusted T1/T2 and a shorter timeout', async () => {
    const { clock, t, layer } = setup('udp', { t1: 100, t2: 400, transactionTimeout: 1000 });
    const times = sendTimes(clock, t, 'OPTIONS');
    const result = code(layer.request(request('OPTIONS', t)).final);
    await clock.advance(1000);
    expect(await result).toBe('TRANSPORT_ERR_TIMEOUT');
    expect(times()).toEqual([0, 100, 300, 700]);
  });

  it('does not retransmit over reliable transports; Timer F still applies', async () => {
    const { clock, t, layer } = setup('tcp');
    const result = code(layer.request(request('OPTIONS', t)).final);
    await clock.advance(32_000);
    expect(await result).toBe('TRANSPORT_ERR_TIMEOUT');
    expect(t.sent).toHaveLength(1);
  });

  it('in Proceeding retransmits every T2; a final response completes, Timer K absorbs retransmissions', async () => {
    const { clock, t, layer } = setup();
    const times = sendTimes(clock, t, 'OPTIONS');
    const req = request('OPTIONS', t);
    const tx = layer.request(req);
    await clock.advance(600);
    t.inject(buildResponse(req, 100));
    await clock.advance(9000);
    expect(times()).toEqual([0, 500, 1500, 5500, 9500]);
    t.inject(buildResponse(req, 200));
    const final = await tx.final;
    expect(final.response.status).toBe(200);
    expect(final).toMatchObject({ retransmissions: 4, provisionals: 1 });
    expect(tx.state).toBe('completed');
    t.inject(buildResponse(req, 200));
    expect(layer.stats.matchedResponses).toBe(3);
    await clock.advance(5000);
    expect(tx.state).toBe('terminated');
    expect(layer.size).toBe(0);
  });
});

describe('INVITE client transaction (RFC 3261 §17.1.1)', () => {
  it('Timer A doubles from T1 until Timer B', async () => {
    const { clock, t, layer } = setup();
    const times = sendTimes(clock, t, 'INVITE');
    const result = code(layer.request(request('INVITE', t)).final);
    await clock.advance(32_000);
    expect(await result).toBe('TRANSPORT_ERR_TIMEOUT');
    expect(times()).toEqual([0, 500, 1500, 3500, 7500, 15500, 31500]);
  });

  it('a provisional stops retransmissions and Timer B', async () => {
    const { clock, t, layer } = setup();
    const req = request('INVITE', t);
    const tx = layer.request(req);
    t.inject(buildResponse(req, 180));
    await clock.advance(60_000);
    expect(t.sent).toHaveLength(1);
    expect(tx.state).toBe('proceeding');
    expect(tx.isSettled).toBe(false);
  });

  it('ACKs a non-2xx inside the transaction with the same branch, again for retransmissions, until Timer D', async () => {
    const { clock, t, layer } = setup();
    const req = request('INVITE', t);
    const tx = layer.request(req);
    const res = buildResponse(req, 486, { toTag: 'callee' });
    t.inject(res);
    expect((await tx.final).response.status).toBe(486);
    const acks = t.requests('ACK');
    expect(acks).toHaveLength(1);
    const ack = acks[0]!;
    expect(ack.branch).toBe(req.branch);
    expect(ack.uri).toBe(req.uri);
    expect(ack.cseq).toEqual({ seq: req.cseq!.seq, method: 'ACK' });
    expect(ack.toTag).toBe('callee');
    expect(ack.callId).toBe(req.callId);
    expect(ack.fromTag).toBe(req.fromTag);
    t.inject(res);
    expect(t.requests('ACK')).toHaveLength(2);
    expect(tx.state).toBe('completed');
    await clock.advance(32_000);
    expect(tx.state).toBe('terminated');
  });

  it('after a 2xx hands retransmissions to the TU (RFC 6026 Accepted)', async () => {
    const { clock, t, layer } = setup();
    const req = request('INVITE', t);
    let again = 0;
    const tx = layer.request(req, { on2xxRetransmission: () => again++ });
    const ok = buildResponse(req, 200, { toTag: 'x' });
    t.inject(ok);
    await tx.final;
    t.inject(ok);
    t.inject(ok);
    expect(again).toBe(2);
    expect(t.requests('ACK')).toHaveLength(0);
    await clock.advance(32_000);
    expect(tx.state).toBe('terminated');
  });
});

describe('response matching (RFC 3261 §17.1.3)', () => {
  it('ignores and counts responses for another branch, Call-ID or CSeq method', async () => {
    const { t, layer, unmatched } = setup();
    const req = request('OPTIONS', t);
    const tx = layer.request(req);
    const other = buildResponse(request('OPTIONS', t), 200);
    const wrongCallId = buildResponse(req, 200).set('Call-ID', 'someone-else');
    const wrongMethod = buildResponse(req, 200).set('CSeq', `${req.cseq!.seq} INVITE`);
    t.inject(other);
    t.inject(wrongCallId);
    t.inject(wrongMethod);
    t.inject('SIP/2.0 200 OK\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n');
    expect(unmatched).toEqual(['no-transaction', 'call-id', 'cseq-method', 'no-via-branch']);
    expect(layer.stats.unmatchedResponses).toBe(4);
    expect(tx.state).toBe('trying');
    t.inject(buildResponse(req, 200));
    expect((await tx.final).response.status).toBe(200);
  });

  it('a response storm does not grow the transaction table', async () => {
    const { t, layer } = setup();
    const req = request('INVITE', t);
    const tx = layer.request(req);
    const stray = buildResponse(request('INVITE', t), 180);
    const mine = buildResponse(req, 180, { toTag: 'y' });
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < 20_000; i++) t.inject(i % 2 ? stray : mine);
    expect(layer.size).toBe(1);
    expect(layer.stats.unmatchedResponses).toBe(10_000);
    expect(tx.provisionals).toBe(10_000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('fails live transactions when the transport dies', async () => {
    const { t, layer } = setup('tcp');
    const tx = layer.request(request('OPTIONS', t));
    t.die();
    expect(await code(tx.final)).toBe('TRANSPORT_ERR_CLOSED');
    expect(layer.size).toBe(0);
  });
});
