import { DnsError } from '../../src/dns/errors.js';
import { parseResolvConf, readResolvConf } from '../../src/dns/resolv-conf.js';
import { formatServer, parseServerAddress } from '../../src/dns/server-address.js';

describe('DNS server addresses (--dns-server, @server)', () => {
  it.each([
    ['192.0.2.53', '192.0.2.53:53', 4],
    ['192.0.2.53:5353', '192.0.2.53:5353', 4],
    ['::1', '[::1]:53', 6],
    ['[2001:DB8::0053]:5353', '[2001:db8::53]:5353', 6],
    ['[0:0:0:0:0:0:0:1]', '[::1]:53', 6],
    ['fe80::1%eth0', '[fe80::1%eth0]:53', 6],
  ])('%s → %s', (text, shown, family) => {
    const s = parseServerAddress(text);
    expect(formatServer(s)).toBe(shown);
    expect(s.family).toBe(family);
  });

  it.each([['dns.example.com'], ['192.0.2.53:0'], ['192.0.2.53:65536'], ['192.0.2.53:x'], ['2001:db8::1:53:'], ['[2001:db8::1'], ['[::1]x'], ['']])('refuses %j', (text) => {
    expect(() => parseServerAddress(text)).toThrow(DnsError);
    try {
      parseServerAddress(text);
    } catch (e) {
      expect((e as DnsError).code).toBe('DNS_ERR_BAD_SERVER');
    }
  });
});

describe('resolv.conf', () => {
  it('takes nameservers in order (at most three), timeout and attempts, like glibc', () => {
    const conf = parseResolvConf(['# comment', 'search example.com', 'nameserver 192.0.2.1', 'nameserver 2001:db8::53 ; trailing', 'nameserver not-an-ip', 'nameserver 192.0.2.2', 'nameserver 192.0.2.3', 'options timeout:3 attempts:9 rotate'].join('\n'));
    expect(conf.servers.map(formatServer)).toEqual(['192.0.2.1:53', '[2001:db8::53]:53', '192.0.2.2:53']);
    expect(conf.skipped).toEqual(['not-an-ip']);
    expect(conf.timeoutMs).toBe(3000);
    expect(conf.attempts).toBe(5);
  });

  it('a missing file reads as empty', () => {
    const conf = readResolvConf('/nonexistent/resolv.conf', () => {
      throw new Error('ENOENT');
    });
    expect(conf.servers).toEqual([]);
  });
});
