import type { AnySipMessage } from '../../core/message.js';
import { parseSdpOnce } from '../../core/sdp/parse-sdp-once.js';
import type { Sdp } from '../../core/sdp/types.js';
import { FlowCache } from './flow-cache.js';

const cache = new FlowCache<AnySipMessage, { sdp: Sdp; lines: string[] } | null>();

/**
 * The SDP body of a message (Content-Type application/sdp), parsed once per message and
 * shared by the media rules, with its lines (for columns); null when there is none.
 */
export function sdpOf(msg: AnySipMessage): { sdp: Sdp; lines: string[] } | null {
  const hit = cache.get(msg);
  if (hit !== undefined) return hit;
  let out: { sdp: Sdp; lines: string[] } | null = null;
  const ct = msg.contentType;
  if (ct && ct.type.toLowerCase() === 'application' && ct.subtype.toLowerCase() === 'sdp' && msg.body.length > 0) {
    const body = msg.body;
    const sdp = parseSdpOnce(body).sdp;
    let lines: string[] | undefined;
    // the lines are only needed for the column of a finding
    out = {
      sdp,
      get lines(): string[] {
        return (lines ??= body.toString('utf8').split(/\r?\n/));
      },
    };
  }
  cache.set(msg, out);
  return out;
}

/** 1-based column of `needle` in SDP line `line` (1-based), after `from`; 1 when absent. */
export function sdpColumn(lines: string[], line: number, needle: string, from = 0): number {
  const text = lines[line - 1] ?? '';
  const i = text.indexOf(needle, from);
  return i < 0 ? 1 : i + 1;
}
