import { nonPublicReason } from '../dns/address-class.js';
import type { ProbeAttempt, ProbeFinding, ProbeSeverity } from './probe-report.js';
import { nullProto } from '../core/null-proto.js';

/**
 * What `siptool probe` points out besides the verdict. Codes are stable (docs/probe.md lists
 * them); messages are for people.
 */
export const PROBE_FINDING_CODES: Record<string, { severity: ProbeSeverity; summary: string }> = nullProto({
  __proto__: null,
  PROBE_NO_ANSWER: { severity: 'error', summary: 'no final response from any target tried (timeout, connection or TLS failure)' },
  PROBE_UNEXPECTED_STATUS: { severity: 'error', summary: 'the final response is not the one --expect asks for' },
  PROBE_AUTH_FAILED: { severity: 'error', summary: 'digest authentication failed (no credentials, wrong password, unsupported algorithm, realm)' },
  PROBE_FAILOVER: { severity: 'warning', summary: 'a target earlier in the RFC 3263 order did not answer; a later one did' },
  PROBE_RETRY_AFTER: { severity: 'warning', summary: 'the server answered 503 with Retry-After: siptool does not send to it again before that time' },
  PROBE_NAT_DETECTED: { severity: 'warning', summary: 'the carrier saw another source address or port than our socket (NAT in between)' },
  PROBE_CONTACT_UNREACHABLE: { severity: 'warning', summary: 'our Via/Contact carry an address the carrier cannot reach; requests to it (BYE, re-INVITE) would be lost' },
  PROBE_NO_RPORT: { severity: 'info', summary: 'the server did not fill rport (RFC 3581): behind NAT, its UDP responses go to the Via port, not the source port' },
  PROBE_TLS_WARNING: { severity: 'warning', summary: 'a TLS report warning: expiry, verification off, no SNI, domain only matched by wildcard, old protocol' },
  PROBE_UNMATCHED_RESPONSES: { severity: 'warning', summary: 'responses that match no transaction (other branch, Call-ID or CSeq) were ignored' },
  PROBE_NOT_SIP: { severity: 'warning', summary: 'received bytes that are not SIP were dropped' },
  PROBE_NEXT_HOP: { severity: 'warning', summary: 'without Record-Route the ACK and BYE would go to the 2xx Contact, which is not the host probed' },
  PROBE_EARLY_MEDIA: { severity: 'info', summary: 'a provisional response carried SDP (early media)' },
  PROBE_RETRANSMISSIONS: { severity: 'info', summary: 'requests were retransmitted over UDP before the answer came (loss or a slow server)' },
} satisfies Record<string, { severity: ProbeSeverity; summary: string } | null>);

function finding(code: keyof typeof PROBE_FINDING_CODES, message: string, attempt: number | null): ProbeFinding {
  return { code, severity: PROBE_FINDING_CODES[code]!.severity, message, attempt };
}

function where(a: ProbeAttempt): string {
  return `${a.transport} ${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}`;
}

