import type { ResolveResult } from '../resolve-result.js';
import { kamailioView } from './kamailio.js';
import { pjsipView } from './pjsip.js';
import { sofiaView } from './sofia.js';
import type { StackView } from './stack-view.js';
import { ZoneView } from './zone-view.js';

/**
 * "How common SIP stacks would resolve this": pjsip, Kamailio (defaults, and with NAPTR on) and
 * sofia-sip, each run against the DNS data this resolution collected (no extra queries).
 */
export function compareStacks(r: ResolveResult): StackView[] {
  const view = new ZoneView(r);
  return [pjsipView(r, view), kamailioView(r, view, false), kamailioView(r, view, true), sofiaView(r, view)];
}
