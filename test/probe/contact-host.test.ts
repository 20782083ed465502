import { contactHostOf } from '../../src/probe/probe-findings.js';

describe('the host of our Contact (for the NAT findings)', () => {
  it.each([
    ['<sip:siptool@192.0.2.1:5060>', '192.0.2.1'],
    ['<sip:siptool@192.0.2.1>', '192.0.2.1'],
    ['<sip:siptool@10.0.0.5:5060;transport=tcp>', '10.0.0.5'],
    ['<sips:siptool@edge.example.com:5061;transport=tls>', 'edge.example.com'],
    ['<sip:siptool@[2001:db8::1]:5060>', '2001:db8::1'],
    ['<sip:siptool@[::1]>', '::1'],
    ['"Probe" <SIP:siptool@203.0.113.5:5080>;expires=60', '203.0.113.5'],
    ['<sip:203.0.113.9:5060>', '203.0.113.9'],
    ['sip:[2001:db8::2]', '2001:db8::2'],
    ['<sip:user:secret@198.51.100.1:5060>', '198.51.100.1'],
    ['<sip:a%40b@198.51.100.2>', '198.51.100.2'],
  ])('%s -> %s', (contact, host) => {
    expect(contactHostOf(contact)).toBe(host);
  });

  it.each([[''], ['<tel:+15551230000>'], ['<sip:>'], ['<sip:siptool@[::1>'], ['<sip:siptool@>']])('none in %j', (contact) => {
    expect(contactHostOf(contact)).toBeUndefined();
  });
});
