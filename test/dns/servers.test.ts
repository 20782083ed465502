import { DnsError } from '../../src/dns/errors.js';
import { parseResolvConf, readResolvConf } from '../../src/dns/resolv-conf.js';
import { findServer, formatServer, parseServerAddress } from '../../src/dns/server-address.js';

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

describe('DNS server names (dig @ns1.example.com)', () => {
  const lookup = async (name: string) => {
    if (name === 'ns.example.test') return [{ address: '192.0.2.53', family: 4 }, { address: '2001:DB8::53', family: 6 }];
    if (name === 'empty.example.test') return [];
    throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  };

  it('an address needs no lookup', async () => {
    expect((await findServer('192.0.2.1:5353', lookup)).map(formatServer)).toEqual(['192.0.2.1:5353']);
  });

  it('a name is looked up, every address used, the port kept', async () => {
    expect((await findServer('ns.example.test:5353', lookup)).map(formatServer)).toEqual(['192.0.2.53:5353', '[2001:db8::53]:5353']);
  });

  it.each([
    ['missing.example.test', /cannot find the DNS server "missing\.example\.test" \(ENOTFOUND\)/],
    ['empty.example.test', /has no address/],
    ['ns.example.test:0', /1 to 65535/],
    ['bad_name.test', /not an IP address/],
  ])('%s is refused with DNS_ERR_BAD_SERVER', async (text, message) => {
    await expect(findServer(text, lookup)).rejects.toMatchObject({ code: 'DNS_ERR_BAD_SERVER', message: expect.stringMatching(message) });
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
