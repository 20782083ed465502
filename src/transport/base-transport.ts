import type { AnySipMessage } from '../core/message.js';
import { parseMessage } from '../core/parse-message.js';
import type { Problem } from '../core/problems.js';
import { serializeMessage } from '../core/serialize-message.js';
import { wallClock } from './clock.js';
import { TransportError } from './errors.js';
import { ipVersion } from './ip.js';
import type { TlsReport } from './tls-report.js';
import {
  DEFAULT_TRANSPORT_LIMITS,
  type SocketEndpoint,
  type OpenTransportOptions,
  type ReceivedInfo,
  type SipTransport,
  type TransportLimits,
  type TransportListener,
  type TransportNotice,
  type TransportProtocol,
  type TransportStats,
  type WireEvent,
} from './types.js';


export function endpoint(address: string | undefined, port: number | undefined): SocketEndpoint {
  const a = address ?? '0.0.0.0';
  return { address: a, port: port ?? 0, family: ipVersion(a) === 6 ? 'IPv6' : 'IPv4' };
}

export function resolveLimits(limits: Partial<TransportLimits> | undefined): TransportLimits {
  const l = { ...DEFAULT_TRANSPORT_LIMITS, ...limits };
  return { maxMessageBytes: l.maxMessageBytes, maxHeaderBytes: Math.min(l.maxHeaderBytes, l.maxMessageBytes) };
}

/**
 * What every transport shares: listeners, statistics, the wire hook, and turning received
 * datagrams into messages. Subclasses own the socket and call `deliver`/`fail`/`closed`.
 */
export abstract class BaseTransport implements SipTransport {
  abstract readonly protocol: TransportProtocol;
  abstract readonly reliable: boolean;
  abstract readonly viaTransport: string;
  local: SocketEndpoint;
  remote: SocketEndpoint;
  tls: TlsReport | null = null;
  lastSentAt: number | undefined = undefined;
  readonly stats: TransportStats = { messagesSent: 0, messagesReceived: 0, bytesSent: 0, bytesReceived: 0, discarded: 0, bufferedBytes: 0 };
  protected readonly limits: TransportLimits;
  private readonly listeners = new Set<TransportListener>();
  private readonly onWire: ((e: WireEvent) => void) | undefined;
  private isClosed = false;
  private closeError: TransportError | null = null;

  protected constructor(options: OpenTransportOptions, local: SocketEndpoint, remote: SocketEndpoint) {
    this.local = local;
    this.remote = remote;
    this.limits = resolveLimits(options.limits);
    this.onWire = options.onWire;
  }

  /** True once closed or failed (a failed transport is being closed). */
  get closed(): boolean {
    return this.isClosed || this.closeError !== null;
  }

  /** True once the socket itself is gone. */
  protected get released(): boolean {
    return this.isClosed;
  }

