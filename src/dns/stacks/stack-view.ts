import type { Transport } from '../transports.js';

export type StackId = 'pjsip' | 'kamailio' | 'kamailio-naptr' | 'sofia-sip';

export interface StackTarget {
  transport: Transport;
  host: string;
  address: string;
  port: number;
}

/**
 * What one SIP stack would do with the same target and the same DNS data: the lookups it makes
 * (in words), the targets it would try in order, and where its behaviour comes from in its code.
 */
export interface StackView {
  id: StackId;
  name: string;
  /** The settings modelled (defaults unless said otherwise). */
  settings: string;
  /** What the stack asks and gets, in order. */
  steps: string[];
  /** The targets it would try, in order; the first is where the first request goes. */
  targets: StackTarget[];
  /** ok: has a target; no-target: gives up (with the local error it reports); unknown: needs data siptool did not look up. */
  outcome: 'ok' | 'no-target' | 'unknown';
  /** Its first target is the RFC 3263 first target (both none counts as agreeing). */
  agreesWithRfc: boolean;
  /** Behaviours that decide the result for this zone. */
  notes: string[];
  /** Where in the stack's source the modelled behaviour lives. */
  sources: string[];
}
