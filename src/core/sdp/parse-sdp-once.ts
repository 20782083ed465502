import { parseSdp } from './parse-sdp.js';
import type { Sdp, SdpProblem } from './types.js';

/** Bodies parsed lately and their results, a ring (by Buffer identity). */
const RING = 16;
const bodies: Array<Buffer | undefined> = new Array<Buffer | undefined>(RING).fill(undefined);
const results: Array<{ sdp: Sdp; problems: SdpProblem[] } | undefined> = new Array<{ sdp: Sdp; problems: SdpProblem[] } | undefined>(RING).fill(undefined);
let next = 0;

/**
 * parseSdp of a message body, parsed once per Buffer while it is recent: validation
 * (validateBody) and the explain media rules read the same body one after the other, and a
 * parsed message returns the same body Buffer every time (an edited body is a new Buffer, so it
 * is parsed again). The result is shared: do not modify it. A ring of the last few bodies rather
 * than a WeakMap: V8 promoted a long-lived WeakMap's values to the old generation although their
 * keys (bodies of messages checked once) died young.
 */
export function parseSdpOnce(body: Buffer): { sdp: Sdp; problems: SdpProblem[] } {
  for (let i = 0; i < RING; i++) if (bodies[i] === body) return results[i]!;
  return keepSdpParse(body, parseSdp(body));
}

/**
 * @internal Makes `hit` the parse of `body` for parseSdpOnce: the parse of a body with the same
 * bytes (ValidationMemo), read-only and shared. Returns `hit`.
 */
export function keepSdpParse(body: Buffer, hit: { sdp: Sdp; problems: SdpProblem[] }): { sdp: Sdp; problems: SdpProblem[] } {
  bodies[next] = body;
  results[next] = hit;
  next = (next + 1) % RING;
  return hit;
}
