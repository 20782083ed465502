import type { NumberingProfile, ProfileSource } from './types.js';

const E164: ProfileSource = {
  title: 'ITU-T Recommendation E.164 and RFC 3966 §5.1.4 (global numbers start with "+")',
  url: 'https://www.rfc-editor.org/rfc/rfc3966#section-5.1.4',
  says: 'a global number is "+", the country code and the national significant number, at most 15 digits',
};
const NO_PLUS: ProfileSource = {
  title: 'jambonz/sbc-outbound #5; livekit/protocol PR #737',
  url: 'https://github.com/jambonz/sbc-outbound/issues/5',
  says: 'some carriers want E.164 digits without the leading "+"; a per-trunk "plus prefix" switch is common (somleng PR #907)',
};
const NANP: ProfileSource = {
  title: 'NANP dialling practice, as published by US ITSPs (whitesky "Numbering Format", SIP.US "Setting Up Outbound Calling")',
  url: 'https://support.whitesky.us/hc/en-us/articles/224882287-Numbering-Format',
  says: '"1" followed by 10 digits for North American numbers, "011" plus digits for international calls',
};
const US: ProfileSource = { title: 'NANP: country code 1 is shared by the US, Canada and the Caribbean (the main region is US)' };

/** The generic profiles named in issue 5: the spellings carriers ask for, without a carrier. */
export const GENERIC_PROFILES: readonly NumberingProfile[] = [
  {
    id: 'plus-e164',
    name: 'E.164 with +',
    kind: 'generic',
    summary: 'every number as + country code + national number, no separators (+12293160013)',
    format: { value: 'e164', source: E164 },
  },
  {
    id: 'e164-no-plus',
    name: 'E.164 without +',
    kind: 'generic',
    summary: 'every number as country code + national number, no "+" (12293160013, 442079460000)',
    format: { value: 'e164-digits', source: NO_PLUS },
  },
  {
    id: 'nanp-10',
    name: 'NANP 10 digits',
    kind: 'generic',
    summary: 'North American numbers as 10 digits (2293160013); nothing outside +1',
    home: { value: 'US', source: US },
    domestic: { value: 'national-digits', source: { title: 'NANP 10-digit dialling (area code + number)', says: 'the national significant number of a +1 number is 10 digits' } },
  },
  {
    id: 'nanp-11',
    name: 'NANP 1 + 10 digits',
    kind: 'generic',
    summary: 'North American numbers as 1 + 10 digits (12293160013); nothing outside +1',
    home: { value: 'US', source: US },
    domestic: { value: 'nanp-11', source: NANP },
  },
  {
    id: 'idd-011',
    name: 'NANP 1 + 10, 011 for international',
    kind: 'generic',
    summary: 'US dialling practice: 1 + 10 digits within +1, 011 + country code + number for the rest',
    home: { value: 'US', source: US },
    domestic: { value: 'nanp-11', source: NANP },
    format: { value: 'idd', source: NANP },
  },
];
