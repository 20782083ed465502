import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PARSE_SCHEMA } from '../src/cli/commands/parse.js';
import { parseMessages } from '../src/core/split-messages.js';
import { PROBLEM_CODES } from '../src/core/problems.js';
import { messageToJson, type Json } from '../src/core/to-json.js';
import { fixture, ROOT } from './helpers/fixtures.js';
import { runCli } from './helpers/run-cli.js';

/**
 * Keeps the reference docs in step with the code (in the spirit of eslint's checkRuleFiles):
 * every problem code and fatal error code is documented, nothing documented is made up, and
 * every field of `siptool parse --json` is described in docs/json/parse.md.
 */

const doc = (...parts: string[]): string => readFileSync(join(ROOT, 'docs', ...parts), 'utf8');

const PROBLEMS_MD = doc('problems.md');
const ERRORS_MD = doc('errors.md');
const PARSE_MD = doc('json', 'parse.md');

const CODES = Object.keys(PROBLEM_CODES) as Array<keyof typeof PROBLEM_CODES>;

/** Codes written in backticks in a Markdown heading. */
function headingCodes(md: string): Set<string> {
  const out = new Set<string>();
  for (const line of md.split('\n')) {
    if (!/^#{1,6} /.test(line)) continue;
    for (const m of line.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) out.add(m[1]!);
  }
  return out;
}

/** Codes written in backticks as a whole table cell (`| `CODE` |`). */
function tableCellCodes(md: string): Set<string> {
  const out = new Set<string>();
  for (const line of md.split('\n')) {
    if (!line.startsWith('|')) continue;
    for (const cell of line.split('|')) {
      const m = /^\s*`([A-Z][A-Z0-9_]+)`\s*$/.exec(cell);
      if (m) out.add(m[1]!);
    }
  }
  return out;
}

/** The text under a `### `CODE`` heading, up to the next heading. */
function section(md: string, code: string): string | undefined {
  const start = md.indexOf(`\n### \`${code}\`\n`);
  if (start < 0) return undefined;
  const rest = md.slice(start + 1);
  const next = rest.slice(1).search(/\n#{1,3} /);
  return next < 0 ? rest : rest.slice(0, next + 1);
}

function tsFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
}

describe('docs/problems.md', () => {
  const headings = headingCodes(PROBLEMS_MD);
  const cells = tableCellCodes(PROBLEMS_MD);

  it.each(CODES)('documents %s as a heading or table cell', (code) => {
    expect(headings.has(code) || cells.has(code)).toBe(true);
  });

  it.each(CODES)('gives %s a section with its default severity and RFC reference', (code) => {
    const text = section(PROBLEMS_MD, code);
    expect(text).toBeDefined();
    const info = PROBLEM_CODES[code];
    expect(text).toContain(`**Default severity:** ${info.severity} · **Reference:** ${info.ref}`);
    expect(text).toMatch(/\*\*What it means\.\*\*/);
    expect(text).toMatch(/\*\*Example\.\*\*/);
    expect(text).toMatch(/\*\*How to fix\.\*\*/);
  });

  it('documents no problem code that does not exist', () => {
    const mentioned = new Set([...PROBLEMS_MD.matchAll(/\bSIP_[A-Z0-9_]+\b/g)].map((m) => m[0]));
    const unknown = [...mentioned].filter((c) => !(c in PROBLEM_CODES));
    expect(unknown).toEqual([]);
  });

  it('lists each code once in the index table, with its default severity and summary', () => {
    const rows = PROBLEMS_MD.split('\n').filter((l) => /^\| `SIP_[A-Z0-9_]+` \|/.test(l));
    const listed = rows.map((l) => /`(SIP_[A-Z0-9_]+)`/.exec(l)![1]!);
    expect([...listed].sort()).toEqual([...CODES].sort());
    for (const row of rows) {
      const [, code, severity, summary] = row.split('|').map((c) => c.trim());
      const info = PROBLEM_CODES[code!.replace(/`/g, '') as keyof typeof PROBLEM_CODES];
      expect({ severity, summary }).toEqual({ severity: info.severity, summary: info.summary });
    }
  });
});

describe('docs/errors.md', () => {
  const srcCodes = new Set<string>();
  for (const file of tsFiles(join(ROOT, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/SIPTOOL_ERR_[A-Z0-9_]+/g)) srcCodes.add(m[0]);
  }

  it('finds the error codes in the source (sanity check of the scan)', () => {
    expect(srcCodes.has('SIPTOOL_ERR_INTERNAL')).toBe(true);
    expect(srcCodes.has('SIPTOOL_ERR_INPUT_NOT_FOUND')).toBe(true);
  });

  it('documents every SIPTOOL_ERR_* code used in src/', () => {
    const missing = [...srcCodes].filter((c) => !ERRORS_MD.includes(`\`${c}\``));
    expect(missing).toEqual([]);
  });

  it('documents no SIPTOOL_ERR_* code that src/ does not use', () => {
    const documented = new Set([...ERRORS_MD.matchAll(/SIPTOOL_ERR_[A-Z0-9_]+/g)].map((m) => m[0]));
    expect([...documented].filter((c) => !srcCodes.has(c))).toEqual([]);
  });

  it('has the exit code table of siptool parse', () => {
    for (const code of [0, 1, 2]) expect(ERRORS_MD).toMatch(new RegExp(`^\\| ${code} \\| `, 'm'));
  });
});

describe('docs/json/parse.md', () => {
  const inBackticks = (key: string): boolean => PARSE_MD.includes(`\`${key}\``);

  it('names the schema id that siptool parse --json prints', () => {
    expect(PARSE_SCHEMA).toMatch(/^siptool\.parse\/\d+$/);
    expect(PARSE_MD).toContain(`\`${PARSE_SCHEMA}\``);
  });

  it('describes every key of the document, input and summary objects', () => {
    // the keys siptool parse --json prints, for a file with a message and text that is not SIP
    const r = runCli(['parse', '--json', 'fixtures/sip/real/call-flow.sip', 'fixtures/explain/sip-syntax/valid-options.sip']);
    const doc = JSON.parse(r.stdout) as { inputs: Array<Record<string, unknown>>; summary: Record<string, unknown> };
    const keys = new Set([...Object.keys(doc), ...doc.inputs.flatMap((i) => Object.keys(i)), ...Object.keys(doc.summary)]);
    for (const expected of ['schema', 'inputs', 'summary', 'file', 'bytes', 'messages', 'problems', 'errors', 'warnings', 'infos']) {
      expect(keys).toContain(expected);
    }
    expect([...keys].filter((k) => !inBackticks(k))).toEqual([]);
  });

  // fixtures that between them give every kind of value: SIP, tel and absolute URIs, Via,
  // name-addr lists, Contact, auth headers, CSeq, numbers, token lists, Retry-After, Warning,
  // Date, text and binary bodies, problems with and without a header
  const FIXTURES = [
    ['sip', 'real', 'invite-carrier.sip'],
    ['sip', 'real', 'tel-uri-invite.sip'],
    ['sip', 'real', 'register-challenge-flow.sip'],
    ['sip', 'real', '503-retry-after.sip'],
    ['sip', 'real', 'call-flow.sip'],
    ['sip', 'real', 'compact-folded.sip'],
    ['sip', 'rfc4475', 'unkscm.dat'],
    ['sip', 'rfc4475', 'scalarlg.dat'],
    ['sip', 'rfc4475', 'baddate.dat'],
    ['sip', 'rfc4475', 'mpart01.dat'],
    ['sip', 'rfc4475', 'mismatch01.dat'],
    ['sip', 'rfc4475', 'wsinv.dat'],
  ];

  /** Objects whose keys are data (parameter names, URI header names), not part of the schema. */
  const MAPS = new Set(['params', 'userParams']);

  function collectKeys(value: Json, into: Set<string>): void {
    if (Array.isArray(value)) {
      for (const v of value) collectKeys(v, into);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      // URI `headers` is a map (an object); message `headers` is an array of field objects
      if (MAPS.has(k) || (k === 'headers' && v !== null && typeof v === 'object' && !Array.isArray(v))) continue;
      collectKeys(v, into);
    }
  }

  const messageJson = FIXTURES.flatMap((parts) =>
    parseMessages(fixture(...parts)).entries.flatMap((e) => (e.message ? [messageToJson(e.message, e.problems)] : [])),
  );

  it('covers requests, responses and problems with the chosen fixtures', () => {
    const kinds = new Set(messageJson.map((m) => m.kind));
    expect(kinds).toEqual(new Set(['request', 'response']));
    expect(messageJson.some((m) => Array.isArray(m.problems) && m.problems.length > 0)).toBe(true);
  });

  it('describes every top-level key of a message (messageToJson)', () => {
    const keys = new Set(messageJson.flatMap((m) => Object.keys(m)));
    for (const expected of ['kind', 'startLine', 'line', 'offset', 'length', 'version', 'method', 'uri', 'requestUri', 'status', 'reason', 'headers', 'body', 'problems']) {
      expect(keys).toContain(expected);
    }
    expect([...keys].filter((k) => !inBackticks(k))).toEqual([]);
  });

  it('describes every nested key: headers, parsed values, URIs, body and problems', () => {
    const keys = new Set<string>();
    for (const m of messageJson) collectKeys(m, keys);
    expect(keys.size).toBeGreaterThan(40);
    expect([...keys].filter((k) => !inBackticks(k)).sort()).toEqual([]);
  });
});
