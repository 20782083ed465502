import type { Rule } from '../rule.js';
import ackMissing from './ack-missing.js';
import authLoop from './auth-loop.js';
import authNewCallId from './auth-new-call-id.js';
import callerIdNotOwned from './caller-id-not-owned.js';
import codecNoCommon from './codec-no-common.js';
import contactInternalHostname from './contact-internal-hostname.js';
import contactMissing from './contact-missing.js';
import contentLengthStream from './content-length-stream.js';
import cseqNotIncremented from './cseq-not-incremented.js';
import dialogRouteSetMismatch from './dialog-route-set-mismatch.js';
import dialogTargetMismatch from './dialog-target-mismatch.js';
import domainRoles from './domain-roles.js';
import failureResponse from './failure-response.js';
import identityPassport from './identity-passport.js';
import identityStale from './identity-stale.js';
import identityTnMismatch from './identity-tn-mismatch.js';
import inviteNoResponse from './invite-no-response.js';
import maxForwardsLow from './max-forwards-low.js';
import numberFormatExpected from './number-format-expected.js';
import numberFormatInconsistent from './number-format-inconsistent.js';
import numberInvalid from './number-invalid.js';
import prackRackMismatch from './prack-rack-mismatch.js';
import privacyPai from './privacy-pai.js';
import privateContact from './private-contact.js';
import require100rel from './require-100rel.js';
import response422 from './response-422.js';
import response503 from './response-503.js';
import routeMissingLr from './route-missing-lr.js';
import rtpmapMissing from './rtpmap-missing.js';
import ruriHostIsProxy from './ruri-host-is-proxy.js';
import ruriNotCarrierDomain from './ruri-not-carrier-domain.js';
import sdpHold from './sdp-hold.js';
import sdpPrivateAddress from './sdp-private-address.js';
import sessionExpiresLow from './session-expires-low.js';
import sipSyntax from './sip-syntax.js';
import srtpMismatch from './srtp-mismatch.js';
import tagMissing from './tag-missing.js';
import telLocalNoContext from './tel-local-no-context.js';
import telephoneEventMissing from './telephone-event-missing.js';
import transportNotAllowed from './transport-not-allowed.js';
import udpTooLarge from './udp-too-large.js';
import userPhoneMissing from './user-phone-missing.js';
import userTel from './user-tel.js';
import userTrunkParams from './user-trunk-params.js';
import viaBranchCookie from './via-branch-cookie.js';
import viaPrivateNoRport from './via-private-no-rport.js';
import viaReceivedNat from './via-received-nat.js';
import viaSentByMismatch from './via-sent-by-mismatch.js';

/** Every rule, by id (sorted). One file per rule in this folder; docs in docs/rules/<id>.md. */
export const RULES: ReadonlyMap<string, Rule> = new Map(
  [
    ackMissing,
    authLoop,
    authNewCallId,
    callerIdNotOwned,
    codecNoCommon,
    contactInternalHostname,
    contactMissing,
    contentLengthStream,
    cseqNotIncremented,
    dialogRouteSetMismatch,
    dialogTargetMismatch,
    domainRoles,
    failureResponse,
    identityPassport,
    identityStale,
    identityTnMismatch,
    inviteNoResponse,
    maxForwardsLow,
    numberFormatExpected,
    numberFormatInconsistent,
    numberInvalid,
    prackRackMismatch,
    privacyPai,
    privateContact,
    require100rel,
    response422,
    response503,
    routeMissingLr,
    rtpmapMissing,
    ruriHostIsProxy,
    ruriNotCarrierDomain,
    sdpHold,
    sdpPrivateAddress,
    sessionExpiresLow,
    sipSyntax,
    srtpMismatch,
    tagMissing,
    telLocalNoContext,
    telephoneEventMissing,
    transportNotAllowed,
    udpTooLarge,
    userPhoneMissing,
    userTel,
    userTrunkParams,
    viaBranchCookie,
    viaPrivateNoRport,
    viaReceivedNat,
    viaSentByMismatch,
  ]
    .sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))
    .map((r) => [r.meta.id, r]),
);
