import type { SipRequest } from '../../core/message.js';
import type { Uri } from '../../core/uri/types.js';
import type { Call } from '../build-flow.js';
import type { FlowMessage } from '../flow-message.js';
import { addressesOf } from './fields.js';
import { FlowCache } from './flow-cache.js';

/** What a request inside a dialog should look like, and where that came from. */
export interface InDialogExpectation {
  request: FlowMessage & { message: SipRequest };
  /** 'uac' when the caller sent it, 'uas' when the callee did. */
  sender: 'uac' | 'uas';
  /** The remote target: the Contact the Request-URI must equal, and the message that set it. */
  target: Uri;
  targetFrom: FlowMessage;
  /** The Route set the request must carry (empty: no Route), and the message it was learned from. */
  routes: Uri[];
  routesFrom: FlowMessage | undefined;
}

function contactUri(m: FlowMessage): Uri | undefined {
  const c = m.message.contacts;
  return c !== '*' && c[0]?.uri ? c[0].uri : undefined;
}

function recordRoutes(m: FlowMessage): Uri[] | undefined {
  const out: Uri[] = [];
  for (const { address } of addressesOf(m.message.getAll('Record-Route'))) {
    if (!address.uri) return undefined;
    out.push(address.uri);
  }
  return out;
}

function strict(routes: Uri[]): boolean {
  return routes.some((u) => u.type === 'sip' && !u.params.has('lr'));
}

const cache = new FlowCache<Call, InDialogExpectation[]>();

/** What an INVITE dialog has set so far, seen from the caller (uac) and the callee (uas). */
interface Dialog {
  uacTarget?: Uri;
  uacTargetFrom?: FlowMessage;
  uacRoutes?: Uri[];
  uacRoutesFrom?: FlowMessage;
  invite: FlowMessage & { message: SipRequest };
  uasTarget?: Uri;
}

/**
 * For each request sent inside an INVITE dialog of a call, the Request-URI and Route set it
 * must carry (RFC 3261 §12.2.1.1): the caller targets the callee's Contact (from the latest
 * 18x/2xx or target refresh) with the Record-Route set reversed; the callee targets the
 * INVITE's Contact with the Record-Route set in order.
 *
 * Only the side the capture was taken at is judged, because Route headers are consumed by the
 * proxies on the way: an INVITE with one Via was seen where the caller sent it (the caller's
 * requests are judged); an INVITE whose Record-Route set is the one of its 2xx was seen at the
 * callee (the callee's requests are judged). Strict routes (no ;lr) are left to route-missing-lr.
 */
export function inDialogExpectations(call: Call): InDialogExpectation[] {
  const hit = cache.get(call);
  if (hit) return hit;
  const out: InDialogExpectation[] = [];
  cache.set(call, out);
  // initial INVITEs (no To tag), by From tag
  const invites = new Map<string, FlowMessage & { message: SipRequest }>();
  // dialog state by From tag, then To tag (two lookups: no key string joined and hashed per message)
  const dialogs = new Map<string, Map<string, Dialog>>();
  const initialBranches = new Set<string>();
  for (const fm of call.messages) {
    const msg = fm.message;
    const fromTag = msg.fromTag;
    if (fromTag === undefined) continue;
    if (msg.kind === 'request' && msg.method === 'INVITE' && msg.toTag === undefined) {
      invites.set(fromTag, fm as FlowMessage & { message: SipRequest });
      if (msg.branch) initialBranches.add(msg.branch);
      continue;
    }
    const toTag = msg.toTag;
    if (toTag === undefined) continue;
    if (msg.kind === 'response') {
      const cseq = msg.cseq;
      const invite = invites.get(fromTag);
      if (!cseq || !invite) continue;
      const isInitial = cseq.method === 'INVITE' && cseq.seq === invite.message.cseq?.seq;
      let d = dialogs.get(fromTag)?.get(toTag);
      if (!d && isInitial && msg.status > 100 && msg.status < 300) {
        d = { invite, uasTarget: contactUri(invite) };
        let byTo = dialogs.get(fromTag);
        if (!byTo) dialogs.set(fromTag, (byTo = new Map()));
        byTo.set(toTag, d);
      }
      if (!d || msg.status < 101 || msg.status >= 300) continue;
      const c = contactUri(fm);
      if (c && (cseq.method === 'INVITE' || cseq.method === 'UPDATE')) {
        d.uacTarget = c;
        d.uacTargetFrom = fm;
      }
      // the route set comes from the dialog-creating response and is recomputed by the 2xx (§13.2.2.4)
      if (isInitial && (d.uacRoutes === undefined || msg.status >= 200)) {
        const rr = recordRoutes(fm);
        if (rr) {
          d.uacRoutes = [...rr].reverse();
          d.uacRoutesFrom = fm;
        }
      }
      continue;
    }
    // an in-dialog request; ACK of a non-2xx reuses the INVITE's branch and belongs to it
    if (msg.method === 'CANCEL' || (msg.method === 'ACK' && msg.branch !== undefined && initialBranches.has(msg.branch))) continue;
    const asUac = dialogs.get(fromTag)?.get(toTag);
    const asUas = dialogs.get(toTag)?.get(fromTag);
    const req = fm as FlowMessage & { message: SipRequest };
    if (asUac && asUac.uacTarget && asUac.uacTargetFrom) {
      const invite = asUac.invite;
      // judged only where the caller sent it: its INVITE left with one Via
      if (invite.message.vias.length !== 1) continue;
      const routes = asUac.uacRoutes ?? [];
      if (strict(routes)) continue;
      out.push({ request: req, sender: 'uac', target: asUac.uacTarget, targetFrom: asUac.uacTargetFrom, routes, routesFrom: asUac.uacRoutesFrom });
      // a target refresh by the caller changes the callee's view, not ours
    } else if (asUas && asUas.uasTarget) {
      const invite = asUas.invite;
      const rr = recordRoutes(invite) ?? [];
      const final = asUas.uacRoutesFrom ? (recordRoutes(asUas.uacRoutesFrom) ?? []) : [];
      // judged only at the callee: the INVITE arrived with the whole Record-Route set
      if (invite.message.vias.length < 2 && rr.length === 0 && final.length > 0) continue;
      if (rr.length !== final.length || strict(rr)) continue;
      out.push({ request: req, sender: 'uas', target: asUas.uasTarget, targetFrom: invite, routes: rr, routesFrom: rr.length > 0 ? invite : undefined });
    }
    // the caller's re-INVITE/UPDATE refreshes the callee's target
    if (asUac && (msg.method === 'INVITE' || msg.method === 'UPDATE')) {
      const c = contactUri(fm);
      if (c) asUac.uasTarget = c;
    }
  }
  return out;
}
