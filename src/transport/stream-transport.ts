import type { Socket } from 'node:net';
import { StreamFramer } from '../core/stream-framer.js';
import { BaseTransport, endpoint, errText, fmt } from './base-transport.js';
import { wallClock } from './clock.js';
import { TransportError } from './errors.js';
import type { OpenTransportOptions } from './types.js';

/**
 * SIP over a byte stream (TCP, TLS): the core's StreamFramer cuts messages by Content-Length
 * (RFC 3261 §18.3). A peer that sends garbage, breaks framing or exceeds the size limit gets
 * the connection closed with TRANSPORT_ERR_FRAMING or TRANSPORT_ERR_MESSAGE_TOO_LARGE; memory
 * stays bounded by the limit. One connection carries the whole dialog.
 */
export class StreamTransport extends BaseTransport {
  readonly protocol: 'tcp' | 'tls';
  readonly reliable = true;
  readonly viaTransport: string;
  private readonly socket: Socket;
  private readonly framer: StreamFramer;
  private closing: Promise<void> | null = null;
  private localClose = false;

  constructor(protocol: 'tcp' | 'tls', options: OpenTransportOptions, socket: Socket) {
    super(options, endpoint(socket.localAddress, socket.localPort), endpoint(socket.remoteAddress ?? options.address, socket.remotePort ?? options.port));
    this.protocol = protocol;
    this.viaTransport = protocol.toUpperCase();
    this.socket = socket;
    this.framer = new StreamFramer({ validate: false, limits: { maxHeaderBytes: this.limits.maxHeaderBytes, maxBodyBytes: this.limits.maxMessageBytes } });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => this.fail(new TransportError('TRANSPORT_ERR_SOCKET', `${this.viaTransport} connection to ${fmt(this.remote)}: ${errText(err)}`, { cause: err })));
    socket.on('end', () => {
      if (!this.localClose) {
        const partial = this.framer.buffered;
        this.fail(
          new TransportError('TRANSPORT_ERR_CLOSED', `${fmt(this.remote)} closed the ${this.viaTransport} connection${partial ? ` in the middle of a message (${partial} bytes unfinished)` : ''}`, {
            details: { bufferedBytes: partial },
          }),
        );
      }
    });
    socket.on('close', () => this.markClosed());
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    // (a failed transport ignores whatever still arrives)
    const at = wallClock();
    this.stats.bytesReceived += chunk.length;
    const framed = this.framer.push(chunk);
    this.stats.bufferedBytes = this.framer.buffered;
    for (const f of framed) {
      if (this.closed) return;
      if (f.message && !f.message.version.startsWith('SIP/')) {
        this.fail(new TransportError('TRANSPORT_ERR_FRAMING', `${fmt(this.remote)} sent ${f.message.version} instead of SIP/2.0; connection closed`));
        return;
      }
      if (f.message && !this.framer.failed) this.deliver(f.message, f.raw, this.remote, f.problems, at);
      else if (!f.message) {
        this.stats.discarded++;
        this.wire('in', f.raw, undefined, this.remote, at);
        this.notice({ code: 'unparsable', message: `dropped ${f.raw.length} bytes from ${fmt(this.remote)} that are not a SIP message`, remote: this.remote, bytes: f.raw.length });
      }
    }
    const failed = this.framer.failed;
    if (failed) {
      this.stats.discarded++;
      this.stats.bufferedBytes = 0;
      const tooLarge = failed.code === 'SIP_LIMIT_EXCEEDED';
      this.fail(
        new TransportError(
          tooLarge ? 'TRANSPORT_ERR_MESSAGE_TOO_LARGE' : 'TRANSPORT_ERR_FRAMING',
          tooLarge
            ? `${fmt(this.remote)} sent a message larger than the limit (${this.limits.maxMessageBytes} bytes); connection closed`
            : `the stream from ${fmt(this.remote)} cannot be framed as SIP (${failed.code}: ${failed.message}); connection closed`,
          { details: { problem: failed.code, limit: this.limits.maxMessageBytes } },
        ),
      );
    }
  }

  protected write(bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.write(bytes, (err) => (err ? reject(err) : resolve()));
    });
  }

  close(): Promise<void> {
    if (this.released) return Promise.resolve();
    this.localClose = true;
    this.closing ??= new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.end();
      // a peer that never closes its side must not keep us waiting
      setTimeout(() => this.socket.destroy(), 1000).unref();
    });
    return this.closing;
  }
}

/**
 * Waits until `socket` emits `readyEvent`, with a timeout and an AbortSignal; maps failures to
 * TransportErrors. `phase()` tells whether the failure came before or after the TCP connect.
 */
export function awaitConnect(socket: Socket, readyEvent: string, options: OpenTransportOptions, what: string, onError: (err: Error, timedOut: boolean) => TransportError): Promise<void> {
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  return new Promise<void>((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      socket.off('error', onErr);
      socket.off(readyEvent, onReady);
      options.signal?.removeEventListener('abort', onAbort);
    };
    const onReady = (): void => {
      cleanup();
      resolve();
    };
    const onErr = (err: Error): void => {
      cleanup();
      socket.destroy();
      reject(onError(err, false));
    };
    const onAbort = (): void => {
      cleanup();
      socket.destroy();
      reject(new TransportError('TRANSPORT_ERR_ABORTED', `${what} aborted`));
    };
    const timer = setTimeout(() => {
      cleanup();
      socket.destroy();
      reject(onError(new Error(`no answer within ${timeoutMs} ms`), true));
    }, timeoutMs);
    socket.once('error', onErr);
    socket.once(readyEvent, onReady);
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
