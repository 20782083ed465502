/**
 * What the carrier on the other side of the trunk expects. Every field is optional: a rule
 * that needs one says nothing without it. Loaded from siptool.config.json ("profile").
 */
export interface CarrierProfile {
  /** A name for reports ("twilio-elastic-sip"). */
  name?: string;
  /** The carrier's SIP domains (termination URI hosts); the Request-URI host must be one of them. */
  domains?: string[];
  /** Expected number format per header, by `siptool number` format name (e164, e164-digits, national-digits, nanp-11, idd). */
  numberFormat?: Partial<Record<'requestUri' | 'to' | 'from' | 'pai' | 'diversion', string>>;
  /** Whether numeric users must carry user=phone. */
  userPhone?: 'required' | 'optional';
  /** Whether the carrier Record-Routes (its Contact may then be private). */
  recordRoute?: boolean;
  /** Codecs the trunk accepts, by encoding name (PCMU, PCMA, G729, G722, opus ...). */
  codecs?: string[];
  /** Transports the trunk accepts. */
  transports?: Array<'udp' | 'tcp' | 'tls' | 'ws' | 'wss'>;
  /** SRTP: required (secure trunk), forbidden (plain RTP only) or optional. */
  srtp?: 'required' | 'forbidden' | 'optional';
  /** Calling numbers (E.164) the trunk may present; anything else gets screened (403). */
  ownedNumbers?: string[];
  /** Default country for national numbers (ISO 3166 alpha-2). */
  country?: string;
}

export const EMPTY_PROFILE: CarrierProfile = {};
