import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../src/explain/rules/index.js';
import { buildFlow, readTextMessages, runRules, type CarrierProfile, type Finding, type Rule } from '../../src/index.js';
import { FindingsJsonWriter } from '../../src/format/findings-json-bytes.js';
import { arrayItemsBytes } from '../../src/format/findings-json.js';
import { FIXTURES } from '../helpers/fixtures.js';

// The spool writes findings with FindingsJsonWriter; the bytes must be arrayItemsBytes' (JSON.stringify's)
function engineFindings(): Finding[] {
  const profile = { domains: ['trunk.carrier.example'], codecs: ['PCMU'], transports: ['udp'], ownedNumbers: ['+12125550100'], country: 'US', srtp: 'required', userPhone: 'required' } as CarrierProfile;
  const thrower: Rule = { meta: { ...RULES.get('sdp-hold')!.meta, id: 'thrower' }, message: () => { throw new Error('boom "quoted" §'); } };
  const out: Finding[] = [];
  const root = join(FIXTURES, 'explain');
  for (const dir of readdirSync(root).sort()) {
    for (const f of readdirSync(join(root, dir)).sort()) {
      if (!f.endsWith('.sip')) continue;
      const { messages } = readTextMessages(readFileSync(join(root, dir, f)), `${dir}/${f} é`);
      if (messages.length > 0) out.push(...runRules(buildFlow(messages), { rules: [...RULES.values(), thrower], profile }));
    }
  }
  return out;
}

const bytesOf = (b: { lead: string; bytes: Buffer; start: number; end: number } | undefined): string => (b ? b.lead + b.bytes.toString('latin1', b.start, b.end) : '');

describe('FindingsJsonWriter', () => {
  const findings = engineFindings();

  it('writes the findings the engine makes as arrayItemsBytes does, batch by batch', () => {
    expect(findings.length).toBeGreaterThan(300);
    expect(findings.some((f) => f.header !== undefined) && findings.some((f) => f.header === undefined)).toBe(true);
    expect(findings.some((f) => f.ruleId === 'internal-error')).toBe(true);
    const writer = new FindingsJsonWriter();
    for (let i = 0; i < findings.length; i += 37) {
      const batch = findings.slice(i, i + 37);
      expect(bytesOf(writer.items(batch, i === 0))).toBe(bytesOf(arrayItemsBytes(batch, i === 0)));
    }
    expect(writer.items([], true)).toBeUndefined();
  });

  // (only the engine's findings reach it: the members it writes are toFinding's, in its order)
  it('grows past its first block; a member missing or of another type is written by JSON.stringify', () => {
    const many: Finding[] = [];
    while (many.length < 6000) many.push(...findings);
    const odd = [{ ...findings[0]!, ref: 'another ref \u2028' }, { ...findings[1]!, message: undefined } as unknown as Finding, { ...findings[2]!, line: Number.NaN, column: 1.5 }];
    const all = [...odd, ...many, ...odd];
    const writer = new FindingsJsonWriter();
    expect(bytesOf(writer.items(all, false))).toBe(bytesOf(arrayItemsBytes(all, false)));
    expect(bytesOf(writer.items(findings.slice(0, 3), true))).toBe(bytesOf(arrayItemsBytes(findings.slice(0, 3), true)));
  });
});
