import { HEADER_PARSERS, authParam, type KnownHeader, type ValueProblem } from '../../../src/index.js';

/** Parses a header value the way a message does; returns the value and the problem codes. */
function p<K extends KnownHeader>(name: K, text: string): { value: ReturnType<(typeof HEADER_PARSERS)[K]>; codes: string[]; problems: ValueProblem[] } {
  const problems: ValueProblem[] = [];
  const value = (HEADER_PARSERS[name] as (t: string, r: (c: never, m: string, i: number) => void) => unknown)(text, (code, message, index) => problems.push({ code, message, index })) as ReturnType<(typeof HEADER_PARSERS)[K]>;
  return { value, codes: problems.map((x) => x.code), problems };
}

describe('name-addr / addr-spec (RFC 3261 §20.10, §25.1)', () => {
  it.each([
    ['"Alice Liddell" <sip:alice@wonderland.example>;tag=88sja8x', 'Alice Liddell', 'sip:alice@wonderland.example', true, { tag: '88sja8x' }],
    ['Alice <sip:alice@example.com>', 'Alice', 'sip:alice@example.com', true, {}],
    ['Two Tokens <sip:a@example.com>', 'Two Tokens', 'sip:a@example.com', true, {}],
    ['<sip:a@example.com>;tag=1;x', null, 'sip:a@example.com', true, { tag: '1', x: null }],
    ['sip:a@example.com;tag=1', null, 'sip:a@example.com', false, { tag: '1' }],
    ['"" <sip:a@example.com>', '', 'sip:a@example.com', true, {}],
    ['"Quote \\"q\\" and \\\\" <tel:+15551234567>', 'Quote "q" and \\', 'tel:+15551234567', true, {}],
    ['"Zoë Ünïcode" <sip:z@example.com>', 'Zoë Ünïcode', 'sip:z@example.com', true, {}],
  ])('%s', (text, display, uri, bracketed, params) => {
    const latin1 = Buffer.from(text, 'utf8').toString('latin1');
    const { value, codes } = p('From', latin1);
    expect(codes).toEqual([]);
    expect(value.displayName).toBe(display);
    expect(value.uriText).toBe(uri);
    expect(value.bracketed).toBe(bracketed);
    expect(value.params.toObject()).toEqual(params);
  });

  it.each([
    ['"Unclosed <sip:a@example.com>', 'SIP_UNTERMINATED_QUOTE'],
    ['Bell, Alexander <sip:a@example.com>', 'SIP_DISPLAY_NAME_UNQUOTED'],
    ['< sip:a@example.com >', 'SIP_ADDR_SPEC_WHITESPACE'],
    ['sip:a@example.com?Route=%3Csip:b%3E', 'SIP_ADDR_SPEC_NEEDS_BRACKETS'],
    ['sip:a;par=1@example.com', 'SIP_ADDR_SPEC_NEEDS_BRACKETS'],
    ['<sip:a@example.com', 'SIP_HEADER_SYNTAX'],
    ['<sip:a@example.com>;;tag=1', 'SIP_EMPTY_PARAMETER'],
    ['<sip:a@example.com> junk', 'SIP_HEADER_SYNTAX'],
    ['"Name" sip:a@example.com', 'SIP_HEADER_SYNTAX'],
    ['<a@example.com>', 'SIP_URI_INVALID'],
  ])('%s reports %s', (text, code) => {
    expect(p('To', text).codes).toContain(code);
  });

  it('recovers the URI after an unterminated quote', () => {
    const { value } = p('To', '"Mr. J. User <sip:j.user@example.com>');
    expect(value.uriText).toBe('sip:j.user@example.com');
  });

  it('splits Contact lists only at commas outside quotes and <>', () => {
    const { value, codes } = p('Contact', '"Doe, John" <sip:a,b@example.com;x=1>;q=0.7, <sip:b@example.com>;expires=60,sip:c@example.com');
    expect(codes).toEqual([]);
    expect(Array.isArray(value) && value.map((v) => v.uriText)).toEqual(['sip:a,b@example.com;x=1', 'sip:b@example.com', 'sip:c@example.com']);
    expect(Array.isArray(value) && value[0]!.displayName).toBe('Doe, John');
  });

  it('reads the Contact wildcard', () => {
    expect(p('Contact', ' * ').value).toBe('*');
  });

  it('reports empty list elements', () => {
    expect(p('Route', '<sip:a@example.com;lr>,,<sip:b@example.com;lr>').codes).toEqual(['SIP_EMPTY_LIST_ELEMENT']);
  });
});