/** Findings for the attempts of a run; `answeredBy` is the index of the attempt the verdict is about. */
export function probeFindings(attempts: ProbeAttempt[], answeredBy: number | null, expectText: string): ProbeFinding[] {
  const out: ProbeFinding[] = [];
  const answering = attempts.find((a) => a.index === answeredBy) ?? null;
  if (!attempts.some((a) => a.status !== null)) {
    const last = attempts[attempts.length - 1];
    if (last) out.push(finding('PROBE_NO_ANSWER', `no final response: ${attempts.map((a) => `${where(a)} ${a.error?.code ?? 'no answer'}`).join('; ')}`, null));
  } else if (answering && !answering.expected && !answering.authFailure) {
    out.push(finding('PROBE_UNEXPECTED_STATUS', `${where(answering)} answered ${answering.status} ${answering.reason ?? ''}; expected ${expectText}`.trim(), answering.index));
  }
  const firstAnswer = attempts.findIndex((a) => a.status !== null && a.status !== 503);
  if (firstAnswer > 0) {
    const failed = attempts.slice(0, firstAnswer);
    out.push(finding('PROBE_FAILOVER', `${failed.map((a) => `${where(a)} (${a.failover ?? a.error?.code ?? 'failed'})`).join(', ')} failed before ${where(attempts[firstAnswer]!)} answered`, attempts[firstAnswer]!.index));
  }
  for (const a of attempts) {
    if (a.authFailure) out.push(finding('PROBE_AUTH_FAILED', `${a.authFailure.code}: ${a.authFailure.message}`, a.index));
    if (a.retryAfter !== null && a.status === 503) out.push(finding('PROBE_RETRY_AFTER', `${where(a)} answered 503 with Retry-After: ${a.retryAfter} s; not sent to again before then`, a.index));
    for (const w of a.tls?.warnings ?? []) out.push(finding('PROBE_TLS_WARNING', `${where(a)}: ${w}`, a.index));
    if (a.unmatchedResponses > 0) out.push(finding('PROBE_UNMATCHED_RESPONSES', `${a.unmatchedResponses} response(s) from ${where(a)} matched no transaction of ours (other branch, Call-ID or CSeq) and were ignored`, a.index));
    if (a.notSip > 0) out.push(finding('PROBE_NOT_SIP', `${a.notSip} message(s) from ${where(a)} were not SIP and were dropped`, a.index));
    if (a.retransmissions > 0 && a.status !== null) out.push(finding('PROBE_RETRANSMISSIONS', `${a.retransmissions} retransmission(s) to ${where(a)} before the answer`, a.index));
    natFindings(a, out);
    const call = a.call;
    if (call?.earlyMedia) out.push(finding('PROBE_EARLY_MEDIA', `${call.provisionals.filter((p) => p.sdp).map((p) => `${p.status} ${p.reason}`).join(', ')} carried SDP`, a.index));
    if (call?.dialog && call.dialog.routeSet.length === 0) {
      const m = /^(sips?):(?:[^@]*@)?(\[[^\]]+\]|[^:;>?]+)(?::(\d+))?/i.exec(call.dialog.nextHop);
      const host = m?.[2]?.replace(/^\[|\]$/g, '').toLowerCase();
      const port = m?.[3] ? Number(m[3]) : m?.[1]?.toLowerCase() === 'sips' || a.transport === 'tls' ? 5061 : 5060;
      if (m && (host !== a.address.toLowerCase() || port !== a.port)) {
        out.push(finding('PROBE_NEXT_HOP', `the 2xx Contact is ${call.dialog.remoteTarget} and there is no Record-Route: RFC 3261 sends the ACK and BYE to ${call.dialog.nextHop}, not to ${where(a)} (siptool sent them to the host probed)`, a.index));
      }
    }
  }
  return out;
}

/**
 * The host of a Contact such as `<sip:siptool@192.0.2.1:5060;transport=tcp>` or `sip:[2001:db8::1]`
 * (an IPv6 reference without its brackets); undefined when there is no sip:/sips: URI in it.
 * (Read without regular expressions: V8 compiles each at its first use, in every one-shot probe.)
 */
export function contactHostOf(contact: string): string | undefined {
  const lower = contact.toLowerCase();
  let i = lower.indexOf('sip:');
  const sips = lower.indexOf('sips:');
  if (sips >= 0 && (i < 0 || sips < i)) i = sips + 5;
  else if (i >= 0) i += 4;
  else return undefined;
  let end = i;
  while (end < contact.length && !'>;?, \t'.includes(contact[end]!)) end++;
  const at = contact.lastIndexOf('@', end - 1);
  if (at >= i) i = at + 1;
  if (contact[i] === '[') {
    const close = contact.indexOf(']', i);
    return close > i + 1 && close < end ? contact.slice(i + 1, close) : undefined;
  }
  const colon = contact.indexOf(':', i);
  const stop = colon >= 0 && colon < end ? colon : end;
  return stop > i ? contact.slice(i, stop) : undefined;
}

function natFindings(a: ProbeAttempt, out: ProbeFinding[]): void {
  const nat = a.nat;
  if (!nat) return;
  if (nat.natDetected && nat.seen) {
    out.push(finding('PROBE_NAT_DETECTED', `${where(a)} saw us as ${nat.seen.address}${nat.seen.port !== null ? ':' + nat.seen.port : ''}; our socket is ${nat.local.address}:${nat.local.port}`, a.index));
  }
  const contactHost = contactHostOf(a.contact ?? '') ?? nat.local.address;
  const privateContact = nonPublicReason(contactHost);
  const publicPeer = nonPublicReason(a.address) === null;
  if ((nat.addressDiffers && contactHost === nat.local.address) || (privateContact && publicPeer && !a.transport.startsWith('ws'))) {
    out.push(finding('PROBE_CONTACT_UNREACHABLE', `our Contact/Via name ${contactHost}${privateContact ? ` (${privateContact})` : ''}, but ${where(a)} ${nat.seen ? `sees us as ${nat.seen.address}` : 'is on the public Internet'}: in-dialog requests from the carrier would not reach us (use --contact with the public address, or keep the connection open over TCP/TLS)`, a.index));
  }
  if (a.transport === 'udp' && a.status !== null && !nat.rportSupported) out.push(finding('PROBE_NO_RPORT', `${where(a)} did not fill rport in the top Via (RFC 3581)`, a.index));
}
