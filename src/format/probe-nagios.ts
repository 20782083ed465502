import type { ProbeReport } from '../probe/probe-report.js';

/** Nagios plugin states (Nagios Plugin Development Guidelines, "Plugin Return Codes"). */
export const NAGIOS = { OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3 } as const;

const NAMES = ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'] as const;

/**
 * One Nagios/Icinga status line with performance data, and the plugin exit code: OK when the
 * target answered as expected; WARNING when it answered something else below 500 (alive, but
 * not as expected); CRITICAL for no answer, a transport or TLS failure, a 5xx/6xx or failed
 * authentication; an answer slower than --critical / --warning (RTT) is CRITICAL / WARNING.
 * Perfdata: rtt in seconds with the thresholds (and loss in % with --count).
 */
export function formatNagios(r: ProbeReport, thresholds: { warningMs?: number; criticalMs?: number } = {}): { text: string; code: number } {
  const a = r.attempts.find((x) => x.index === r.answeredBy) ?? r.attempts[r.attempts.length - 1];
  let code: number;
  if (r.ok) code = NAGIOS.OK;
  else if (!a || a.status === null || a.status >= 500 || a.authFailure) code = NAGIOS.CRITICAL;
  else code = NAGIOS.WARNING;
  if (r.all && !r.ok) code = r.attempts.some((x) => x.status === null || x.status >= 500) ? NAGIOS.CRITICAL : NAGIOS.WARNING;
  const perf: string[] = [];
  const rtt = a?.pings?.avgMs ?? a?.rttMs ?? null;
  const { warningMs: w, criticalMs: c } = thresholds;
  let slow = '';
  if (code === NAGIOS.OK && rtt !== null) {
    if (c !== undefined && rtt > c) (code = NAGIOS.CRITICAL), (slow = ` · rtt above ${c / 1000} s`);
    else if (w !== undefined && rtt > w) (code = NAGIOS.WARNING), (slow = ` · rtt above ${w / 1000} s`);
  }
  const s = (ms: number | undefined): string => (ms === undefined ? '' : (ms / 1000).toString());
  if (rtt !== null) perf.push(`rtt=${(rtt / 1000).toFixed(6)}s;${s(w)};${s(c)};0`);
  if (a?.pings) perf.push(`loss=${a.pings.lossPercent}%;;;0;100`);
  const text = `SIP ${NAMES[code]} - ${r.summary.replace(/\|/g, '/')}${slow}`;
  return { text: perf.length > 0 ? `${text} | ${perf.join(' ')}` : text, code };
}
