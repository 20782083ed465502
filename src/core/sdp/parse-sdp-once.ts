import { parseSdp } from './parse-sdp.js';
import type { Sdp, SdpProblem } from './types.js';

const parsedBodies = new WeakMap<Buffer, { sdp: Sdp; problems: SdpProblem[] }>();

/**
 * parseSdp of a message body, parsed once per Buffer: validation (validateBody) and the explain
 * media rules read the same body, and a parsed message returns the same body Buffer every time
 * (an edited body is a new Buffer, so it is parsed again). The result is shared: do not modify it.
 */
export function parseSdpOnce(body: Buffer): { sdp: Sdp; problems: SdpProblem[] } {
  let hit = parsedBodies.get(body);
  if (hit === undefined) {
    hit = parseSdp(body);
    parsedBodies.set(body, hit);
  }
  return hit;
}
