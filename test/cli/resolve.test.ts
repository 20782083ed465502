import { loadZone, TestDnsServer, type Zone } from '../helpers/dns-server.js';
import { runCli, runCliAsync } from '../helpers/run-cli.js';

const STACK = /^\s+at .+\(.+:\d+:\d+\)$/m;

/** Runs `siptool resolve` against the in-process server serving `zone`. */
async function resolveCli(zone: string | Zone, args: string[], env?: Record<string, string | undefined>) {
  const server = await TestDnsServer.start(typeof zone === 'string' ? loadZone(zone) : zone);
  try {
    return await runCliAsync(['resolve', '--dns-server', `127.0.0.1:${server.port}`, '--timeout', '300', '--tries', '1', ...args], { env });
  } finally {
    await server.stop();
  }
}

describe('siptool resolve', () => {
  it('prints the tree, the failover list, the findings and a summary; exit 0', async () => {
    const r = await resolveCli('full', ['carrier.test']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    // order of the sections
    expect(at(/^sip:carrier\.test {2}· {2}no port, no transport/)).toBe(0);
    expect(at(/carrier\.test\. NAPTR/)).toBeLessThan(at(/^failover order/));
    expect(at(/^failover order/)).toBeLessThan(at(/^findings/));
    expect(at(/^findings/)).toBeLessThan(at(/targets · \d+ queries/));
    // the tree goes NAPTR → SRV → A/AAAA with TTLs and timings
    expect(r.stdout).toMatch(/├── 10 50 "s" "SIPS\+D2T" "" _sips\._tcp\.carrier\.test\. {2}ttl 3600 TLS/);
    expect(r.stdout).toMatch(/│ {3}└── _sips\._tcp\.carrier\.test\. SRV {2}NOERROR 3 records · [\d.]+ ms/);
    expect(r.stdout).toMatch(/edge1\.carrier\.test\. A 192\.0\.2\.11 {2}ttl 3600 · [\d.]+ ms/);
    expect(r.stdout).toMatch(/no SRV records under carrier\.test: .*_sips\._tls/);
    expect(r.stderr).toBe('');
  });

  it('exit 1 when nothing resolves, with the reason', async () => {
    const r = await resolveCli('dot-target', ['dot.test']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error\s+sip:dot\.test resolves to no target: every SRV set on the way says "\."/);
    expect(r.stdout).toMatch(/└── 0 0 0 \. {2}ttl 3600 · "\." = service not available/);
  });

  it('exit 1 on an error-level finding even with targets', async () => {
    const r = await resolveCli('dangling-naptr', ['dangling.test']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/DNS_NAPTR_DANGLING/);
  });

  it('--json prints the documented schema', async () => {
    const r = await resolveCli('full', ['--json', '--stacks', 'sips:alice@carrier.test']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ schema: 'siptool.resolve/1', input: 'sips:alice@carrier.test', procedure: 'naptr', target: { scheme: 'sips', host: 'carrier.test' } });
    for (const t of doc.targets) expect(Object.keys(t)).toEqual(expect.arrayContaining(['transport', 'host', 'address', 'port', 'chain']));
    expect(doc.targets.every((t: { transport: string }) => t.transport === 'tls')).toBe(true);
    for (const f of doc.findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(['code', 'severity', 'message', 'ref', 'fix']));
    expect(doc.stacks).toHaveLength(4);
    expect(doc.summary).toMatchObject({ targets: doc.targets.length, roundTrips: expect.any(Number), queries: expect.any(Number) });
    expect(r.stderr).toBe('');
  });

  it('--stacks adds the comparison; without it there is none', async () => {
    const withStacks = await resolveCli('full', ['--stacks', 'carrier.test']);
    expect(withStacks.stdout).toMatch(/how common SIP stacks would resolve this/);
    expect(withStacks.stdout).toMatch(/^ {2}Kamailio \(dns_try_naptr=1\) +UDP 192\.0\.2\.11:5060/m);
    const without = await resolveCli('full', ['--json', 'carrier.test']);
    expect(JSON.parse(without.stdout).stacks).toBeUndefined();
  });

  it('--transport, -4 and --min-severity', async () => {
    const r = await resolveCli('full', ['--transport', 'tcp', '-4', '--json', 'carrier.test']);
    const doc = JSON.parse(r.stdout);
    expect(doc.procedure).toBe('srv');
    expect(doc.targets.every((t: { transport: string; family: number }) => t.transport === 'tcp' && t.family === 4)).toBe(true);
    const quiet = await resolveCli('private', ['--min-severity', 'error', 'private.test']);
    expect(quiet.stdout).not.toMatch(/DNS_TTL_ZERO/);
    expect(quiet.stdout).toMatch(/none.*below --min-severity error/);
  });

  it('--tcp queries over TCP only', async () => {
    const r = await resolveCli('full', ['--tcp', '--json', 'carrier.test']);
    const doc = JSON.parse(r.stdout);
    expect(doc.srv.every((s: { lookup: { queries: Array<{ protocol: string }> } }) => s.lookup.queries.every((q) => q.protocol === 'tcp'))).toBe(true);
  });

  it('a hostile server gives findings, never a stack trace', async () => {
    const zone: Zone = { ...loadZone('full'), behaviours: [{ action: 'compression-loop' }] };
    const r = await resolveCli(zone, ['carrier.test']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/DNS_MALFORMED_ANSWER/);
    expect(r.stdout + r.stderr).not.toMatch(STACK);
  });

  describe('exit 2 with one clear line for usage errors', () => {
    it.each([
      [['resolve'], /missing required argument 'target'/],
      [['resolve', '--bogus', 'example.com'], /unknown option '--bogus'/],
      [['resolve', '--transport', 'carrier-pigeon', 'example.com'], /argument 'carrier-pigeon' is invalid/],
      [['resolve', '--dns-server', 'dns_server.example', 'example.com'], /^siptool: "dns_server\.example" is not an IP address.*\n {2}hint: give the DNS server as an address/],
      [['resolve', '@2001:db8::1:53:x', 'example.com'], /not an address: put an IPv6 address in brackets/],
      [['resolve', '--dns-server', '192.0.2.53:99999', 'example.com'], /the port must be a number from 1 to 65535/],
      [['resolve', 'example.com', 'example.net'], /one target at a time, got 2/],
      [['resolve', 'a.example.com,b.example.com'], /looks like a list of targets/],
      [['resolve', '192.0.2.0/24'], /looks like a CIDR range/],
      [['resolve', '192.0.2.1-192.0.2.9'], /looks like an address range/],
      [['resolve', 'tel:+12025550123'], /tel: URI names no host/],
      [['resolve', '-4', '-6', 'example.com'], /-4 and -6 exclude each other/],
      [['resolve', '--timeout', '0', 'example.com'], /--timeout must be a whole number from 1 to 60000/],
      [['resolve', '--tries', 'many', 'example.com'], /--tries must be a whole number/],
      [['resolve', 'sip:example.com;transport=udp', '--transport', 'tcp'], /transport=udp but --transport tcp/],
    ])('%j', (args, stderr) => {
      const r = runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(stderr);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.stdout).toBe('');
    });
  });

  it('--help documents the exit codes and examples', () => {
    const r = runCli(['resolve', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Exit codes: 0 at least one target and no error-level finding, 1 otherwise, 2 usage error\./);
    expect(r.stdout).toMatch(/--dns-server <server>/);
  });

  it('colour only when asked or on a terminal', async () => {
    const ESC = '\u001b[';
    expect((await resolveCli('a-only', ['aonly.test'])).stdout).not.toContain(ESC);
    expect((await resolveCli('a-only', ['aonly.test'], { FORCE_COLOR: '1' })).stdout).toContain(ESC);
    expect((await resolveCli('a-only', ['--no-color', 'aonly.test'], { FORCE_COLOR: '1' })).stdout).not.toContain(ESC);
  });

  it('names from a hostile zone reach the terminal escaped', async () => {
    const zone: Zone = {
      records: [
        { name: '_sip._udp.evil.test', type: 'SRV', data: { priority: 1, weight: 1, port: 5060, target: 'x\u001b[2J.evil.test' } },
      ],
    };
    const r = await resolveCli(zone, ['evil.test']);
    expect(r.stdout).not.toMatch(/\u001b/);
    expect(r.stdout).toMatch(/x\\027\[2j\.evil\.test/);
    expect(r.stdout.match(/DNS_INVALID_NAME/g)).toHaveLength(1);
  });
});
