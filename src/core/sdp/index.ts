// Files
export { formatSdp } from './format-sdp.js';
export { parseSdp } from './parse-sdp.js';
export {
  attributeValues,
  candidates,
  cryptos,
  effectiveConnection,
  fmtps,
  isRtpProto,
  mediaDirection,
  parseCandidate,
  parseCrypto,
  parseFmtp,
  parseRtpmap,
  ptime,
  rtpmaps,
  SDP_DIRECTIONS,
  STATIC_PAYLOAD_TYPES,
  type SdpCandidate,
  type SdpCrypto,
  type SdpDirection,
  type SdpRtpmap,
} from './sdp-media.js';
export {
  emptySdp,
  type Sdp,
  type SdpAttribute,
  type SdpBandwidth,
  type SdpConnection,
  type SdpMedia,
  type SdpOrigin,
  type SdpProblem,
  type SdpTiming,
} from './types.js';
