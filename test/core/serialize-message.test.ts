import { parseMessage, parseMessages, rebuildMessage, serializeMessage, type AnySipMessage } from '../../src/index.js';
import { fixture, fixtureNames } from '../helpers/fixtures.js';

/** Every SIP fixture: RFC 4475, RFC 5118-style IPv6, real-world messages and flows. */
const files = [
  ...fixtureNames('sip/rfc4475', '.dat').map((f) => ['sip/rfc4475', f]),
  ...fixtureNames('sip/ipv6', '.sip').map((f) => ['sip/ipv6', f]),
  ...fixtureNames('sip/real', '.sip').map((f) => ['sip/real', f]),
] as Array<[string, string]>;

function facts(m: AnySipMessage): unknown {
  return {
    start: m.kind === 'request' ? [m.method, m.uri] : [m.status, m.reason],
    // rebuilding fixes Content-Length (RFC 3261 §20.14), so it is the one header allowed to change
    headers: m.headers.filter((h) => h.name !== 'Content-Length').map((h) => [h.name, h.value]),
    body: m.body.toString('base64'),
  };
}

describe('serialize(parse(x))', () => {
  it.each(files)('%s/%s: an unmodified message comes back byte-identical', (dir, file) => {
    const input = fixture(dir, file);
    for (const { message, start, end } of parseMessages(input).entries) {
      if (!message) continue;
      const src = message.source!;
      expect(serializeMessage(message).equals(input.subarray(src.start, src.end))).toBe(true);
      expect(src.start).toBeGreaterThanOrEqual(start);
      expect(src.end).toBeLessThanOrEqual(end);
    }
  });

  it.each(files)('%s/%s: the rebuilt message parses to the same facts, and rebuilding is stable', (dir, file) => {
    for (const { message } of parseMessages(fixture(dir, file)).entries) {
      if (!message) continue;
      const once = rebuildMessage(message);
      const again = parseMessage(once).message!;
      expect(facts(again)).toEqual(facts(message));
      const twice = rebuildMessage(again);
      expect(twice.equals(once)).toBe(true);
    }
  });
});

describe('editing a parsed message', () => {
  const input = fixture('sip', 'real', 'invite-carrier.sip');

  it('rewrites only what changed and fixes Content-Length', () => {
    const m = parseMessage(input).message!;
    m.set('Max-Forwards', '69');
    m.set('Content-Type', 'text/plain');
    m.body = 'v=0\r\n';
    const out = serializeMessage(m).toString('latin1');
    expect(out).toContain('Max-Forwards: 69\r\n');
    expect(out).toContain('Content-Length: 5\r\n');
    expect(out).toContain('From: "Acme Support" <sip:+14155550100@app.example.com;user=phone>;tag=9fxced76sl\r\n');
    expect(out.endsWith('\r\n\r\nv=0\r\n')).toBe(true);
    expect(parseMessage(out).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('adds a missing Content-Length, keeps it with contentLength "keep"', () => {
    const m = parseMessage('OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n').message!;
    m.append('X-Test', '1');
    expect(serializeMessage(m).toString()).toContain('X-Test: 1\r\nContent-Length: 0\r\n\r\n');
    expect(serializeMessage(m, { contentLength: 'keep' }).toString()).not.toContain('Content-Length');
  });

  it('prepend puts a new top Via above the old ones; remove drops every field of a name', () => {
    const m = parseMessage(input).message!;
    m.prepend('Via', 'SIP/2.0/TCP proxy.example.com;branch=z9hG4bKnew');
    expect(m.vias.map((v) => v.host)).toEqual(['proxy.example.com', '198.51.100.20']);
    expect(m.remove('v')).toBe(2);
    expect(m.vias).toEqual([]);
  });

  it('changing the start line rewrites it, other lines stay as written', () => {
    const folded = fixture('sip', 'real', 'compact-folded.sip');
    const m = parseMessage(folded).message!;
    if (m.kind !== 'request') throw new Error('request expected');
    m.uri = 'sip:carol@chicago.example.com';
    const out = serializeMessage(m).toString('latin1');
    expect(out.startsWith('INVITE sip:carol@chicago.example.com SIP/2.0\r\nv: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9\r\n   ;received=192.0.2.101\r\n')).toBe(true);
  });
});
