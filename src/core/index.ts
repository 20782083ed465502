// SIP message core: parsing, building, serializing, URIs, header values, SDP. Pure: no I/O.

// Files
export { buildRequest, type AddressSpec, type BuildContext, type RequestSpec } from './build-request.js';
export { buildResponse, type ResponseOptions } from './build-response.js';
export { SipParseError } from './errors.js';
export { HeaderField } from './header-field.js';
export { canonicalName, COMPACT_FORMS, compactFormOf, isKnownHeader, LIST_HEADERS, SINGLE_HEADERS } from './header-names.js';
export { HEADER_PARSERS, type HeaderValueMap, type KnownHeader } from './header-parsers.js';
export { defaultRandom, newBranch, newCallId, newTag, seededRandom, type RandomSource } from './ids.js';
export { DEFAULT_LIMITS, type ParseLimits } from './limits.js';
export { SipMessage, SipRequest, SipResponse, type AnySipMessage, type MessageSource } from './message.js';
export { parseMessage, parseMessageOrThrow, type ParseOptions, type ParseResult } from './parse-message.js';
export { hasErrors, PROBLEM_CODES, sortProblems, type Position, type Problem, type ProblemCode, type ProblemInfo, type Severity } from './problems.js';
export { reasonPhrase, REASON_PHRASES } from './reason-phrases.js';
export { rebuildMessage, serializeMessage, serializeMessageToString, type SerializeOptions } from './serialize-message.js';
export { findBodyEnd, parseMessages, type ParsedEntry, type SplitOptions } from './split-messages.js';
export { StreamFramer, type FramedMessage, type FramerOptions } from './stream-framer.js';
export { validateMessage, type ValidateOptions } from './validate-message.js';

// Header values
export { authParam, formatAuth, type AuthValue } from './headers/auth.js';
export { formatCSeq, type CSeq } from './headers/cseq.js';
export { formatMediaType, type MediaType } from './headers/media-type.js';
export { formatNameAddr, type NameAddr } from './headers/name-addr.js';
export { LIMITS } from './headers/numbers.js';
export type { RAck } from './headers/rack.js';
export type { RetryAfter } from './headers/retry-after.js';
export type { TokenWithParams } from './headers/token-params.js';
export { BRANCH_COOKIE, formatVia, type Via } from './headers/via.js';
export type { WarningValue } from './headers/warning.js';
export { ParamList, type Param } from './syntax/params.js';
export type { ValueProblem } from './syntax/report.js';

// URIs
export { percentDecode, percentEncode } from './uri/escape.js';
export { formatUri } from './uri/format-uri.js';
export { bareHost, hostType, isIPv4, isIPv6, type HostType } from './uri/host.js';
export { parseUri, parseUriOrThrow, parseUriWithProblems, UriParseError } from './uri/parse-uri.js';
export { uriEquals } from './uri/uri-equals.js';
export { splitUserPart } from './uri/user-part.js';
export { readTelephoneSubscriber, type TelephoneSubscriber } from './uri/telephone-subscriber.js';
export type { AbsoluteUri, SipUri, TelUri, Uri } from './uri/types.js';

// Bodies
export { splitMultipart, type BodyPart } from './body/multipart.js';
export * from './sdp/index.js';
