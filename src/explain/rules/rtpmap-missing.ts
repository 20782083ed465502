import { isRtpProto, parseRtpmap, STATIC_PAYLOAD_TYPES } from '../../core/sdp/sdp-media.js';
import type { FlowMessage } from '../flow-message.js';
import { defineRule, type RuleContext } from '../rule.js';
import { sdpOf } from '../util/sdp.js';

export default defineRule({
  meta: {
    id: 'rtpmap-missing',
    category: 'media',
    severity: 'error',
    description: 'An RTP m= line lists a payload type that has no a=rtpmap and no static assignment (a dynamic type 96-127 or an unassigned one), so nobody can tell which codec it is.',
    ref: 'RFC 4566 §6 (rtpmap); RFC 3551 §6; RFC 3264 §5.1',
    fix: 'Add an a=rtpmap line for every dynamic payload type on the m= line, e.g. "a=rtpmap:101 telephone-event/8000" or "a=rtpmap:111 opus/48000/2"; or remove the payload type from the m= line.',
    messages: {
      missing: 'payload type {{pt}} on this m= line has no a=rtpmap and no static meaning: the other side does not know the codec, so it ignores the format (or rejects the offer with 488 when nothing else is left)',
    },
  },
  visits: 'sdpBodies',
  message(ctx, m) {
    const text = sdpOf(m.message)?.text;
    if (text === undefined) return;
    // the body's lines as text.split(/\r?\n/) cuts them, walked in place (no string or array per line)
    for (let i = 0, p = 0; i < 10000; i++) {
      const nl = text.indexOf('\n', p);
      if (text.startsWith('m=', p)) missingIn(ctx, m, text, p, lineEnd(text, p, nl), i, nl);
      if (nl < 0) break;
      p = nl + 1;
    }
  },
});

/** Where the line that starts at `p` ends (before its CR), with `nl` its LF (-1: the last line). */
function lineEnd(text: string, p: number, nl: number): number {
  const e = nl < 0 ? text.length : nl;
  return e > p && text.charCodeAt(e - 1) === 13 ? e - 1 : e;
}

/** Reports the formats of the m= line at start..end (line `i`, 0-based; LF at `nl`) that have no meaning. */
function missingIn(ctx: RuleContext, m: FlowMessage, text: string, start: number, end: number, i: number, nl: number): void {
  const words = text.slice(start + 2, end).split(' ');
  if (words.length < 4 || !isRtpProto(words[2]!)) return;
  // the block's a=rtpmap lines are read only when a format needs one
  let needed = false;
  for (let k = 3; k < words.length && !needed; k++) {
    const pt = payloadType(words[k]!);
    needed = pt >= 0 && pt <= 127 && !STATIC_PAYLOAD_TYPES.has(pt);
  }
  if (!needed) return;
  const mapped = new Set<number>();
  for (let j = i + 1, p = nl + 1, next = nl; next >= 0 && j < i + 10000; j++, p = next + 1) {
    next = text.indexOf('\n', p);
    if (text.startsWith('m=', p)) break;
    if (text.startsWith('a=rtpmap:', p)) {
      const r = parseRtpmap(text.slice(p + 9, lineEnd(text, p, next)));
      if (r) mapped.add(r.payloadType);
    }
  }
  // after "m=" and the first three words with their spaces
  let col = 2 + words[0]!.length + words[1]!.length + words[2]!.length + 2 + 1;
  for (let k = 3; k < words.length; k++) {
    const f = words[k]!;
    const pt = payloadType(f);
    if (pt >= 0 && pt <= 127 && !mapped.has(pt) && !STATIC_PAYLOAD_TYPES.has(pt)) {
      ctx.report({ messageId: 'missing', data: { pt }, message: m, at: { bodyLine: i + 1, column: col + 1, length: f.length } });
    }
    col += f.length + 1;
  }
}

/** A format as a payload type (up to three digits), or -1. */
function payloadType(f: string): number {
  return /^\d{1,3}$/.test(f) ? Number(f) : -1;
}
