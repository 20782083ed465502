import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFlow, readTextMessages, RULES, runRules, type CarrierProfile } from '../../src/index.js';
import { FIXTURES } from '../helpers/fixtures.js';

/**
 * Every rule over mutated fixtures must never throw: the engine turns a throw into an
 * internal-error finding, which is what this test looks for. Mutations are drawn from a seeded
 * generator, so a failure is reproducible; every loop is bounded.
 */

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

const HOSTILE = [
  'Identity: a.b.c;info=<x>',
  'Identity: eyJ4IjoxfQ.eyJpYXQiOiJub3cifQ.',
  'Identity: e30.eyJvcmlnIjp7InRuIjpbXX0sImRlc3QiOnsidG4iOjV9LCJpYXQiOjFlMzAwfQ.c2ln',
  'RAck: 99999999999 1 INVITE',
  'RSeq: -1',
  'Session-Expires: 99999999999999999999',
  'Min-SE: abc',
  'Record-Route: <sip:[::1;lr>, <tel:+1>',
  'Route: <>',
  'Contact: *',
  'Contact: <sip:@>',
  'Via: SIP/2.0/UDP',
  'CSeq: 1',
  'To: <sip:+;tgrp=;trunk-context@h;user=phone>',
  'P-Asserted-Identity: <tel:>',
  'Privacy: ;;',
  'Proxy-Authorization: Digest realm',
  'WWW-Authenticate: Digest',
  'Retry-After: (',
  'Require: ,,,',
  'Content-Type: application/sdp',
  'm=audio 99999 RTP/SAVP 96 97 128 -1',
  'a=rtpmap:96',
  'c=IN IP4 0.0.0.0',
  'o=- - - IN IP4 10.0.0.1',
];

function mutate(data: Buffer, next: () => number): Buffer {
  const text = data.toString('latin1');
  const lines = text.split('\n');
  const pick = (n: number): number => Math.floor(next() * n);
  switch (pick(7)) {
    case 0: {
      // drop a line
      lines.splice(pick(lines.length), 1);
      return Buffer.from(lines.join('\n'), 'latin1');
    }
    case 1: {
      // duplicate a line
      const i = pick(lines.length);
      lines.splice(i, 0, lines[i]!);
      return Buffer.from(lines.join('\n'), 'latin1');
    }
    case 2: {
      // insert a hostile header or SDP line
      lines.splice(1 + pick(Math.max(1, lines.length - 1)), 0, HOSTILE[pick(HOSTILE.length)]! + '\r');
      return Buffer.from(lines.join('\n'), 'latin1');
    }
    case 3: {
      // flip a few bytes
      const b = Buffer.from(data);
      for (let k = 0; k < 4 && b.length > 0; k++) b[pick(b.length)] = pick(256);
      return b;
    }
    case 4:
      // truncate
      return data.subarray(0, pick(data.length + 1));
    case 5: {
      // swap two lines
      const i = pick(lines.length);
      const j = pick(lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return Buffer.from(lines.join('\n'), 'latin1');
    }
    default: {
      // repeat the whole input (retransmissions, duplicate messages)
      return Buffer.concat([data, data]);
    }
  }
}

function files(): string[] {
  const out: string[] = [];
  for (const d of readdirSync(join(FIXTURES, 'explain'))) for (const f of readdirSync(join(FIXTURES, 'explain', d))) out.push(join('explain', d, f));
  for (const f of readdirSync(join(FIXTURES, 'sip', 'real'))) out.push(join('sip', 'real', f));
  return out.sort();
}

const PROFILE: CarrierProfile = { domains: ['trunk.carrier.example', '*.pstn.example'], userPhone: 'required', codecs: ['PCMU'], transports: ['tls'], srtp: 'required', ownedNumbers: ['+12125550100'], recordRoute: true };
const RULE_LIST = [...RULES.values()];

describe('every rule survives hostile input', () => {
  const all = files();

  it('has fixtures to mutate', () => {
    expect(all.length).toBeGreaterThan(50);
  });

  it.each(all)('%s, mutated 24 times', (file) => {
    const data = readFileSync(join(FIXTURES, file));
    const next = rng([...file].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
    const failures: string[] = [];
    for (let round = 0; round < 24; round++) {
      let input: Buffer = data;
      const steps = 1 + Math.floor(next() * 3);
      for (let s = 0; s < steps; s++) input = mutate(input, next);
      const { messages } = readTextMessages(input, file);
      if (messages.length === 0) continue;
      const flow = buildFlow(messages);
      for (const profile of [{}, PROFILE]) {
        for (const f of runRules(flow, { rules: RULE_LIST, profile })) if (f.ruleId === 'internal-error') failures.push(`round ${round}: ${f.message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
