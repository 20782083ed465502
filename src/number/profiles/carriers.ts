import type { NumberingProfile, ProfileSource } from './types.js';

const TWILIO_32101: ProfileSource = {
  title: 'Twilio error 32101 and the Elastic SIP Trunking troubleshooting guide',
  url: 'https://www.twilio.com/docs/api/errors/32101',
  says: 'numbers sent to a Twilio trunk must be E.164 with the leading "+"',
};
const LIVEKIT_737: ProfileSource = {
  title: 'livekit/protocol PR #737',
  url: 'https://github.com/livekit/protocol/pull/737',
  says: '"Twilio requires leading +, Telnyx omits it by default": a frequent support question',
};
const TELNYX_FORMATS: ProfileSource = {
  title: 'Telnyx support: SIP Connection number formats (inbound DNIS/ANI)',
  url: 'https://support.telnyx.com/voice-and-fax/general-help/dialing-format',
  says: 'the inbound tab of a SIP connection picks how the dialled (DNIS) and calling (ANI) numbers are written; integration guides tell you to select +E.164',
};
const TELNYX_OUT: ProfileSource = {
  title: 'Telnyx SIP trunking docs (outbound voice profiles, localisation)',
  url: 'https://developers.telnyx.com/docs/voice/sip-trunking/get-started',
  says: 'E.164 works everywhere; under US localisation national (10-digit) and 1+10 forms are accepted, across borders only E.164',
};
const VONAGE: ProfileSource = {
  title: 'Vonage Voice API guide: Numbers (Formatting), applies to SIP Trunking',
  url: 'https://developer.vonage.com/en/voice/voice-api/guides/numbers',
  says: 'all numbers are E.164 without a leading "+" or an international access code, and without spaces, brackets or dashes: 14155550101, 447700900123',
};
const WHITESKY: ProfileSource = {
  title: 'whitesky communications: Numbering Format',
  url: 'https://support.whitesky.us/hc/en-us/articles/224882287-Numbering-Format',
  says: 'called numbers as "1" + 10 digits, "011" + digits for international; full E.164 with "+" also supported; inbound numbers presented as 1 + 10 digits; caller ID must be 1 + 10 digits',
};
const SIPUS: ProfileSource = {
  title: 'SIP.US: Setting Up Outbound Calling',
  url: 'https://support.sip.us/hc/en-us/articles/207603323-Setting-Up-Outbound-Calling',
  says: 'North American calls must be sent as 11 digits (1NXXNXXXXXX), no dashes, brackets or stars; 10 digits fail',
};
const DIDWW: ProfileSource = {
  title: 'DIDWW: Outbound Dialing, Number Format',
  url: 'https://doc.didww.com/voice/outbound-trunks/technical-data/outbound-dialing.html',
  says: 'send country code + area code + subscriber number; a leading 00 or + is removed automatically; the same for caller ID',
};
const NFON: ProfileSource = {
  title: 'NFON nconnect Voice SIP trunk: Phone number formats',
  url: 'https://www.nfon.com/en/service/documentation/leaflets/nconnect-voice-sip-trunk/leaflet-nconnect-voice/b-technical-specification/2-phone-number-formats',
  says: 'accepts +49… and 0049… in From, To, P-Asserted-Identity and P-Preferred-Identity; local forms with or without the area code are also allowed; incoming numbers are always international with a leading 00',
};
const RFC3261_USER: ProfileSource = {
  title: 'RFC 3261 §19.1.1 (user=phone marks a telephone-subscriber user part)',
  url: 'https://www.rfc-editor.org/rfc/rfc3261#section-19.1.1',
};
const US: ProfileSource = { title: 'the carrier serves the NANP (country code 1)' };
const DE: ProfileSource = { title: 'NFON is a German carrier; 00 is the international prefix in Germany' };

/** Carriers whose published numbering rules can be cited. docs/carriers.md shows the same data. */
export const CARRIER_PROFILES: readonly NumberingProfile[] = [
  {
    id: 'twilio',
    name: 'Twilio Elastic SIP Trunking',
    kind: 'carrier',
    summary: 'always E.164 with "+", in both directions',
    format: { value: 'e164', source: TWILIO_32101 },
    inbound: { value: 'e164', source: LIVEKIT_737 },
    userPhone: { value: 'optional', source: RFC3261_USER },
  },
  {
    id: 'telnyx',
    name: 'Telnyx SIP trunking',
    kind: 'carrier',
    summary: 'send E.164 with "+"; inbound numbers come without "+" unless the connection is set to +E.164',
    home: { value: 'US', source: TELNYX_OUT },
    format: { value: 'e164', source: TELNYX_OUT },
    accepts: { value: ['e164', 'nanp-11', 'national-digits'], source: TELNYX_OUT },
    inbound: { value: 'e164-digits', source: LIVEKIT_737 },
    userPhone: { value: 'optional', source: RFC3261_USER },
    notes: [{ value: 'set DNIS and ANI to +E.164 on the SIP connection so inbound numbers match what you send', source: TELNYX_FORMATS }],
  },
  {
    id: 'vonage',
    name: 'Vonage SIP Trunking',
    kind: 'carrier',
    summary: 'E.164 digits without "+" (14155550101, 447700900123)',
    format: { value: 'e164-digits', source: VONAGE },
    inbound: { value: 'e164-digits', source: VONAGE },
  },
  {
    id: 'whitesky',
    name: 'whitesky communications',
    kind: 'carrier',
    summary: 'US practice: 1 + 10 digits within +1, 011 for international; caller ID 1 + 10 digits',
    home: { value: 'US', source: US },
    domestic: { value: 'nanp-11', source: WHITESKY },
    format: { value: 'idd', source: WHITESKY },
    accepts: { value: ['nanp-11', 'idd', 'e164'], source: WHITESKY },
    inbound: { value: 'nanp-11', source: WHITESKY },
  },
  {
    id: 'sipus',
    name: 'SIP.US',
    kind: 'carrier',
    summary: 'North American numbers as 11 digits (1NXXNXXXXXX); international rules not recorded here',
    home: { value: 'US', source: US },
    domestic: { value: 'nanp-11', source: SIPUS },
  },
  {
    id: 'didww',
    name: 'DIDWW outbound trunks',
    kind: 'carrier',
    summary: 'E.164 digits without "+"; a leading + or 00 is stripped by DIDWW',
    format: { value: 'e164-digits', source: DIDWW },
    accepts: { value: ['e164-digits', 'e164'], source: DIDWW },
  },
  {
    id: 'nfon',
    name: 'NFON nconnect Voice',
    kind: 'carrier',
    summary: 'E.164 with "+" (or 00 from Germany); inbound numbers arrive as 00 + country code',
    home: { value: 'DE', source: DE },
    format: { value: 'e164', source: NFON },
    accepts: { value: ['e164', 'idd', 'national-digits'], source: NFON },
    inbound: { value: 'idd', source: NFON },
  },
];
