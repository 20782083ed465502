// Probe logic: OPTIONS probes and INVITE calls over one transport, digest authentication, the
// NAT view. Imports core and transport (dns once the resolver lands); never prints.

// Files
export { DigestCredentials } from './credentials.js';
export { DigestAuthenticator, type AuthAnswer, type AuthAttempt, type AuthFailure, type AuthFailureCode } from './authenticator.js';
export type { CallOptions, CallOutcome, CallResult, CallTeardown, ProvisionalInfo } from './call-types.js';
export { Dialog, type ViaSpec } from './dialog.js';
export { chooseChallenges, readChallenges, type DigestAlgorithm, type DigestChallenge } from './digest.js';
export { digestHash, digestResponse, type DigestInput } from './digest-hash.js';
export { runCall } from './invite-call.js';
export { natView, type NatView } from './nat-view.js';
export { listValues, sendOptions, type OptionsProbeOptions, type OptionsResult } from './options-probe.js';
export { Pacer } from './pacer.js';
export { RequestChain } from './request-chain.js';
export { answeredCodecs, buildSdpOffer, CODECS, DEFAULT_CODECS, type SdpOfferOptions } from './sdp-offer.js';
export { ProbeSession, type CallState, type ProbeDelegate, type ProbeSessionOptions } from './session.js';
export { isProbeTransport, literalTarget, parseProbeTarget, PROBE_TRANSPORTS, ProbeTargetError, scannerPattern, type ProbeTarget } from './probe-target.js';
export { meetsExpectation, parseExpectation, pingSummary, PROBE_SCHEMA, type Expectation, type OptionsDetails, type PingSample, type PingSummary, type ProbeAttempt, type ProbeFinding, type ProbeReport, type ProbeSeverity } from './probe-report.js';
export { PROBE_FINDING_CODES, probeFindings } from './probe-findings.js';
