#!/usr/bin/env node
// Records what a DNS server answers for a SIP target into a zone fixture (fixtures/dns/*.json)
// that the in-process test server (test/helpers/dns-server.ts) can serve back: every NAPTR, SRV,
// CNAME, A and AAAA record siptool's resolver met, with its TTL.
//
//   npm run build && node scripts/record-zone.mjs full.test --dns-server 127.0.0.1:5353 \
//     --description "..." > fixtures/dns/recorded-full.json
import { NetworkDnsClient, parseServerAddress, readResolvConf, resolveSip } from '../dist/index.js';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const server = opt('--dns-server');
const description = opt('--description');
const target = args[0];
if (!target || args.length > 1) {
  console.error('usage: node scripts/record-zone.mjs <domain | sip-uri> [--dns-server HOST[:PORT]] [--description TEXT]');
  process.exit(2);
}
const servers = server ? [parseServerAddress(server)] : readResolvConf().servers;
const result = await resolveSip(target, { dns: new NetworkDnsClient({ servers }) });
const seen = new Map();
for (const l of result.lookups) {
  for (const r of [...l.cnames, ...l.records]) {
    const key = `${r.name} ${r.type} ${JSON.stringify(r.data)}`;
    if (!seen.has(key)) seen.set(key, { name: r.name, type: r.type, ttl: r.ttl, data: r.data });
  }
}
const order = { NAPTR: 0, SRV: 1, CNAME: 2, A: 3, AAAA: 4 };
const records = [...seen.values()].sort((a, b) => order[a.type] - order[b.type] || a.name.localeCompare(b.name));
const zone = { description: description ?? `Recorded from ${result.servers.join(', ')} for ${target}`, records };
process.stdout.write(JSON.stringify(zone, null, 2) + '\n');