  on(listener: TransportListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async send(message: AnySipMessage): Promise<void> {
    if (this.closed) {
      throw this.closeError ?? new TransportError('TRANSPORT_ERR_INVALID_STATE', `the ${this.protocol.toUpperCase()} transport to ${fmt(this.remote)} is closed`);
    }
    const bytes = serializeMessage(message);
    // recorded when handed to the socket (a TLS write callback can come after the answer)
    this.stats.messagesSent++;
    this.stats.bytesSent += bytes.length;
    // the wire hook (capture, trace) works before the bytes leave, not between them and the answer
    this.wire('out', bytes, message, this.remote);
    const writing = this.write(bytes);
    // write() hands the bytes to the socket synchronously (UDP: to the kernel; TCP/TLS: to the
    // socket's queue), so this is the moment they left, as close as JavaScript can tell
    this.lastSentAt = wallClock();
    try {
      await writing;
    } catch (cause) {
      if (cause instanceof TransportError) throw cause;
      throw new TransportError('TRANSPORT_ERR_SEND', `could not send ${describe(message)} to ${fmt(this.remote)}: ${errText(cause)}`, { cause });
    }
    if (this.protocol === 'udp' && bytes.length > 1300) {
      this.notice({ code: 'large-udp-message', message: `sent ${bytes.length} bytes over UDP; above 1300 bytes RFC 3261 §18.1.1 says to use TCP (fragments get lost)`, bytes: bytes.length });
    }
  }

  abstract close(): Promise<void>;

  /** Writes the bytes to the socket; resolves once handed to the OS. */
  protected abstract write(bytes: Buffer): Promise<void>;

  /** `at`: when the bytes reached us (taken before parsing, so a slow parse does not stretch RTTs). */
  protected wire(direction: 'in' | 'out', bytes: Buffer, message: AnySipMessage | undefined, remote: SocketEndpoint, at: number = wallClock()): void {
    if (!this.onWire) return;
    try {
      this.onWire({ direction, protocol: this.protocol, local: this.local, remote, timestamp: at, bytes, message });
    } catch {
      // a failing hook must not break the transport
    }
  }

  protected notice(n: TransportNotice): void {
    for (const l of [...this.listeners]) l.notice?.(n);
  }

  /** Hands a parsed message to the listeners. */
  protected deliver(message: AnySipMessage, raw: Buffer, remote: SocketEndpoint, problems: Problem[], at: number = wallClock()): void {
    this.stats.messagesReceived++;
    this.wire('in', raw, message, remote, at);
    const info: ReceivedInfo = { remote, timestamp: at, bytes: raw.length, problems };
    for (const l of [...this.listeners]) {
      if (this.closed) return;
      l.message?.(message, info);
    }
  }

  /** One datagram (UDP) or WebSocket message = one SIP message (RFC 3261 §18.3, RFC 7118 §5). */
  protected receiveDatagram(bytes: Buffer, remote: SocketEndpoint, at: number = wallClock()): void {
    this.stats.bytesReceived += bytes.length;
    if (bytes.length > this.limits.maxMessageBytes) {
      this.stats.discarded++;
      this.wire('in', bytes, undefined, remote, at);
      this.notice({ code: 'unparsable', message: `dropped a ${bytes.length}-byte message from ${fmt(remote)}: larger than the limit of ${this.limits.maxMessageBytes}`, remote, bytes: bytes.length });
      return;
    }
    // keep-alives (RFC 5626 §4.4.1 CRLF over UDP, or empty WS frames)
    if (bytes.length <= 4 && bytes.every((b) => b === 13 || b === 10)) {
      this.notice({ code: 'keepalive', message: `keep-alive from ${fmt(remote)}`, remote, bytes: bytes.length });
      return;
    }
    const { message, problems } = parseMessage(bytes, {
      transport: 'datagram',
      validate: false,
      limits: { maxHeaderBytes: this.limits.maxHeaderBytes, maxBodyBytes: this.limits.maxMessageBytes },
    });
    if (!message || !message.version.startsWith('SIP/')) {
      const why = problems.find((p) => p.severity === 'error');
      this.stats.discarded++;
      this.wire('in', bytes, undefined, remote, at);
      this.notice({ code: 'unparsable', message: `dropped ${bytes.length} bytes from ${fmt(remote)} that are not a SIP message${why ? ` (${why.code})` : ''}`, remote, bytes: bytes.length });
      return;
    }
    const trailing = problems.find((p) => p.code === 'SIP_TRAILING_OCTETS');
    if (trailing) this.notice({ code: 'trailing-octets', message: `octets after the body from ${fmt(remote)} were ignored`, remote });
    this.deliver(message, bytes, remote, problems, at);
  }

  /** A fatal error: tell the listeners, then close. */
  protected fail(error: TransportError): void {
    if (this.closed) return;
    this.closeError = error;
    for (const l of [...this.listeners]) l.error?.(error);
    void this.close();
  }

  /** Called by subclasses once the socket is gone. */
  protected markClosed(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const l of [...this.listeners]) l.close?.();
    this.listeners.clear();
  }
}

export function fmt(e: SocketEndpoint): string {
  return e.family === 'IPv6' ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}

function describe(m: AnySipMessage): string {
  return m.kind === 'request' ? m.method : `${m.status} response`;
}

export function errText(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    return code && !e.message.includes(code) ? `${e.message} (${code})` : e.message;
  }
  return String(e);
}
