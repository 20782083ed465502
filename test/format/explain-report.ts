import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFlow, readTextMessages, RULES, runRules, type CarrierProfile } from '../../src/index.js';
import type { ExplainReport } from '../../src/format/findings-json.js';
import type { Flow } from '../../src/explain/build-flow.js';
import type { FlowMessage } from '../../src/explain/flow-message.js';
import { toReportMessage } from '../../src/explain/report-message.js';
import { ROOT } from '../helpers/fixtures.js';

/** The report `siptool explain` would format for these files (paths relative to the repository). */
export function reportOf(files: string[], profile: CarrierProfile = {}): { report: ExplainReport; flow: Flow } {
  const messages: FlowMessage[] = [];
  const inputs: ExplainReport['inputs'] = [];
  for (const file of files) {
    const read: FlowMessage[] = readTextMessages(file === '<stdin>' ? Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=1\r\nContent-Length: 0\r\n\r\n') : readFileSync(join(ROOT, file)), file, messages.length).messages;
    messages.push(...read);
    inputs.push({ file, messages: read.length });
  }
  const flow = buildFlow(messages);
  const findings = runRules(flow, { rules: [...RULES.values()], profile });
  const rows = messages.map((fm) => toReportMessage(fm, findings.filter((f) => f.messageIndex === fm.index).map((f) => f.line)));
  return { report: { inputs, messages: rows, findings }, flow };
}

export const RULE_METAS = [...RULES.values()].map((r) => r.meta);
