import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const STACK = /^\s+at .+\(.+:\d+:\d+\)$/m;

describe('siptool number normalize: arguments', () => {
  it('prints the result, country, type, input format and the explanation; exit 0 when all are valid', () => {
    const r = runCli(['number', 'normalize', '--country', 'US', '(229) 316-0013', '011 44 20 7946 0000']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\(229\) 316-0013 {2}→ {2}\+12293160013 +US {2}fixed line or mobile +national$/m);
    expect(r.stdout).toContain('  a national number of the United States, without the country code; E.164 carriers want +12293160013');
    expect(r.stdout).toMatch(/^011 44 20 7946 0000 {2}→ {2}\+442079460000 +GB {2}fixed line +idd$/m);
    expect(r.stdout).toContain('  011 is the NANP international prefix; E.164 carriers want +442079460000');
    expect(r.stdout).toMatch(/2 number\(s\): all valid\n$/);
    expect(r.stderr).toBe('');
  });

  it('exit 1 when any input is invalid; the error says what to add, not a crash', () => {
    const r = runCli(['number', 'normalize', '+12293160013', '(229) 316-0013']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('add --country CC (or set SIPTOOL_COUNTRY)');
    expect(r.stdout).toContain('NUMBER_COUNTRY_NEEDED');
    expect(r.stdout + r.stderr).not.toMatch(STACK);
  });

  it('colour follows the terminal rules: off in a pipe, on with FORCE_COLOR or --color', () => {
    expect(runCli(['number', 'normalize', '+12293160013']).stdout).not.toMatch(/\x1b\[/);
    expect(runCli(['number', 'normalize', '+12293160013'], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(/\x1b\[32m\+12293160013/);
    expect(runCli(['--color', 'number', 'explain', '+12293160013']).stdout).toMatch(/\x1b\[/);
  });

  it('SIPTOOL_COUNTRY stands in for --country', () => {
    const r = runCli(['number', 'normalize', '--plain', '020 7946 0000'], { env: { SIPTOOL_COUNTRY: 'GB' } });
    expect(r).toMatchObject({ code: 0, stdout: '+442079460000\n' });
  });

  it('--format, --carrier and --domain', () => {
    expect(runCli(['number', 'normalize', '--plain', '-c', 'US', '-f', 'nanp-11', '(229) 316-0013']).stdout).toBe('12293160013\n');
    expect(runCli(['number', 'normalize', '--plain', '--carrier', 'vonage', '+44 20 7946 0000']).stdout).toBe('442079460000\n');
    expect(runCli(['number', 'normalize', '--plain', '-f', 'sip-uri', '--domain', 'trunk.example.com', '+12293160013']).stdout).toBe('sip:+12293160013@trunk.example.com;user=phone\n');
    const uri = runCli(['number', 'normalize', '--plain', '-f', 'sip-uri', 'sip:+1-229-316-0013;tgrp=a;trunk-context=b@gw.example.com;user=tel']);
    expect(uri.stdout).toBe('sip:+12293160013@gw.example.com;user=phone\n');
  });

  it('--json prints one object per input with the documented fields', () => {
    const r = runCli(['number', 'normalize', '--json', '--country', 'US', 'sip:+12293160013@example.com;user=tel', '12']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      schema: 'siptool.number/1',
      input: 'sip:+12293160013@example.com;user=tel',
      valid: true,
      e164: '+12293160013',
      result: '+12293160013',
      format: 'e164',
      country: 'US',
      type: 'fixed-line-or-mobile',
      inputFormat: 'sip-uri',
      numberFormat: 'e164',
      explanation: 'user=tel is not defined by RFC 3261; use user=phone',
      uri: { scheme: 'sip', user: '+12293160013', host: 'example.com', params: { user: 'tel' } },
    });
    expect(lines[0].problems[0]).toEqual({ code: 'NUMBER_USER_TEL', severity: 'warning', message: 'user=tel is not defined by RFC 3261; use user=phone' });
    expect(lines[1]).toMatchObject({ valid: false, e164: null, result: null, country: null, type: 'unknown' });
    expect(lines[1].line).toBeUndefined();
  });
});

describe('siptool number normalize: stdin batches', () => {
  const batch = ['(229) 316-0013', '', '+44 20 7946 0000', 'not a number', '1-800-FLOWERS', '2293160013\r'].join('\n') + '\n';

  it('--plain keeps one output line per input line; invalid ones are empty and reported on stderr with their line number', () => {
    const r = runCli(['number', 'normalize', '--country', 'US', '--plain'], { input: batch });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(['+12293160013', '', '+442079460000', '', '+18003569377', '+12293160013', ''].join('\n'));
    expect(r.stderr).toMatch(/^siptool: line 2: the input is empty \[NUMBER_EMPTY\]$/m);
    expect(r.stderr).toMatch(/^siptool: line 4: .*not a number.* \[NUMBER_NOT_A_NUMBER\]$/m);
    expect(r.stderr).toMatch(/^siptool: 2 of 6 inputs are not valid$/m);
  });

  it('--skip-blank passes blank lines through', () => {
    const r = runCli(['number', 'normalize', '--country', 'US', '--plain', '--skip-blank'], { input: '2293160013\n\n2293160013\n' });
    expect(r).toMatchObject({ code: 0, stdout: '+12293160013\n\n+12293160013\n', stderr: '' });
  });

  it('--json adds the line number to each object', () => {
    const r = runCli(['number', 'normalize', '--country', 'US', '--json'], { input: batch });
    const objs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(objs.map((o) => o.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(objs.map((o) => o.valid)).toEqual([true, false, true, false, true, true]);
    expect(objs[1].problems[0].code).toBe('NUMBER_EMPTY');
  });

  it('the human form numbers the lines of stdin', () => {
    const r = runCli(['number', 'normalize', '--country', 'US'], { input: batch });
    expect(r.stdout).toMatch(/^ {4}4 {2}not a number {2}→ {2}invalid/m);
    expect(r.stdout).toMatch(/6 number\(s\): 2 not valid\n$/);
  });

  it('binary garbage and a 10 MB line give per-line errors, and the run goes on', () => {
    const garbage = Buffer.alloc(2048);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 256;
    const input = Buffer.concat([Buffer.from('+12293160013\n'), garbage, Buffer.from('\n' + '9'.repeat(10 * 1024 * 1024) + '\n+442079460000\n')]);
    const r = runCli(['number', 'normalize', '--plain'], { input });
    expect(r.code).toBe(1);
    const out = r.stdout.split('\n');
    expect(out[0]).toBe('+12293160013');
    expect(out[out.length - 2]).toBe('+442079460000');
    expect(r.stderr).toMatch(/NUMBER_NOT_TEXT/);
    expect(r.stderr).toMatch(/the line is 10485760 bytes, over the limit of 65536; it was skipped \[NUMBER_LINE_TOO_LONG\]/);
    expect(r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });

  it('an empty stdin is no input and exit 0', () => {
    const r = runCli(['number', 'normalize', '--plain'], { input: '' });
    expect(r).toMatchObject({ code: 0, stdout: '' });
  });
});

describe('siptool number normalize --csv', () => {
  const csv = ['name,phone,note', '"Doe, Jane","(229) 316-0013","likes ""quotes"""', 'Bob,12,x', 'Ann,"+44 20 7946 0000",multi', 'Eve,"020 7946', '0000",broken number', 'Max', ''].join('\n');

  it('rewrites one column, keeps every other field byte for byte, reports bad rows with their line', () => {
    const r = runCli(['number', 'normalize', '--country', 'US', '--csv', '--column', '2', '--header'], { input: csv });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      'name,phone,note',
      '"Doe, Jane",+12293160013,"likes ""quotes"""',
      'Bob,12,x',
      'Ann,+442079460000,multi',
      'Eve,"020 7946',
      '0000",broken number',
      'Max',
      '',
    ]);
    expect(r.stderr).toMatch(/^siptool: line 3: "12" is too short .* \[NUMBER_TOO_SHORT\]$/m);
    expect(r.stderr).toMatch(/^siptool: line 5: .*\[NUMBER_NOT_TEXT\]$/m);
    expect(r.stderr).toMatch(/^siptool: line 7: the row has 1 column\(s\), so there is no column 2; the row is kept unchanged/m);
  });

  it('--delimiter and a result that needs quoting', () => {
    const r = runCli(['number', 'normalize', '--csv', '--column', '1', '--delimiter', ';', '-f', 'national'], { input: '+12293160013;a\n' });
    expect(r.stdout).toBe('(229) 316-0013;a\n');
    const q = runCli(['number', 'normalize', '--csv', '-f', 'international'], { input: '+12293160013,a\n' });
    expect(q.stdout).toBe('+1 229 316 0013,a\n');
  });
});

describe('siptool number explain', () => {
  it('explains the parts, the formats and what each profile wants', () => {
    const r = runCli(['number', 'explain', '--country', 'GB', '020 7946 0000']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^020 7946 0000 {2}valid: GB fixed line, \+442079460000$/m);
    expect(r.stdout).toMatch(/^ {2}\+44 +country code +United Kingdom \(GB\)$/m);
    expect(r.stdout).toMatch(/^ {2}20 +area code /m);
    expect(r.stdout).toMatch(/0 is the trunk prefix in the United Kingdom/);
    expect(r.stdout).toMatch(/^ {2}national +020 7946 0000$/m);
    expect(r.stdout).toMatch(/^ {2}idd +00442079460000$/m);
    expect(r.stdout).toMatch(/^ {2}plus-e164 +\+442079460000 +rewrite needed$/m);
    expect(r.stdout).toMatch(/^ {2}nanp-10 +nanp-10 writes only \+1 numbers/m);
    expect(r.stdout).toMatch(/^ {2}vonage +442079460000 /m);
  });

  it('--json carries parts, formats and profiles', () => {
    const r = runCli(['number', 'explain', '--json', 'sip:+12293160013;tgrp=TG1;trunk-context=x.example.com@gw.example.com;user=phone']);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ schema: 'siptool.number/1', valid: true, e164: '+12293160013' });
    expect(j.parts.map((p: { role: string }) => p.role)).toEqual(expect.arrayContaining(['scheme', 'user part', 'host', 'user-part parameter', 'country code']));
    expect(j.formats.find((f: { format: string }) => f.format === 'sip-uri').value).toBe('sip:+12293160013@gw.example.com;user=phone');
    expect(j.profiles.find((p: { profile: string }) => p.profile === 'twilio')).toMatchObject({ wants: '+12293160013', inputAccepted: true });
  });

  it('exit 1 for an invalid input', () => {
    expect(runCli(['number', 'explain', '12']).code).toBe(1);
  });
});

describe('siptool number: profiles and config', () => {
  it('lists the profiles with their sources', () => {
    const r = runCli(['number', 'profiles']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^twilio {2}Twilio Elastic SIP Trunking \(carrier\)$/m);
    expect(r.stdout).toContain('https://www.twilio.com/docs/api/errors/32101');
  });

  it('reads custom profiles from --profiles and from ./siptool.config.json', () => {
    const dir = tempDir('siptool-');
    const file = join(dir, 'siptool.config.json');
    writeFileSync(file, JSON.stringify({ carriers: { acme: { format: 'e164-digits', source: 'Acme NOC mail' } } }));
    expect(runCli(['number', 'normalize', '--plain', '--profiles', file, '--carrier', 'acme', '+12293160013']).stdout).toBe('12293160013\n');
    expect(runCli(['number', 'profiles', '--profiles', file]).stdout).toMatch(/^acme {2}acme \(custom\)$/m);
  });

  it('a broken config file is a usage error naming the key', () => {
    const dir = tempDir('siptool-');
    const file = join(dir, 'p.json');
    writeFileSync(file, JSON.stringify({ carriers: { acme: { format: 'plus' } } }));
    const r = runCli(['number', 'normalize', '--profiles', file, '+12293160013']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/p\.json: carriers\.acme\.format: must be one of e164, e164-digits/);
  });
});

describe('siptool number: usage errors exit 2 with one line', () => {
  it.each([
    [['number', 'normalize', '--country', 'XX', '1'], /--country: unknown country "XX"/],
    [['number', 'normalize', '--carrier', 'nope', '1'], /unknown carrier profile "nope"; known profiles: plus-e164/],
    [['number', 'normalize', '--format', 'weird', '1'], /argument 'weird' is invalid/],
    [['number', 'normalize', '--format', 'nanp-11', '--carrier', 'twilio', '1'], /both choose the format/],
    [['number', 'normalize', '--json', '--plain', '1'], /cannot be combined/],
    [['number', 'normalize', '--csv', '1'], /--csv reads the CSV from stdin/],
    [['number', 'normalize', '--format', 'idd', '+12293160013'], /--format idd needs the country/],
    [['number', 'normalize', '--profiles', 'no/such.json', '1'], /cannot read "no\/such\.json": no such file/],
    [['number', 'explain'], /missing required argument 'input'/],
  ])('%j', (args, message) => {
    const r = runCli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('UK is read as GB with a note', () => {
    const r = runCli(['number', 'normalize', '--plain', '--country', 'uk', '020 7946 0000']);
    expect(r).toMatchObject({ code: 0, stdout: '+442079460000\n' });
    expect(r.stderr).toMatch(/UK is not an ISO 3166 code/);
  });
});