describe('Via (RFC 3261 §20.42, RFC 3581)', () => {
  it('reads sent-protocol, sent-by and every well-known param', () => {
    const { value, codes } = p('Via', 'SIP/2.0/UDP pc33.atlanta.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=41000;maddr=224.2.0.1;ttl=16');
    expect(codes).toEqual([]);
    expect(value).toHaveLength(1);
    expect(value[0]).toMatchObject({ protocol: 'SIP', version: '2.0', transport: 'UDP', host: 'pc33.atlanta.com', port: 5066 });
    expect(value[0]!.params.toObject()).toEqual({ branch: 'z9hG4bK776asdhds', received: '192.0.2.1', rport: '41000', maddr: '224.2.0.1', ttl: '16' });
  });

  it('reads several values on one line, rport without a value, lower-case transports', () => {
    const { value, codes } = p('Via', 'SIP/2.0/ws df7jal23ls0d.invalid;branch=z9hG4bKa;rport, SIP/2.0/TLS [2001:db8::1]:5061;branch=z9hG4bKb');
    expect(codes).toEqual([]);
    expect(value.map((v) => [v.transport, v.host, v.params.get('rport')])).toEqual([
      ['WS', 'df7jal23ls0d.invalid', null],
      ['TLS', '[2001:db8::1]', undefined],
    ]);
  });

  it.each([
    ['SIP/2.0 host;branch=z9hG4bKa', 'SIP_HEADER_SYNTAX'],
    ['SIP/2.0/UDP', 'SIP_HEADER_SYNTAX'],
    ['SIP/3.0/UDP host;branch=z9hG4bKa', 'SIP_VERSION_UNSUPPORTED'],
    ['SIP/2.0/UDP host:99999;branch=z9hG4bKa', 'SIP_VALUE_OUT_OF_RANGE'],
    ['SIP/2.0/UDP host;ttl=300', 'SIP_VALUE_OUT_OF_RANGE'],
    ['SIP/2.0/UDP host;received=not-an-ip', 'SIP_HEADER_SYNTAX'],
    ['SIP/2.0/UDP host;rport=abc', 'SIP_HEADER_SYNTAX'],
    ['SIP/2.0/UDP host;branch=', 'SIP_HEADER_SYNTAX'],
    ['SIP/2.0/UDP ho$t;branch=z9hG4bKa', 'SIP_HEADER_SYNTAX'],
  ])('%s reports %s', (text, code) => {
    expect(p('Via', text).codes).toContain(code);
  });
});

