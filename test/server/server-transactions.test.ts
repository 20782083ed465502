import type { SipRequest, SipResponse } from '../../src/core/index.js';
import { responseDestination } from '../../src/server/response-routing.js';
import { ackFor, cancelOf, inDialog, invite, setup } from './helpers.js';

/**
 * RFC 3261 §17.2 server transactions and the listener's UAS, driven by a fake clock: no test
 * waits for real time. T1 = 500 ms, T2 = 4 s, T4 = 5 s, 64·T1 = 32 s.
 */

function last(sent: Array<{ message: unknown }>): SipResponse {
  return sent[sent.length - 1]!.message as SipResponse;
}

describe('INVITE server transaction (§17.2.1)', () => {
  it('answers 100 then a non-2xx final, retransmits it on Timer G (T1 doubling to T2) until the ACK, then absorbs ACK retransmissions', async () => {
    const { clock, uas, sent, ended, deliver, statuses } = setup({ answer: 486 });
    const inv = invite();
    deliver(inv);
    expect(statuses()).toEqual([100, 486]);
    const final = last(sent);
    expect(final.toTag).toBeDefined();
    await clock.advance(500);
    expect(statuses()).toEqual([100, 486, 486]);
    await clock.advance(1000);
    expect(statuses()).toEqual([100, 486, 486, 486]);
    await clock.advance(2000);
    expect(statuses()).toEqual([100, 486, 486, 486, 486]);
    await clock.advance(4000); // capped at T2
    expect(statuses()).toHaveLength(6);
    const ack = ackFor(inv, final);
    deliver(ack);
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ outcome: 'rejected', status: 486, acked: true, endedBy: 'final-response' });
    const before = sent.length;
    await clock.advance(4000);
    expect(sent.length).toBe(before); // Timer G stopped
    deliver(ack);
    expect(uas.layer.stats.absorbed).toBe(1); // Timer I absorbs the retransmitted ACK
    expect(sent.length).toBe(before);
    await clock.advance(5000); // Timer I = T4
    expect(uas.layer.size).toBe(0);
  });

  it('gives up on Timer H (64·T1) when no ACK comes, and ends the call as no-ACK', async () => {
    const { clock, uas, ended, deliver, statuses } = setup({ answer: 403 });
    deliver(invite());
    await clock.advance(31_999);
    expect(ended).toHaveLength(0);
    const resent = statuses().length;
    expect(resent).toBeGreaterThan(8);
    await clock.advance(1);
    expect(ended[0]).toMatchObject({ outcome: 'rejected', endedBy: 'no-ACK', acked: false });
    expect(uas.layer.stats.noAck).toBe(1);
    await clock.advance(10_000);
    expect(statuses()).toHaveLength(resent);
    expect(uas.layer.size).toBe(0);
  });

  it('does not retransmit finals over TCP, and ends the transaction at the ACK (Timer I = 0)', async () => {
    const { clock, uas, sent, deliver, statuses } = setup({ answer: 404 }, true);
    const inv = invite({ transport: 'TCP' });
    deliver(inv);
    await clock.advance(10_000);
    expect(statuses()).toEqual([100, 404]);
    deliver(ackFor(inv, last(sent)));
    expect(uas.layer.size).toBe(0);
  });

  it('absorbs a retransmitted INVITE and resends the last provisional while ringing', async () => {
    const { clock, uas, deliver, statuses } = setup({ ringMs: 3000 });
    const inv = invite();
    deliver(inv);
    expect(statuses()).toEqual([100, 180]);
    deliver(inv);
    expect(statuses()).toEqual([100, 180, 180]);
    expect(uas.stats.absorbed).toBe(1);
    expect(uas.stats.calls).toBe(1);
    await clock.advance(3000);
    expect(statuses()).toEqual([100, 180, 180, 200]);
  });

  it('retransmits a 2xx (T1 doubling) until the ACK arrives; the ACK of a 2xx is its own transaction', async () => {
    const { clock, sent, deliver, statuses, ended } = setup();
    const inv = invite();
    deliver(inv);
    expect(statuses()).toEqual([100, 200]);
    const ok = last(sent);
    expect(ok.contentType?.subtype).toBe('sdp');
    expect(ok.bodyText).toContain('a=rtpmap:8 PCMA/8000'); // the offer's first codec
    expect(ok.bodyText).toContain('a=rtpmap:101 telephone-event/8000');
    expect(ok.bodyText).not.toContain('PCMU');
    expect(ok.value('Contact')).toBe('<sip:siptool@127.0.0.1:5060>');
    await clock.advance(500);
    await clock.advance(1000);
    expect(statuses()).toEqual([100, 200, 200, 200]);
    deliver(inDialog('ACK', inv, ok));
    await clock.advance(10_000);
    expect(statuses()).toEqual([100, 200, 200, 200]);
    const bye = inDialog('BYE', inv, ok);
    deliver(bye);
    expect(statuses()).toEqual([100, 200, 200, 200, 200]);
    expect(ended[0]).toMatchObject({ outcome: 'answered', endedBy: 'caller-BYE', acked: true, answerCodec: 'PCMA/8000' });
    expect(ended[0]!.offerCodecs).toEqual(['PCMA', 'PCMU', 'telephone-event']);
  });

  it('hangs up with BYE when the ACK for the 2xx never comes (Timer L, §13.3.1.4)', async () => {
    const { clock, sent, ended, deliver } = setup();
    deliver(invite());
    await clock.advance(32_000);
    const bye = sent.find((s) => s.message.kind === 'request') as { message: SipRequest } | undefined;
    expect(bye?.message.method).toBe('BYE');
    expect(bye?.message.toTag).toBeDefined();
    await clock.advance(32_000);
    expect(ended[0]).toMatchObject({ outcome: 'no-ack', endedBy: 'no-ACK', acked: false, byeStatus: null });
  });
});

