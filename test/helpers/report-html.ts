import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { buildFlow, readTextMessages, RULES, runRules } from '../../src/index.js';
import type { FlowMessage } from '../../src/explain/flow-message.js';
import { formatReportHtml, type HtmlReportInput } from '../../src/format/report-html.js';
import { ROOT } from './fixtures.js';

/** The HTML report of some inputs (fixture paths, or raw buffers), as `siptool explain --report` makes it. */
export function reportHtml(inputs: Array<string | { name: string; data: Buffer }>, extra: Partial<HtmlReportInput> = {}): { html: string; input: HtmlReportInput } {
  const messages: FlowMessage[] = [];
  const read: Array<{ file: string; messages: number }> = [];
  for (const i of inputs) {
    const { name, data } = typeof i === 'string' ? { name: i, data: readFileSync(join(ROOT, i)) } : i;
    const got = readTextMessages(data, name, messages.length).messages;
    messages.push(...got);
    read.push({ file: name, messages: got.length });
  }
  const flow = buildFlow(messages);
  const findings = runRules(flow, { rules: [...RULES.values()] });
  const input: HtmlReportInput = { flow, findings, rules: [...RULES.values()].map((r) => r.meta), inputs: read, generator: { version: '0.0.0-test' }, ...extra };
  return { html: formatReportHtml(input), input };
}

/** The `<svg class="ladder">` blocks of a report, in call order. */
export function ladders(html: string): string[] {
  return [...html.matchAll(/<svg class="ladder"[\s\S]*?<\/svg>/g)].map((m) => m[0]);
}

/** The call bodies of a lazy report, unpacked from its data blocks (base64 → gunzip → JSON), in call order. */
export function lazyBodies(html: string): string[] {
  return [...html.matchAll(/<script type="application\/x-siptool-calls" id="calls-\d+" data-first="\d+">([A-Za-z0-9+/=]*)<\/script>/g)].flatMap((m) => JSON.parse(gunzipSync(Buffer.from(m[1]!, 'base64')).toString('utf8')) as string[]);
}
