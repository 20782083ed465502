import { parseMessage } from '../../core/parse-message.js';
import { serializeMessage } from '../../core/serialize-message.js';
import type { ResolveResult } from '../../dns/resolve-result.js';
import { buildFlow } from '../../explain/build-flow.js';
import { runRules } from '../../explain/engine.js';
import type { FlowMessage } from '../../explain/flow-message.js';
import { RULES } from '../../explain/rules/index.js';
import { PLAIN } from '../../format/palette.js';
import { wireFlowMessage, type WireRecord } from '../../format/probe-ladder.js';
import { formatProbeReport } from '../../format/probe-text.js';
import type { ReportSection } from '../../format/report-html.js';
import { formatResolveTree } from '../../format/resolve-tree.js';
import type { ProbeReport } from '../../probe/probe-report.js';
import { writeReports } from './explain-report.js';

export interface ProbeHtmlInput {
  file: string;
  force: boolean;
  records: readonly WireRecord[];
  report: ProbeReport;
  resolve: ResolveResult | null;
  version: string;
  title: string;
}

/**
 * `siptool probe --report FILE`: the exchange as the same self-contained HTML report explain
 * writes (a ladder per call, every message, the explain rules' findings on what was sent and
 * received), with the probe's own result and the resolver tree as sections before the calls.
 */
export async function writeProbeHtml(input: ProbeHtmlInput, note: (line: string) => void): Promise<void> {
  const messages: FlowMessage[] = [];
  for (const r of input.records) {
    if (!r.message) continue;
    // what siptool sent was built, not read: read it back so findings point at its lines
    const message = r.message.source ? r.message : (parseMessage(serializeMessage(r.message)).message ?? r.message);
    messages.push(wireFlowMessage(r, messages.length, message, `attempt ${r.attempt}`));
  }
  const flow = buildFlow(messages);
  const rules = [...RULES.values()];
  const findings = runRules(flow, { rules });
  const sections: ReportSection[] = [{ id: 'probe', title: 'Probe result', text: formatProbeReport(input.report, PLAIN), severity: input.report.ok ? 'ok' : 'error' }];
  if (input.resolve) sections.push({ id: 'resolve', title: 'RFC 3263 resolution', text: formatResolveTree(input.resolve, PLAIN).join('\n'), severity: 'ok' });
  await writeReports(
    { report: input.file, force: input.force },
    { flow, findings, rules: rules.map((r) => r.meta), sections, title: input.title, version: input.version, command: input.title },
    note,
  );
}
