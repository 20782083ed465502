import { runCli } from '../helpers/run-cli.js';
import { fixture } from '../helpers/fixtures.js';

const STACK = /^\s+at .+\(.+:\d+:\d+\)$/m;

describe('siptool parse', () => {
  it('prints each header with its line and meaning, exit 0 for a clean message', () => {
    const r = runCli(['parse', 'fixtures/sip/real/invite-carrier.sip']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+1 │ INVITE sip:\+12293160013@trunk\.carrier\.example\.com;user=phone SIP\/2\.0$/m);
    expect(r.stdout).toMatch(/^\s+2 │ Via: SIP\/2\.0\/UDP 198\.51\.100\.20:5060;branch=z9hG4bK-524287-1---a7f3c0d9;rport$/m);
    expect(r.stdout).toContain('↳ UDP 198.51.100.20:5060 · branch z9hG4bK-524287-1---a7f3c0d9 · rport');
    expect(r.stdout).toContain('a=rtpmap:101 telephone-event/8000');
    expect(r.stdout).toMatch(/1 message\(s\): no errors, 0 warning\(s\)/);
    expect(r.stderr).toBe('');
  });

  it('exits 1 when a message has an error-level problem, naming line and column', () => {
    const r = runCli(['parse', 'fixtures/sip/rfc4475/badaspec.dat']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\s+5:23\s+error\s+whitespace inside <\.\.\.> around the URI\s+SIP_ADDR_SPEC_WHITESPACE/);
  });

  it('splits a file of several messages and numbers them', () => {
    const r = runCli(['parse', '--no-body', '--no-values', 'fixtures/sip/real/call-flow.sip']);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/── fixtures\/sip\/real\/call-flow\.sip · message \d of 9/g)).toHaveLength(9);
    expect(r.stdout).not.toContain('↳');
    expect(r.stdout).not.toContain('a=rtpmap');
  });

  it('reads stdin with "-" or with no file', () => {
    const input = fixture('sip', 'real', 'options-ping.sip');
    for (const args of [['parse', '-'], ['parse']]) {
      const r = runCli(args, { input });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('<stdin> · message 1 of 1');
    }
  });

  it('--datagram keeps one message and reports the trailing octets (RFC 4475 dblreq)', () => {
    const file = runCli(['parse', '--json', 'fixtures/sip/rfc4475/dblreq.dat']);
    expect(JSON.parse(file.stdout).inputs[0].messages).toHaveLength(2);
    const dgram = JSON.parse(runCli(['parse', '--json', '--datagram', 'fixtures/sip/rfc4475/dblreq.dat']).stdout);
    expect(dgram.inputs[0].messages).toHaveLength(1);
    expect(dgram.inputs[0].messages[0].problems.map((p: { code: string }) => p.code)).toContain('SIP_TRAILING_OCTETS');
  });

  it('--min-severity hides lesser problems but not the exit code', () => {
    const all = runCli(['parse', 'fixtures/sip/rfc4475/inv2543.dat']);
    const errorsOnly = runCli(['parse', '--min-severity', 'error', 'fixtures/sip/rfc4475/inv2543.dat']);
    expect(all.stdout).toContain('SIP_VIA_BRANCH_MISSING');
    expect(errorsOnly.stdout).not.toContain('SIP_VIA_BRANCH_MISSING');
    expect(errorsOnly.stdout).toContain('SIP_HEADER_MISSING');
    expect([all.code, errorsOnly.code]).toEqual([1, 1]);
  });

  it('binary garbage is reported without control characters reaching the terminal', () => {
    const garbage = Buffer.alloc(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 256;
    const r = runCli(['parse', '-'], { input: garbage });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(r.stderr).toBe('');
  });

  it('an empty input is an error, not silence', () => {
    const r = runCli(['parse', '-'], { input: '' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('SIP_EMPTY_MESSAGE');
  });

  describe('exit 2 with one clear line for input that cannot be read', () => {
    it.each([
      [['parse', 'no/such/file.sip'], /^siptool: cannot read "no\/such\/file\.sip": no such file\n  hint: /],
      [['parse', 'fixtures'], /^siptool: cannot read "fixtures": it is a directory\n/],
      [['parse', '--bogus'], /^error: unknown option '--bogus'/],
      [['parse', '--min-severity', 'loud', 'x'], /argument 'loud' is invalid/],
      [['nonsense'], /^error: unknown command 'nonsense'/],
      [[], /Usage: siptool/],
    ])('%j', (args, stderr) => {
      const r = runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(stderr);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.stdout).toBe('');
    });

    it('a readable file after an unreadable one prints nothing (the run stops first)', () => {
      const r = runCli(['parse', 'fixtures/sip/real/options-ping.sip', 'missing.sip']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
    });
  });

  it('--help and --version exit 0', () => {
    expect(runCli(['--version'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    const help = runCli(['parse', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 no error-level problem, 1 at least one, 2 input could not be read.');
  });

  describe('colour', () => {
    const ESC = '\u001b[';
    it('is off when stdout is not a terminal', () => {
      expect(runCli(['parse', 'fixtures/sip/rfc4475/badaspec.dat']).stdout).not.toContain(ESC);
    });
    it('FORCE_COLOR turns it on, and --no-color wins over it', () => {
      expect(runCli(['parse', 'fixtures/sip/rfc4475/badaspec.dat'], { env: { FORCE_COLOR: '1' } }).stdout).toContain(ESC);
      expect(runCli(['--no-color', 'parse', 'fixtures/sip/rfc4475/badaspec.dat'], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
    });
    it('NO_COLOR keeps it off even with --color absent and FORCE_COLOR unset', () => {
      expect(runCli(['parse', 'fixtures/sip/rfc4475/badaspec.dat'], { env: { NO_COLOR: '1' } }).stdout).not.toContain(ESC);
    });
  });
});
