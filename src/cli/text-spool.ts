import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../explain/rule.js';
import type { FindingsJsonWriter } from '../format/findings-json-bytes.js';
import { arrayItemsBytes } from '../format/findings-json.js';

const BLOCK = 256 * 1024;

/**
 * Text written to a temporary file as a report is made, and read back in blocks when it is
 * written out: the reports of explain (JSON, SARIF, JUnit) never hold their long parts in memory.
 */
export class TextSpool {
  private readonly fd: number;
  /** Bytes written so far. */
  size = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w+');
  }

  /** Appends text (UTF-8) or bytes start..end of a buffer. */
  write(data: string | Buffer, start = 0, end = typeof data === 'string' ? 0 : data.length): void {
    if (typeof data === 'string') {
      if (data.length === 0) return;
      this.size += writeSync(this.fd, data);
      return;
    }
    while (start < end) {
      const n = writeSync(this.fd, data, start, end - start);
      start += n;
      this.size += n;
    }
  }

  /**
   * Bytes from..to, in blocks: one block, read into again for the next one, so the caller must be
   * done with a block (written it out: stdio.ts writes synchronously) before it asks for the
   * next. A new block per read gave the kernel fresh pages to map and zero for every 256 KiB
   * copied, and kept the blocks until a GC (16 MB bench capture: 15% of the page faults, ~25 MB
   * of peak RSS).
   */
  *read(from = 0, to = this.size): Generator<Buffer> {
    const block = Buffer.allocUnsafe(BLOCK);
    for (let pos = from; pos < to; ) {
      const n = readSync(this.fd, block, 0, Math.min(BLOCK, to - pos), pos);
      if (n <= 0) return;
      pos += n;
      yield block.subarray(0, n);
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** A TextSpool in a temporary folder of its own (in TMPDIR), removed by close(). */
export class TempSpool extends TextSpool {
  private readonly dir: string;

  constructor(dir = mkdtempSync(join(tmpdir(), 'siptool-explain-'))) {
    super(join(dir, 'report.part'));
    this.dir = dir;
  }

  override close(): void {
    super.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The elements of one JSON array of a report, spooled as their text (arrayItemsBytes: one
 * JSON.stringify per batch, the separators included; `depth`: how far down the document the
 * array sits; findings of the JSON report by its FindingsJsonWriter). `count`: elements so far.
 */
export class JsonArraySpool extends TempSpool {
  count = 0;

  add(values: readonly object[], options: { depth?: number; writer?: FindingsJsonWriter } = {}): void {
    const first = this.count === 0;
    const items = options.writer ? options.writer.items(values as readonly Finding[], first) : arrayItemsBytes(values, first, options.depth);
    if (!items) return;
    this.write(items.lead);
    this.write(items.bytes, items.start, items.end);
    this.count += values.length;
  }
}
