// Child process of bench/capture.js: reads a capture with siptool's streaming reader, collects
// every SIP message's Call-ID, and prints one JSON line (messages, distinct Call-IDs, time, peak RSS).
import { readCapture } from '../dist/index.js';

const [file, mode] = process.argv.slice(2);
let peak = process.memoryUsage().rss;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const start = process.hrtime.bigint();
const reader = readCapture(file, { validate: mode !== 'lazy' });
const callIds = new Set();
let messages = 0;
for await (const ev of reader) {
  if (ev.kind !== 'message') continue;
  messages++;
  callIds.add(ev.message?.callId);
  if ((messages & 4095) === 0) peak = Math.max(peak, process.memoryUsage().rss);
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
clearInterval(sample);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(JSON.stringify({ messages, callIds: callIds.size, ms, peakRss: peak, notes: reader.stats.notes, frames: reader.stats.frames }));
