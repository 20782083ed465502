import type { OutputFormat } from '../types.js';

/** Where a profile value comes from: a carrier's published page, an RFC, an issue thread. */
export interface ProfileSource {
  title: string;
  url?: string;
  /** What the source says, in our words. */
  says?: string;
}

/** A profile value and the source that justifies it. */
export interface Sourced<T> {
  value: T;
  source: ProfileSource;
}

/** How the carrier wants `;user=phone` on SIP URIs that carry a number. */
export type UserPhoneRule = 'required' | 'recommended' | 'optional' | 'omit';

/**
 * A carrier (or generic) numbering profile: how the numbers you send must be written.
 * Numbers whose calling code is the one of `home` are written in `domestic` (when given);
 * every other number in `format`. A number that neither rule covers is reported as not
 * representable instead of being guessed.
 */
export interface NumberingProfile {
  /** Lower-case id used with --carrier. */
  id: string;
  name: string;
  kind: 'generic' | 'carrier' | 'custom';
  /** One line: what the profile is for. */
  summary: string;
  /** Format for numbers outside `home` (or for all numbers when there is no `domestic`). */
  format?: Sourced<OutputFormat>;
  /** Country whose calling code counts as domestic; also the from-country of `idd`. */
  home?: Sourced<string>;
  /** Format for numbers with the home calling code (e.g. nanp-11 for +1 numbers). */
  domestic?: Sourced<OutputFormat>;
  /** Other spellings the carrier is documented to accept. */
  accepts?: Sourced<OutputFormat[]>;
  /** How the carrier presents numbers on calls it sends you (inbound). */
  inbound?: Sourced<OutputFormat>;
  userPhone?: Sourced<UserPhoneRule>;
  notes?: Sourced<string>[];
}