describe('non-INVITE server transaction (§17.2.2)', () => {
  it('answers OPTIONS 200 with Allow/Accept/Supported, resends it for a retransmission, and forgets it after Timer J', async () => {
    const { clock, uas, sent, deliver, statuses } = setup();
    const req = invite({ sdp: null });
    req.method = 'OPTIONS';
    req.set('CSeq', `${req.cseq!.seq} OPTIONS`);
    deliver(req);
    expect(statuses()).toEqual([200]);
    const ok = last(sent);
    expect(ok.value('Allow')).toContain('INVITE');
    expect(ok.value('Accept')).toBe('application/sdp');
    expect(ok.value('Supported')).toBe('100rel');
    deliver(req);
    expect(statuses()).toEqual([200, 200]);
    expect(uas.layer.size).toBe(1);
    await clock.advance(32_000);
    expect(uas.layer.size).toBe(0);
    deliver(req); // after Timer J: a new transaction
    expect(uas.stats.requests).toBe(2);
  });

  it('refuses methods it does not handle (405 with Allow, 501) and unknown extensions (420)', () => {
    const { sent, deliver, statuses } = setup();
    const reg = invite({ sdp: null });
    reg.method = 'REGISTER';
    reg.set('CSeq', '1 REGISTER');
    deliver(reg);
    expect(last(sent).value('Allow')).toContain('BYE');
    const foo = invite({ sdp: null });
    foo.method = 'FOO';
    foo.set('CSeq', '1 FOO');
    deliver(foo);
    deliver(invite({ headers: [['Require', 'foo']] }));
    expect(statuses()).toEqual([405, 501, 420]);
    expect(last(sent).value('Unsupported')).toBe('foo');
  });

  it('answers 481 to a BYE for no dialog and 400 to a request without a Call-ID', () => {
    const { deliver, statuses } = setup();
    const inv = invite();
    const fake = inDialog('BYE', inv, inv);
    fake.set('To', `${inv.value('To')};tag=nosuch`);
    deliver(fake);
    const bad = invite();
    bad.remove('Call-ID');
    deliver(bad);
    expect(statuses()).toEqual([481, 400]);
  });
});

