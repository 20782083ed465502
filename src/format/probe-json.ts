import type { ProbeAttempt, ProbeReport } from '../probe/probe-report.js';

/**
 * `siptool probe --json` (schema siptool.probe/1, docs/json/probe.md): the report with each
 * attempt's call result trimmed to data (no message objects). Keys are stable; new keys may be
 * added within a schema version, none removed or renamed.
 */
export function probeReportToJson(r: ProbeReport): Record<string, unknown> {
  return {
    schema: r.schema,
    ok: r.ok,
    input: r.input,
    method: r.method,
    requestUri: r.requestUri,
    expect: r.expect,
    target: r.target,
    resolve: r.resolve,
    all: r.all,
    attempts: r.attempts.map(attemptJson),
    answeredBy: r.answeredBy,
    summary: r.summary,
    findings: r.findings,
    pcap: r.pcap,
    durationMs: r.durationMs,
  };
}

function attemptJson(a: ProbeAttempt): Record<string, unknown> {
  const call = a.call;
  return {
    index: a.index,
    transport: a.transport,
    host: a.host,
    address: a.address,
    port: a.port,
    local: a.local,
    status: a.status,
    reason: a.reason,
    rttMs: a.rttMs,
    error: a.error,
    expected: a.expected,
    failover: a.failover,
    durationMs: a.durationMs,
    retransmissions: a.retransmissions,
    requests: a.requests,
    retryAfter: a.retryAfter,
    options: a.options,
    call: call
      ? {
          outcome: call.outcome,
          callId: call.callId,
          invites: call.invites,
          provisionals: call.provisionals,
          earlyMedia: call.earlyMedia,
          pracks: call.pracks,
          pddMs: call.pddMs,
          finalMs: call.finalMs,
          offerCodecs: call.offerCodecs,
          answerCodecs: call.answerCodecs,
          sessionTimer: call.sessionTimer,
          teardown: call.teardown,
          dialog: call.dialog,
        }
      : null,
    auth: a.auth,
    authFailure: a.authFailure,
    tls: a.tls,
    nat: a.nat,
    contact: a.contact,
    callId: a.callId,
    unmatchedResponses: a.unmatchedResponses,
    notSip: a.notSip,
    notices: a.notices,
    pings: a.pings,
  };
}
