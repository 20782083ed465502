import { closeSync, openSync, writeSync } from 'node:fs';

/** Where a PcapWriter puts its bytes: a Node Writable, or any object with write(). */
export interface PcapSink {
  write(chunk: Buffer): unknown;
  /** Called by PcapWriter.end(). */
  end?(): unknown;
}

/** Collects a capture in memory. */
export class MemorySink implements PcapSink {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  write(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  get length(): number {
    return this.size;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks, this.size);
  }
}

/**
 * Writes a capture to a file synchronously through a small buffer: every packet is on disk once
 * end() returns (or once the buffer fills), with no stream back-pressure to manage.
 */
export class FileSink implements PcapSink {
  private fd: number | undefined;
  private buf = Buffer.alloc(256 * 1024);
  private used = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(chunk: Buffer): void {
    if (this.fd === undefined) throw new Error('FileSink is closed');
    if (this.used + chunk.length > this.buf.length) this.flush();
    if (chunk.length >= this.buf.length) {
      writeSync(this.fd, chunk);
      return;
    }
    chunk.copy(this.buf, this.used);
    this.used += chunk.length;
  }

  /** Writes what is buffered. */
  flush(): void {
    if (this.fd === undefined || this.used === 0) return;
    let off = 0;
    while (off < this.used) off += writeSync(this.fd, this.buf, off, this.used - off);
    this.used = 0;
  }

  end(): void {
    if (this.fd === undefined) return;
    this.flush();
    closeSync(this.fd);
    this.fd = undefined;
  }
}