describe('CANCEL, PRACK, limits and shutdown', () => {
  it('CANCEL while ringing: 200 to the CANCEL, 487 to the INVITE, the call ends at the ACK', async () => {
    const { clock, sent, ended, deliver, statuses } = setup({ ringMs: 10_000 });
    const inv = invite();
    deliver(inv);
    await clock.advance(1000);
    deliver(cancelOf(inv));
    expect(statuses()).toEqual([100, 180, 200, 487]);
    const r487 = last(sent);
    expect(r487.cseq?.method).toBe('INVITE');
    expect(ended).toHaveLength(0);
    deliver(ackFor(inv, r487));
    expect(ended[0]).toMatchObject({ outcome: 'cancelled', endedBy: 'CANCEL', status: 487 });
    await clock.advance(20_000);
    expect(statuses().filter((s) => s === 200)).toHaveLength(1); // the ring timer is gone
  });

  it('sends 180 reliably when the caller requires 100rel, until the PRACK, which gets 200', async () => {
    const { clock, sent, deliver, statuses } = setup({ ringMs: 5000 });
    const inv = invite({ headers: [['Require', '100rel'], ['Supported', '100rel']] });
    deliver(inv);
    const ringing = last(sent);
    expect(ringing.value('Require')).toBe('100rel');
    const rseq = Number(ringing.value('RSeq'));
    await clock.advance(500);
    expect(statuses()).toEqual([100, 180, 180]);
    deliver(inDialog('PRACK', inv, ringing, { headers: [['RAck', `${rseq} ${inv.cseq!.seq} INVITE`]] }));
    expect(statuses()).toEqual([100, 180, 180, 200]);
    await clock.advance(4000);
    expect(statuses()).toEqual([100, 180, 180, 200]);
    await clock.advance(500);
    expect(statuses()).toEqual([100, 180, 180, 200, 200]);
  });

  it('refuses INVITEs beyond --max-dialogs with 503 and Retry-After', () => {
    const { sent, deliver, statuses, uas } = setup({ maxDialogs: 1, ringMs: 60_000 });
    deliver(invite({ callId: 'call-a' }));
    deliver(invite({ callId: 'call-b' }));
    expect(statuses()).toEqual([100, 180, 503]);
    expect(last(sent).value('Retry-After')).toBe('5');
    expect(uas.stats.refused).toBe(1);
    expect(uas.activeCalls).toBe(1);
  });

  it('drops requests beyond --max-rate from one address, counts them, and accepts them again the next second', async () => {
    const { clock, uas, deliver, statuses } = setup({ maxRequestsPerSecond: 20 });
    const req = invite({ sdp: null });
    req.method = 'OPTIONS';
    req.set('CSeq', `${req.cseq!.seq} OPTIONS`);
    for (let i = 0; i < 30; i++) {
      const r = invite({ sdp: null, callId: `flood-${i}` });
      r.method = 'OPTIONS';
      r.set('CSeq', `1 OPTIONS`);
      deliver(r);
    }
    expect(statuses()).toHaveLength(20);
    expect(uas.stats.flood).toBe(10);
    await clock.advance(1000);
    deliver(req);
    expect(statuses()).toHaveLength(21);
  });

  it('answers 488 when the offer has no codec in common', () => {
    const { deliver, statuses, sent } = setup();
    deliver(invite({ sdp: ['v=0', 'o=x 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0', 'm=audio 4000 RTP/AVP 96', 'a=rtpmap:96 FOO/8000', ''].join('\r\n') }));
    expect(statuses()).toEqual([100, 488]);
    expect(last(sent).value('Warning')).toContain('304');
  });

  it('says BYE to answered calls on shutdown and waits for the answer', async () => {
    const { clock, uas, sent, ended, deliver } = setup();
    const inv = invite();
    deliver(inv);
    const ok = last(sent);
    deliver(inDialog('ACK', inv, ok));
    const stopping = uas.shutdown(2000);
    const bye = sent[sent.length - 1]!.message as SipRequest;
    expect(bye.method).toBe('BYE');
    expect(bye.uri).toBe('sip:carrier@127.0.0.1:5062'); // the INVITE's Contact
    expect(bye.fromTag).toBe(ok.toTag);
    expect(bye.toTag).toBe(inv.fromTag);
    await clock.advance(500);
    expect(sent.filter((s) => s.message.kind === 'request')).toHaveLength(2); // retransmitted over UDP
    const { buildResponse } = await import('../../src/core/index.js');
    deliver(buildResponse(bye, 200));
    await stopping;
    expect(ended[0]).toMatchObject({ outcome: 'answered', endedBy: 'shutdown', byeStatus: 200 });
  });
});

describe('response routing (§18.2.1, §18.2.2, RFC 3581)', () => {
  it('writes received and rport into the top Via and sends UDP responses to the source port', () => {
    const { sent, deliver } = setup({ answer: 486 });
    deliver(invite({ headers: [] }));
    const r = sent[0]!;
    const via = (r.message as SipResponse).topVia!;
    expect(via.params.get('received')).toBe('127.0.0.1'); // sent-by was 192.0.2.10
    expect(via.params.get('rport')).toBe('5062');
    expect(r.to).toEqual({ address: '127.0.0.1', port: 5062, family: 'IPv4' });
  });

  it('without rport, answers to the source address at the sent-by port', () => {
    const { deliver, sent } = setup({ answer: 486 });
    const inv = invite({ port: 5070 });
    const v = inv.topVia!;
    v.params.delete('rport');
    inv.set('Via', `SIP/2.0/UDP 192.0.2.10:5070;branch=${inv.branch}`);
    deliver(inv);
    const res = sent[0]!.message as SipResponse;
    expect(res.topVia!.params.has('rport')).toBe(false);
    expect(responseDestination(res, { address: '127.0.0.1', port: 40000, family: 'IPv4' })).toEqual({ address: '127.0.0.1', port: 5070, family: 'IPv4' });
  });
});
