import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFlow, readTextMessages, runRules, type CarrierProfile, type Rule } from '../../src/index.js';
import { RULES } from '../../src/explain/rules/index.js';
import { FIXTURES } from '../helpers/fixtures.js';

// Rule.visits lets the engine skip messages a rule cannot say anything about: with it or without
// it (every message visited), every fixture must give the same findings
const profiles: Array<[string, CarrierProfile]> = [
  ['no profile', {}],
  [
    'a full profile',
    {
      domains: ['trunk.carrier.example', 'carrier.example'],
      codecs: ['PCMU', 'PCMA'],
      transports: ['udp', 'tcp'],
      ownedNumbers: ['+12125550100'],
      country: 'US',
      srtp: 'required',
      userPhone: 'required',
      numberFormat: { requestUri: 'e164', from: 'e164', to: 'e164' },
    } as CarrierProfile,
  ],
];

function inputs(): Array<{ name: string; data: Buffer }> {
  const out: Array<{ name: string; data: Buffer }> = [];
  const root = join(FIXTURES, 'explain');
  for (const dir of readdirSync(root).sort()) {
    for (const f of readdirSync(join(root, dir)).sort()) {
      if (f.endsWith('.sip') || f.endsWith('.txt')) out.push({ name: `${dir}/${f}`, data: readFileSync(join(root, dir, f)) });
    }
  }
  return out;
}

describe('Rule.visits', () => {
  const withVisits = [...RULES.values()];
  const everyMessage: Rule[] = withVisits.map((r) => ({ ...r, visits: undefined }));

  it('is set on rules that skip most messages', () => {
    expect(withVisits.filter((r) => r.visits !== undefined).length).toBeGreaterThan(20);
  });

  for (const [label, profile] of profiles) {
    it(`gives the same findings as visiting every message (${label})`, () => {
      let compared = 0;
      let found = 0;
      for (const { name, data } of inputs()) {
        const { messages } = readTextMessages(data, name);
        if (messages.length === 0) continue;
        const a = runRules(buildFlow(messages), { rules: withVisits, profile });
        const b = runRules(buildFlow(messages), { rules: everyMessage, profile });
        expect({ name, findings: a }).toEqual({ name, findings: b });
        compared++;
        found += a.length;
      }
      expect(compared).toBeGreaterThan(80);
      expect(found).toBeGreaterThan(100);
    });
  }

  it('visits a message whose class cannot be told, so the rule reports its failure as before', () => {
    const { messages } = readTextMessages(Buffer.from('OPTIONS sip:a@b.example SIP/2.0\r\nVia: SIP/2.0/UDP h.example;branch=z9hG4bK1\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nFrom: <sip:c@d.example>;tag=1\r\nTo: <sip:a@b.example>\r\nContent-Length: 0\r\n\r\n'), 'x.sip');
    const m = messages[0]!;
    Object.defineProperty(m.message, 'contentType', {
      get() {
        throw new Error('unreadable');
      },
    });
    const seen: string[] = [];
    const rule: Rule = {
      meta: { ...RULES.get('sdp-hold')!.meta, id: 'probe' },
      visits: 'sdpBodies',
      message: (_ctx, fm) => void seen.push(fm.message.kind),
    };
    runRules(buildFlow(messages), { rules: [rule] });
    expect(seen).toEqual(['request']);
  });
});
