// The benchmark corpus: every message of the realistic fixtures (INVITE with SDP, 100/180/183/200,
// PRACK, ACK, BYE, OPTIONS, REGISTER with a digest challenge and credentials, NOTIFY with a
// sipfrag body, 503, an inbound carrier INVITE, compact and folded forms), one Buffer each.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMessages } from '../dist/index.js';

const REAL = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'sip', 'real');

export function loadCorpus() {
  const messages = [];
  for (const file of readdirSync(REAL).filter((f) => f.endsWith('.sip')).sort()) {
    const data = readFileSync(join(REAL, file));
    for (const { message } of parseMessages(data).entries) {
      if (!message) continue;
      const { start, end } = message.source;
      messages.push({ file, bytes: Buffer.from(data.subarray(start, end)) });
    }
  }
  return messages;
}
