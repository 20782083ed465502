import { parseMessage, percentDecode, type SipRequest, type SipResponse, type SipUri, type AnySipMessage } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';

/** What the RFC 4475 texts say each valid message means, checked field by field. */
function load(name: string): AnySipMessage {
  const { message } = parseMessage(fixture('sip', 'rfc4475', `${name}.dat`));
  if (!message) throw new Error(`${name} did not parse`);
  return message;
}

const sipUri = (u: unknown): SipUri => {
  expect((u as SipUri).type).toBe('sip');
  return u as SipUri;
};

describe('RFC 4475 valid messages: the parsed facts', () => {
  it('wsinv: folding, LWS everywhere, compact names and escaped quotes (3.1.1.1)', () => {
    const m = load('wsinv') as SipRequest;
    expect(m.method).toBe('INVITE');
    expect(m.to?.params.get('tag')).toBe('1918181833n');
    expect(m.from?.displayName).toBe('J Rosenberg \\"');
    expect(m.fromTag).toBe('98asjd8');
    expect(m.maxForwards).toBe(68);
    expect(m.cseq).toEqual({ seq: 9, method: 'INVITE' });
    expect(m.vias.map((v) => [v.transport, v.host, v.params.get('branch')])).toEqual([
      ['UDP', '192.0.2.2', '390skdjuw'],
      ['TCP', 'spindle.example.com', 'z9hG4bK9ikj8'],
      ['UDP', '192.168.255.111', 'z9hG4bK30239'],
    ]);
    expect(m.value('Subject')).toBe('');
    expect(m.value('NewFangledHeader')).toBe('newfangled value continued newfangled value');
    expect(m.value('UnknownHeaderWithUnusualValue')).toBe(';;,,;;,;');
    const contacts = m.contacts as Exclude<typeof m.contacts, '*'>;
    expect(contacts[0]?.displayName).toBe('Quoted string ""');
    expect(contacts[0]?.params.get('newparam')).toBe('newvalue');
    expect(contacts[0]?.params.get('q')).toBe('0.33');
    expect(m.list('Route')[0]?.uri && sipUri(m.list('Route')[0]!.uri).params.has('lr')).toBe(true);
    expect(m.body.length).toBe(150);
  });

  it('intmeth: every legal character class (3.1.1.2)', () => {
    const m = load('intmeth') as SipRequest;
    expect(m.method).toBe("!interesting-Method0123456789_*+`.%indeed'~");
    expect(m.cseq?.method).toBe(m.method);
    const ruri = sipUri(m.requestUri);
    expect(ruri.user).toBe("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
    expect(ruri.password).toBe("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
    expect(ruri.host).toBe('example.com');
    expect(m.to?.displayName).toBe('BEL:\x07 NUL:\x00 DEL:\x7f');
    expect(m.from?.displayName).toBe("token1~` token2'+_ token3*%!.-");
    expect(m.from?.params.get("fromParam''~+*_!.-%")).toBe('работающий');
    expect(m.fromTag).toBe("_token~1'+`*%!-.");
    expect(m.callId).toBe("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
    expect(m.value("extensionHeader-!.%*+_`'~")).toBe('\uFEFF\u5927\u505C\u96FB');
  });

  it('esc01: escapes are equivalent to their characters (3.1.1.3)', () => {
    const m = load('esc01') as SipRequest;
    expect(percentDecode(sipUri(m.requestUri).user!)).toBe('sips:user@example.com');
    expect(percentDecode(sipUri(m.to!.uri).user!)).toBe('user');
    expect(percentDecode(sipUri(m.from!.uri).user!)).toBe('I have spaces');
    const contact = (m.contacts as Exclude<typeof m.contacts, '*'>)[0]!;
    expect(percentDecode(sipUri(contact.uri).user!)).toBe('caller');
    expect(sipUri(contact.uri).params.items.map((p) => [percentDecode(p.name), p.value && percentDecode(p.value)])).toEqual([
      ['lr', null],
      ['name', 'value%41'],
    ]);
  });

  it('escnull: %00 stays distinct and does not truncate (3.1.1.4)', () => {
    const m = load('escnull');
    const users = m.getAll('Contact').map((f) => sipUri((f.parsed() as Array<{ uri: unknown }>)[0]!.uri).user);
    expect(users).toEqual(['%00', '%00%00']);
    expect(users.map((u) => percentDecode(u!))).toEqual(['\x00', '\x00\x00']);
  });

  it('esc02: % is a token character, nothing is unescaped (3.1.1.5)', () => {
    const m = load('esc02') as SipRequest;
    expect(m.method).toBe('RE%47IST%45R');
    expect(m.getAll('Contact')).toHaveLength(2);
    expect(m.get('C%6Fntact')?.name).toBe('C%6Fntact');
    expect(m.to?.displayName).toBe('%Z%45');
    expect(m.branch).toBe('z9hG4bK209%fzsnel234');
  });

  it('lwsdisp: no space between display name and < (3.1.1.6)', () => {
    const m = load('lwsdisp');
    expect(m.from?.displayName).toBe('caller');
  });

  it('longreq: long values and 34 Via values in every spelling (3.1.1.7)', () => {
    const m = load('longreq');
    expect(m.vias).toHaveLength(34);
    expect(m.getAll('Via').map((f) => f.rawName)).toContain('v');
    expect(m.to?.displayName).toBe(`I have a user name of ${"extreme".repeat(10)} proportion`);
    expect(m.callId!.length).toBeGreaterThan(100);
  });

  it('dblreq: the REGISTER only; the INVITE after it is trailing octets (3.1.1.8)', () => {
    const r = parseMessage(fixture('sip', 'rfc4475', 'dblreq.dat'));
    expect((r.message as SipRequest).method).toBe('REGISTER');
    expect(r.message!.body.length).toBe(0);
    expect(r.problems.find((p) => p.code === 'SIP_TRAILING_OCTETS')?.severity).toBe('warning');
  });

  it('semiuri: ";par=" belongs to the user part (3.1.1.9)', () => {
    const u = sipUri((load('semiuri') as SipRequest).requestUri);
    expect(u.user).toBe('user;par=u%40example.net');
    expect(u.host).toBe('example.com');
    expect(u.params.size).toBe(0);
    expect(load('semiuri').parsed('Accept')?.map((a) => `${a.type}/${a.subtype}`)).toHaveLength(6);
  });

  it('transports: unknown transports are legal (3.1.1.10)', () => {
    expect(load('transports').vias.map((v) => v.transport)).toEqual(['UDP', 'SCTP', 'TLS', 'UNKNOWN', 'TCP']);
  });

  it('mpart01: the body is framed by Content-Length, binary and all (3.1.1.11)', () => {
    const m = load('mpart01');
    expect(m.body.length).toBe(553);
    expect(m.contentType?.type).toBe('multipart');
  });

  it('unreason / noreason: free-form and empty reason phrases (3.1.1.12-13)', () => {
    const u = load('unreason') as SipResponse;
    expect(u.status).toBe(200);
    expect(u.reason).toBe('= 2**3 * 5**2 но сто девяносто девять - простое');
    const n = load('noreason') as SipResponse;
    expect(n.status).toBe(100);
    expect(n.reason).toBe('');
  });

  it('unkscm / novelsc / unksm2: URIs of other schemes stay opaque and valid (3.3.2-4)', () => {
    expect((load('unkscm') as SipRequest).requestUri).toEqual({ type: 'absolute', scheme: 'nobodyknowsthisscheme', opaque: 'totallyopaquecontent' });
    expect((load('novelsc') as SipRequest).requestUri).toMatchObject({ type: 'absolute', scheme: 'soap.beep' });
    const m = load('unksm2');
    expect(m.to?.uri).toMatchObject({ type: 'absolute', scheme: 'isbn', opaque: '2983792873' });
    expect(m.from?.uri).toMatchObject({ type: 'absolute', scheme: 'http' });
  });

  it('regaut01: an unknown auth scheme is well-formed (3.3.7)', () => {
    expect(load('regaut01').parsed('Authorization')).toMatchObject({ scheme: 'NoOneKnowsThisScheme', params: [{ name: 'opaque-data', value: 'here' }] });
  });

  it('cparam01 / cparam02: header param without <>, URI param inside <> (3.3.12-13)', () => {
    const c1 = (load('cparam01').contacts as Array<{ uri: unknown; params: { has(n: string): boolean } }>)[0]!;
    expect(c1.params.has('unknownparam')).toBe(true);
    expect(sipUri(c1.uri).params.has('unknownparam')).toBe(false);
    const c2 = (load('cparam02').contacts as Array<{ uri: unknown; params: { has(n: string): boolean } }>)[0]!;
    expect(c2.params.has('unknownparam')).toBe(false);
    expect(sipUri(c2.uri).params.has('unknownparam')).toBe(true);
  });

  it('regescrt: an escaped header inside <> in Contact (3.3.14)', () => {
    const c = (load('regescrt').contacts as Array<{ uri: unknown }>)[0]!;
    expect(sipUri(c.uri).headers.get('Route')).toBe('%3Csip:sip.example.com%3E');
  });

  it('zeromf / bcast: legal values with semantic hazards (3.3.10-11)', () => {
    expect(load('zeromf').maxForwards).toBe(0);
    expect(load('bcast').vias[1]?.host).toBe('255.255.255.255');
  });
});