describe('other structured headers', () => {
  it('CSeq with leading zeros and folding whitespace', () => {
    expect(p('CSeq', '0009\r\n  INVITE'.replace(/[\r\n]/g, ' ')).value).toEqual({ seq: 9, method: 'INVITE' });
  });

  it.each([
    ['CSeq', 'INVITE', 'SIP_HEADER_SYNTAX'],
    ['CSeq', '1', 'SIP_HEADER_SYNTAX'],
    ['CSeq', '2147483648 INVITE', 'SIP_VALUE_OUT_OF_RANGE'],
    ['Max-Forwards', '256', 'SIP_VALUE_OUT_OF_RANGE'],
    ['Max-Forwards', '-1', 'SIP_HEADER_SYNTAX'],
    ['Expires', '4294967296', 'SIP_VALUE_OUT_OF_RANGE'],
    ['Content-Length', 'ten', 'SIP_HEADER_SYNTAX'],
    ['RSeq', '', 'SIP_HEADER_SYNTAX'],
    ['RAck', '1 INVITE', 'SIP_HEADER_SYNTAX'],
    ['Date', 'Fri, 01 Jan 2010 16:00:00 EST', 'SIP_DATE_INVALID'],
    ['Date', 'Friday 01 Jan 2010', 'SIP_DATE_INVALID'],
    ['Date', 'Fri, 31 Feb 2010 16:00:00 GMT', 'SIP_DATE_INVALID'],
    ['Warning', '1812 overture "In Progress"', 'SIP_WARNING_CODE_INVALID'],
    ['Warning', '399 host unquoted', 'SIP_HEADER_SYNTAX'],
    ['Retry-After', '949302838503028349304023988', 'SIP_VALUE_OUT_OF_RANGE'],
    ['Retry-After', 'soon', 'SIP_HEADER_SYNTAX'],
    ['Content-Type', 'application', 'SIP_HEADER_SYNTAX'],
    ['Supported', 'timer, 100rel, bad/token', 'SIP_HEADER_SYNTAX'],
    ['Privacy', 'id;;header', 'SIP_HEADER_SYNTAX'],
    ['Session-Expires', 'abc;refresher=uac', 'SIP_HEADER_SYNTAX'],
    ['Call-ID', 'a b', 'SIP_HEADER_SYNTAX'],
    ['Call-ID', 'a@b@c', 'SIP_HEADER_SYNTAX'],
    ['Authorization', 'Digest username="a" realm="b"', 'SIP_HEADER_SYNTAX'],
    ['WWW-Authenticate', 'Digest realm="unclosed', 'SIP_UNTERMINATED_QUOTE'],
  ] as Array<[KnownHeader, string, string]>)('%s: %s reports %s', (name, text, code) => {
    expect(p(name, text).codes).toContain(code);
  });

  it('digest challenges keep commas inside quoted values (RFC 8760)', () => {
    const { value, codes } = p('WWW-Authenticate', 'Digest realm="biloxi.com", qop="auth,auth-int", algorithm=SHA-512-256, nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41", stale=TRUE');
    expect(codes).toEqual([]);
    expect(value!.scheme).toBe('Digest');
    expect(authParam(value!, 'qop')).toBe('auth,auth-int');
    expect(authParam(value!, 'ALGORITHM')).toBe('SHA-512-256');
    expect(authParam(value!, 'stale')).toBe('TRUE');
  });

  it('digest credentials', () => {
    const { value, codes } = p('Proxy-Authorization', 'Digest username="bob", realm="atlanta.example.com", nonce="c60f3082ee1212b402a21831ae", uri="sip:bob@biloxi.example.com", response="245f23415f11432b3434341c022", algorithm=MD5, qop=auth, nc=00000001, cnonce="0a4f113b"');
    expect(codes).toEqual([]);
    expect(value!.params.map((x) => x.name)).toEqual(['username', 'realm', 'nonce', 'uri', 'response', 'algorithm', 'qop', 'nc', 'cnonce']);
    expect(authParam(value!, 'nc')).toBe('00000001');
  });

  it('Retry-After with a comment and duration, Session-Expires with refresher, RAck, Reason list', () => {
    expect(p('Retry-After', '120 (scheduled maintenance);duration=1800').value).toMatchObject({ seconds: 120, comment: 'scheduled maintenance' });
    const se = p('Session-Expires', '1800;refresher=uac').value;
    expect([se.value, se.params.get('refresher')]).toEqual(['1800', 'uac']);
    expect(p('RAck', '776656 1 INVITE').value).toEqual({ rseq: 776656, cseq: 1, method: 'INVITE' });
    const reasons = p('Reason', 'Q.850;cause=16;text="Normal call clearing", SIP;cause=200;text="Call completed elsewhere"').value;
    expect(reasons.map((r) => [r.value, r.params.get('cause'), r.params.get('text')])).toEqual([
      ['Q.850', '16', 'Normal call clearing'],
      ['SIP', '200', 'Call completed elsewhere'],
    ]);
  });

  it('token lists: Allow, Supported, Require; Privacy with ";"', () => {
    expect(p('Allow', 'INVITE, ACK,CANCEL ,BYE').value).toEqual(['INVITE', 'ACK', 'CANCEL', 'BYE']);
    expect(p('Supported', '').value).toEqual([]);
    expect(p('Privacy', 'id; header ;user').value).toEqual(['id', 'header', 'user']);
  });

  it('Content-Type and Accept with parameters', () => {
    expect(p('Content-Type', 'multipart/mixed; boundary="unique-boundary-1"').value).toMatchObject({ type: 'multipart', subtype: 'mixed' });
    expect(p('Content-Type', 'Application/SDP').value).toMatchObject({ type: 'application', subtype: 'sdp' });
    expect(p('Accept', 'application/sdp;level=1, application/x-private, text/html').value.map((m) => m.subtype)).toEqual(['sdp', 'x-private', 'html']);
  });

  it('Warning values and Date in GMT', () => {
    expect(p('Warning', '307 isi.edu "Session parameter \'foo\' not understood", 301 isi.edu "Incompatible network address type \'E.164\'"').value.map((w) => w.code)).toEqual([307, 301]);
    expect(p('Date', 'Sat, 13 Nov 2010 23:29:00 GMT').value?.toISOString()).toBe('2010-11-13T23:29:00.000Z');
    expect(p('Date', 'Fri, 01 Jan 2010 16:00:00 EST').value).toBeNull();
    expect(p('Date', 'Mon, 13 Nov 2010 23:29:00 GMT').codes).toEqual(['SIP_DATE_INVALID']);
  });
});

describe('HeaderField.values(): list splitting by header kind', () => {
  it('splits list headers at commas outside quotes and <>, keeps literal commas elsewhere', async () => {
    const { parseMessage } = await import('../../../src/index.js');
    const m = parseMessage(
      'OPTIONS sip:a@example.com SIP/2.0\r\nAccept-Encoding: gzip, identity\r\nContact: "Doe, J" <sip:a,b@example.com>, <sip:c@example.com>\r\nWWW-Authenticate: Digest realm="a", nonce="b"\r\nDate: Sat, 13 Nov 2010 23:29:00 GMT\r\nX-Custom: one, two\r\n\r\n',
    ).message!;
    expect(m.get('Accept-Encoding')!.values()).toEqual(['gzip', 'identity']);
    expect(m.get('Contact')!.values()).toEqual(['"Doe, J" <sip:a,b@example.com>', '<sip:c@example.com>']);
    expect(m.get('WWW-Authenticate')!.values()).toEqual(['Digest realm="a", nonce="b"']);
    expect(m.get('Date')!.values()).toEqual(['Sat, 13 Nov 2010 23:29:00 GMT']);
    expect(m.get('X-Custom')!.values()).toEqual(['one, two']);
  });
});
