import { buildRequest, buildResponse, parseMessage, seededRandom, serializeMessage, InvalidArgumentError, type SipRequest } from '../../src/index.js';

const spec = {
  method: 'INVITE',
  uri: 'sip:+12293160013@trunk.carrier.example.com;user=phone',
  from: '"Acme" <sip:+14155550100@app.example.com;user=phone>',
  to: { uri: 'sip:+12293160013@trunk.carrier.example.com;user=phone' },
  via: { transport: 'udp', host: '198.51.100.20', port: 5060 },
  contact: '<sip:app@198.51.100.20:5060>',
  headers: [['User-Agent', 'siptool-test']] as Array<[string, string]>,
  body: 'v=0\r\no=- 1 1 IN IP4 198.51.100.20\r\ns=-\r\nc=IN IP4 198.51.100.20\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n',
  contentType: 'application/sdp',
};

describe('buildRequest (RFC 3261 §8.1.1)', () => {
  it('builds a request with every mandatory header, a z9hG4bK branch and a From tag', () => {
    const req = buildRequest(spec, { random: seededRandom(7) });
    const text = serializeMessage(req).toString();
    const reparsed = parseMessage(text);
    expect(reparsed.problems).toEqual([]);
    const m = reparsed.message as SipRequest;
    expect(m.method).toBe('INVITE');
    expect(m.maxForwards).toBe(70);
    expect(m.branch).toMatch(/^z9hG4bK[a-z0-9]{16}$/);
    expect(m.topVia).toMatchObject({ transport: 'UDP', host: '198.51.100.20', port: 5060 });
    expect(m.topVia!.params.has('rport')).toBe(true);
    expect(m.fromTag).toMatch(/^[a-z0-9]{10}$/);
    expect(m.toTag).toBeUndefined();
    expect(m.cseq).toEqual({ seq: 1, method: 'INVITE' });
    expect(m.callId).toMatch(/^[a-z0-9]{24}$/);
    expect(m.value('User-Agent')).toBe('siptool-test');
    expect(m.contentLength).toBe(Buffer.byteLength(spec.body));
    expect(text.split('\r\n').slice(0, 7).map((l) => l.split(':')[0])).toEqual(['INVITE sip', 'Via', 'Max-Forwards', 'From', 'To', 'Call-ID', 'CSeq']);
  });

  it('is reproducible with an injected random source and differs without one', () => {
    const a = serializeMessage(buildRequest(spec, { random: seededRandom(42) }));
    const b = serializeMessage(buildRequest(spec, { random: seededRandom(42) }));
    const c = serializeMessage(buildRequest(spec));
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('brackets an IPv6 Via host', () => {
    const req = buildRequest({ ...spec, body: undefined, via: { transport: 'TCP', host: '2001:db8::5', port: 5060 } });
    expect(req.topVia).toMatchObject({ host: '[2001:db8::5]', hostType: 'ipv6' });
  });

  it.each([
    [{ method: 'BAD METHOD' }, 'method'],
    [{ from: 'not an address' }, 'From'],
    [{ cseq: 2 ** 31 }, 'CSeq'],
    [{ contentType: undefined }, 'contentType'],
  ])('refuses bad specs with a typed error (%o)', (patch, what) => {
    expect(() => buildRequest({ ...spec, ...patch } as typeof spec)).toThrow(InvalidArgumentError);
    expect(() => buildRequest({ ...spec, ...patch } as typeof spec)).toThrow(what);
  });
});

describe('buildResponse (RFC 3261 §8.2.6)', () => {
  const req = parseMessage(
    'INVITE sip:bob@biloxi.example.com SIP/2.0\r\nVia: SIP/2.0/UDP proxy.example.com;branch=z9hG4bKp1\r\nv: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKc1;rport=5060;received=192.0.2.1\r\nRecord-Route: <sip:proxy.example.com;lr>\r\nMax-Forwards: 69\r\nFrom: <sip:alice@atlanta.example.com>;tag=a1\r\nTo: <sip:bob@biloxi.example.com>\r\nCall-ID: c1@192.0.2.1\r\nCSeq: 7 INVITE\r\nTimestamp: 54\r\nContent-Length: 0\r\n\r\n',
  ).message as SipRequest;

  it('copies Vias in order, From, Call-ID, CSeq; adds a To tag', () => {
    const res = buildResponse(req, 180, { toTag: 'b2', contact: '<sip:bob@192.0.2.4>' });
    const m = parseMessage(serializeMessage(res)).message!;
    expect(m.kind === 'response' && [m.status, m.reason]).toEqual([180, 'Ringing']);
    expect(m.vias.map((v) => v.params.get('branch'))).toEqual(['z9hG4bKp1', 'z9hG4bKc1']);
    expect(m.vias[1]!.params.get('received')).toBe('192.0.2.1');
    expect([m.fromTag, m.toTag, m.callId, m.cseq]).toEqual(['a1', 'b2', 'c1@192.0.2.1', { seq: 7, method: 'INVITE' }]);
    expect(m.list('Record-Route')).toHaveLength(1);
  });

  it('100 Trying gets no To tag but echoes Timestamp', () => {
    const m = buildResponse(req, 100);
    expect(m.toTag).toBeUndefined();
    expect(m.value('Timestamp')).toBe('54');
    expect(m.list('Record-Route')).toHaveLength(0);
  });

  it('keeps an existing To tag and uses the default reason phrase', () => {
    const inDialog = parseMessage(serializeMessage(req).toString().replace('To: <sip:bob@biloxi.example.com>', 'To: <sip:bob@biloxi.example.com>;tag=x9')).message as SipRequest;
    const res = buildResponse(inDialog, 486);
    expect([res.toTag, res.reason]).toEqual(['x9', 'Busy Here']);
    expect(() => buildResponse(req, 99)).toThrow(InvalidArgumentError);
  });
});

describe('builders refuse what would produce a broken or injected message', () => {
  it.each([
    [{ uri: 'sip:user@exa mple.com' }, 'Request-URI'],
    [{ maxForwards: 999 }, 'Max-Forwards'],
    [{ headers: [['X-Note', 'hi\r\nVia: SIP/2.0/UDP evil.example']] as Array<[string, string]> }, 'line break'],
    [{ headers: [['Bad Name', 'x']] as Array<[string, string]> }, 'not a token'],
  ])('%o', (patch, what) => {
    expect(() => buildRequest({ ...spec, ...patch } as typeof spec)).toThrow(InvalidArgumentError);
    expect(() => buildRequest({ ...spec, ...patch } as typeof spec)).toThrow(what);
  });

  it('message.set() and HeaderField.setValue() refuse CR/LF too', () => {
    const m = buildRequest(spec, { random: seededRandom(1) });
    expect(() => m.set('Subject', 'a\nb')).toThrow(InvalidArgumentError);
    expect(() => m.get('To')!.setValue('<sip:a@b>\r\nX: y')).toThrow(InvalidArgumentError);
  });
});
