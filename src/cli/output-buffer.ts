/**
 * Collects output and writes it in large pieces, waiting for the stream to drain, so a batch
 * of a million lines neither makes a million write calls nor fills memory when the reader is slow.
 */
/** A Node writable stream, or a writer that never needs draining (stdio.ts: write returns true). */
export interface OutputStream {
  write(text: string): boolean;
  once?(event: 'drain', listener: () => void): unknown;
}

export class OutputBuffer {
  private chunks: string[] = [];
  private size = 0;
  private readonly stream: OutputStream;
  private readonly limit: number;

  constructor(stream: OutputStream, limit = 64 * 1024) {
    this.stream = stream;
    this.limit = limit;
  }

  /** Adds text; returns a promise only when a flush had to wait for the stream. */
  write(text: string): Promise<void> | undefined {
    this.chunks.push(text);
    this.size += text.length;
    return this.size >= this.limit ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const text = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    if (!this.stream.write(text)) await new Promise<void>((resolve) => (this.stream.once ? this.stream.once('drain', resolve) : resolve()));
  }
}
