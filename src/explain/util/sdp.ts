import type { AnySipMessage } from '../../core/message.js';
import { parseSdpOnce } from '../../core/sdp/parse-sdp-once.js';
import type { Sdp } from '../../core/sdp/types.js';
import { FlowCache } from './flow-cache.js';

/**
 * A parsed SDP body with its lines, split when first asked for (only a finding's column needs
 * them). A class, not an object literal with its own getter: V8 gave each such object a hidden
 * class of its own (the getter is a new closure each time), held in the old generation, and the
 * lines and body the getter's closure holds were promoted with it.
 */
class SdpBody {
  readonly sdp: Sdp;
  private readonly body: Buffer;
  private decoded: string | undefined;
  private split: string[] | undefined;

  constructor(sdp: Sdp, body: Buffer) {
    this.sdp = sdp;
    this.body = body;
  }

  /** The body as UTF-8 text. */
  get text(): string {
    return (this.decoded ??= this.body.toString('utf8'));
  }

  /** The body's lines (split at LF or CRLF); split when first asked for, for a finding's column. */
  get lines(): string[] {
    return (this.split ??= this.text.split(/\r?\n/));
  }
}

const cache = new FlowCache<AnySipMessage, SdpBody | null>();

/**
 * The SDP body of a message (Content-Type application/sdp), parsed once per message and
 * shared by the media rules, with its lines (for columns); null when there is none.
 */
export function sdpOf(msg: AnySipMessage): { readonly sdp: Sdp; readonly text: string; readonly lines: string[] } | null {
  const hit = cache.get(msg);
  if (hit !== undefined) return hit;
  let out: SdpBody | null = null;
  const ct = msg.contentType;
  if (ct && ct.type.toLowerCase() === 'application' && ct.subtype.toLowerCase() === 'sdp' && msg.body.length > 0) {
    const body = msg.body;
    out = new SdpBody(parseSdpOnce(body).sdp, body);
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
