/** One line of a streamed input. */
export interface InputLine {
  /** 1-based line number. */
  number: number;
  /** The text without its line ending, or null when it was not kept (too long, not text). */
  text: string | null;
  /** Length in bytes (without the line ending). */
  bytes: number;
  /** Why `text` is null. */
  problem?: 'too-long' | 'not-text';
}

const NL = 10;

/**
 * Splits a byte stream into lines ("\n" or "\r\n") and yields them in batches, one batch per
 * chunk read, so a million-line input costs a million strings but not a million promises.
 * A line over `maxBytes` is counted but not kept: memory stays bounded whatever the input (a
 * 10 MB line, or binary data with no newline at all). Lines that are not valid UTF-8 are
 * reported as not text.
 */
export async function* readLineBatches(stream: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<InputLine[]> {
  let parts: Buffer[] = [];
  let kept = 0; // bytes held in parts
  let length = 0; // bytes of the current line, kept or not
  let overflow = false;
  let lineNo = 0;
  const finishLine = (out: InputLine[]): void => {
    lineNo++;
    if (overflow) {
      out.push({ number: lineNo, text: null, bytes: length, problem: 'too-long' });
    } else {
      let buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts, kept);
      if (buf.length > 0 && buf[buf.length - 1] === 13) buf = buf.subarray(0, buf.length - 1);
      out.push(decode(buf, lineNo));
    }
    parts = [];
    kept = 0;
    length = 0;
    overflow = false;
  };
  for await (const raw of stream) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    const out: InputLine[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(NL, start);
      const end = nl < 0 ? chunk.length : nl;
      const piece = end - start;
      length += piece;
      if (!overflow) {
        if (kept + piece > maxBytes) {
          overflow = true;
          parts = [];
          kept = 0;
        } else if (piece > 0) {
          parts.push(chunk.subarray(start, end));
          kept += piece;
        }
      }
      if (nl < 0) break;
      finishLine(out);
      start = nl + 1;
    }
    // parts may still point into `chunk`: copy what is kept so the chunk can be freed
    if (parts.length > 0) {
      parts = [Buffer.concat(parts, kept)];
    }
    if (out.length > 0) yield out;
  }
  if (length > 0 || parts.length > 0) {
    const out: InputLine[] = [];
    finishLine(out);
    yield out;
  }
}

function decode(buf: Buffer, number: number): InputLine {
  const text = buf.toString('utf8');
  if (text.includes('\ufffd') && !buf.includes(REPLACEMENT)) return { number, text: null, bytes: buf.length, problem: 'not-text' };
  return { number, text, bytes: buf.length };
}

const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);
