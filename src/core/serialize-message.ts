import type { AnySipMessage } from './message.js';
import { latin1Bytes, utf8ToLatin1 } from './syntax/chars.js';

export interface SerializeOptions {
  /**
   * 'fix' (default): an edited or built message gets a Content-Length equal to its body length
   * (rewritten when wrong, added when missing). 'keep': leave the headers as they are.
   */
  contentLength?: 'fix' | 'keep';
}

/**
 * The message as bytes. A parsed message that was not modified comes back byte-identical to
 * its source (folding, compact names, odd spacing and all); an edited one is rebuilt from its
 * fields, where unedited fields keep their exact source text.
 */
export function serializeMessage(msg: AnySipMessage, options: SerializeOptions = {}): Buffer {
  const src = msg.source;
  if (src !== null && !msg.modified) return Buffer.from(src.input.subarray(src.start, src.end));
  return rebuildMessage(msg, options);
}

/** Serializes from the model even when nothing changed (used by tests to exercise the rebuild path). */
export function rebuildMessage(msg: AnySipMessage, options: SerializeOptions = {}): Buffer {
  const src = msg.source;
  const fixLength = (options.contentLength ?? 'fix') === 'fix';
  const body = msg.body;
  let head = startLineOf(msg) + (src?.startLineEol || '\r\n');
  let sawLength = false;
  for (const h of msg.headers) {
    if (h.name === 'Content-Length' && fixLength) {
      if (sawLength) continue; // one Content-Length only
      sawLength = true;
      const current = h.lexValue.trim();
      if (current !== String(body.length)) {
        head += `${h.rawName}: ${body.length}\r\n`;
        continue;
      }
    }
    head += h.raw + (h.eol || '\r\n');
  }
  if (fixLength && !sawLength) head += `Content-Length: ${body.length}\r\n`;
  head += src?.blankLineEol || '\r\n';
  // (most requests a probe sends have no body: no concat)
  return body.length === 0 ? latin1Bytes(head) : Buffer.concat([latin1Bytes(head), body]);
}

function startLineOf(msg: AnySipMessage): string {
  const src = msg.source;
  return src !== null && !msg.startLineModified ? src.startLine : utf8ToLatin1(msg.startLine);
}

/** Serializes to a string (UTF-8 decoded), for display and tests. */
export function serializeMessageToString(msg: AnySipMessage, options?: SerializeOptions): string {
  return serializeMessage(msg, options).toString('utf8');
}
