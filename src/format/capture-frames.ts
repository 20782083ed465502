import type { Finding } from '../explain/rule.js';
import type { ReportMessage } from '../explain/report-message.js';

/**
 * The capture frame of each message read from a pcap/pcapng, by message index. A finding in such
 * a message has no line of its own in the file (a capture is binary): its `fileLine` and
 * `fileColumn` are the line and column within the SIP message, which the CI formats must not
 * pass off as a place in the file.
 */
export function captureFrames(report: { readonly messages: readonly ReportMessage[] }): Map<number, number> {
  const frames = new Map<number, number>();
  for (const m of report.messages) if (m.origin.frame !== undefined) frames.set(m.index, m.origin.frame);
  return frames;
}

/** "frame 12, line 8:25 of the SIP message: " for a finding in a captured message. */
export function framePrefix(f: Finding, frame: number): string {
  return `frame ${frame}, line ${f.line}:${f.column} of the SIP message: `;
}
