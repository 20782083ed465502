import { addressScope, ipaddrScope } from '../../src/explain/util/address-scope.js';

// addressScope reads plain dotted-quad IPv4 addresses itself; every answer must equal ipaddr.js's.
describe('addressScope', () => {
  it('gives the same scope as ipaddr.js at every range boundary and in between', () => {
    const firstOctets = [0, 1, 9, 10, 11, 99, 100, 101, 126, 127, 128, 168, 169, 170, 171, 172, 173, 191, 192, 193, 197, 198, 199, 202, 203, 204, 223, 224, 239, 240, 254, 255];
    const inner = [0, 1, 2, 15, 16, 17, 18, 19, 20, 30, 31, 32, 48, 51, 52, 63, 64, 88, 99, 100, 113, 127, 128, 167, 168, 175, 193, 196, 253, 254, 255];
    const wrong: string[] = [];
    let n = 0;
    for (const a of firstOctets) {
      for (const b of inner) {
        for (const c of inner) {
          for (const d of [0, 1, 255]) {
            const ip = `${a}.${b}.${c}.${d}`;
            if (addressScope(ip) !== ipaddrScope(ip)) wrong.push(ip);
            n++;
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(n).toBeGreaterThan(90_000);
  });

  it('agrees with ipaddr.js on random addresses and on spellings it leaves to ipaddr.js', () => {
    let seed = 42;
    const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256;
    const wrong: string[] = [];
    for (let k = 0; k < 20_000; k++) {
      const ip = `${next()}.${next()}.${next()}.${next()}`;
      if (addressScope(ip) !== ipaddrScope(ip)) wrong.push(ip);
    }
    expect(wrong).toEqual([]);
    const odd = ['010.0.0.1', '0x0a.0.0.1', '10.1', '167772161', '1.2.3', '1.2.3.4.5', '256.1.1.1', '1.2.3.04', '[::1]', '::ffff:10.0.0.1', '[::ffff:192.168.1.1]', 'fe80::1', 'fd00::1', '2001:db8::1', '::', 'example.com', '', '1..2.3', '1.2.3.4 ', 'a.b.c.d', '1234.1.1.1', '00.0.0.0'];
    for (const ip of odd) expect([ip, addressScope(ip)]).toEqual([ip, ipaddrScope(ip)]);
    expect(addressScope('10.1.2.3')).toBe('private');
    expect(addressScope('100.64.0.1')).toBe('cgnat');
    expect(addressScope('203.0.113.9')).toBe('reserved');
    expect(addressScope('8.8.8.8')).toBe('public');
  });
});

describe('isPlainIpv4 and internalHostName', () => {
  it('reads only canonical dotted quads as plain IPv4 (no name: internalHostName says nothing)', async () => {
    const { isPlainIpv4 } = await import('../../src/explain/util/address-scope.js');
    const { internalHostName } = await import('../../src/explain/util/hosts.js');
    for (const ip of ['10.0.0.1', '0.0.0.0', '255.255.255.255', '192.168.1.1']) {
      expect([ip, isPlainIpv4(ip), internalHostName(ip)]).toEqual([ip, true, undefined]);
    }
    for (const host of ['010.0.0.1', '1.2.3', '1.2.3.4.5', '256.1.1.1', '1.2.3.4 ', '1.2.3.4.', 'a.b.c.d', '1.2.3.local', '3com', '[::1]', '']) expect([host, isPlainIpv4(host)]).toEqual([host, false]);
    expect(internalHostName('1.2.3.local')).toBe('an mDNS/LAN name (.local)');
    expect(internalHostName('3com')).toBe('a single-label name that public DNS cannot resolve');
    expect(internalHostName('LOCALHOST')).toBe('the loopback name localhost');
    expect(internalHostName('sip.carrier.example')).toBeUndefined();
  });
});
