import { canonicalColonAt, canonicalName, COMPACT_FORMS, isKnownHeader } from '../../src/core/header-names.js';

// every canonical name siptool knows, as the spellings on the wire of a long capture show them
const SAMPLE = ['Via', 'From', 'To', 'Call-ID', 'CSeq', 'Contact', 'Max-Forwards', 'Content-Length', 'Content-Type', 'Record-Route', 'WWW-Authenticate', 'MIME-Version', 'RSeq', 'RAck', 'SIP-ETag', 'User-to-User', 'P-Asserted-Identity', 'Session-Expires', 'Min-SE', 'Allow-Events', 'Identity-Info'];

describe('header names', () => {
  it('canonicalName maps any case of a known name, and compact forms, to one spelling', () => {
    for (const name of SAMPLE) {
      for (const spelling of [name, name.toLowerCase(), name.toUpperCase(), name[0]!.toLowerCase() + name.slice(1)]) expect([spelling, canonicalName(spelling)]).toEqual([spelling, name]);
      expect(isKnownHeader(name.toLowerCase())).toBe(true);
    }
    for (const [short, long] of Object.entries(COMPACT_FORMS)) {
      expect(canonicalName(short)).toBe(long);
      expect(canonicalName(short.toUpperCase())).toBe(long);
    }
  });

  it('keeps unknown names as written, and knows nothing of them', () => {
    for (const name of ['X-Custom', 'x-custom', 'Vía', 'Via-', 'Vi', 'q', 'Constructor', 'constructor', '__proto__', 'toString', '', '-Via', '1Via', 'Froms']) {
      expect([name, canonicalName(name)]).toEqual([name, name]);
      expect([name, isKnownHeader(name)]).toEqual([name, false]);
    }
    // the Kelvin sign lower-cases to ASCII "k", the compact form of Supported, as a table lookup did
    expect(canonicalName('\u212a')).toBe('Supported');
  });

  it('canonicalColonAt finds an exact name followed by a colon, and nothing else', () => {
    const at = (text: string): string | undefined => canonicalColonAt(Buffer.from(text, 'latin1'), 0, text.length);
    expect(at('Via: x')).toBe('Via');
    expect(at('CSeq: 1 INVITE')).toBe('CSeq');
    expect(at('WWW-Authenticate: Digest')).toBe('WWW-Authenticate');
    expect(at('via: x')).toBeUndefined();
    expect(at('Via : x')).toBeUndefined();
    expect(at('Viaa: x')).toBeUndefined();
    expect(at('X-Via: x')).toBeUndefined();
    expect(at('\u00e9: x')).toBeUndefined();
    expect(at('Via')).toBeUndefined();
  });
});
