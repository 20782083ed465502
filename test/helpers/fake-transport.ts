import { parseMessage, serializeMessage, type AnySipMessage, type SipRequest } from '../../src/core/index.js';
import type { ReceivedInfo, SipTransport, SocketEndpoint, TransportListener, TransportProtocol, TransportStats } from '../../src/transport/index.js';
import { TransportError } from '../../src/transport/index.js';

/**
 * An in-memory SipTransport: records what is sent (re-parsed from the bytes, as a peer would
 * see it) and lets the test inject messages from the "peer". `onSend` scripts a peer.
 */
export class FakeTransport implements SipTransport {
  readonly protocol: TransportProtocol;
  readonly reliable: boolean;
  readonly viaTransport: string;
  readonly local: SocketEndpoint = { address: '192.0.2.10', port: 5062, family: 'IPv4' };
  readonly remote: SocketEndpoint = { address: '198.51.100.1', port: 5060, family: 'IPv4' };
  readonly tls = null;
  readonly stats: TransportStats = { messagesSent: 0, messagesReceived: 0, bytesSent: 0, bytesReceived: 0, discarded: 0, bufferedBytes: 0 };
  readonly sent: AnySipMessage[] = [];
  closed = false;
  /** Set by the test to play a transport that tells when bytes left (wall clock, as real ones do). */
  lastSentAt: number | undefined = undefined;
  wireClock: (() => number) | null = null;
  onSend: ((m: AnySipMessage, t: FakeTransport) => void) | null = null;
  private readonly listeners = new Set<TransportListener>();

  constructor(protocol: TransportProtocol = 'udp') {
    this.protocol = protocol;
    this.reliable = protocol !== 'udp';
    this.viaTransport = protocol.toUpperCase();
  }

  async send(message: AnySipMessage): Promise<void> {
    if (this.closed) throw new TransportError('TRANSPORT_ERR_INVALID_STATE', 'closed');
    const bytes = serializeMessage(message);
    const copy = parseMessage(bytes).message!;
    this.sent.push(copy);
    this.stats.messagesSent++;
    if (this.wireClock) this.lastSentAt = this.wireClock();
    this.onSend?.(copy, this);
  }

  /** Requests sent with this method, in order (retransmissions included). */
  requests(method?: string): SipRequest[] {
    return this.sent.filter((m): m is SipRequest => m.kind === 'request' && (method === undefined || m.method === method));
  }

  on(listener: TransportListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivers a message from the peer (serialized and parsed again, like the wire). */
  inject(message: AnySipMessage | string, timestamp = 0): void {
    const bytes = typeof message === 'string' ? Buffer.from(message, 'latin1') : serializeMessage(message);
    const parsed = parseMessage(bytes, { validate: false }).message;
    if (!parsed) return;
    const info: ReceivedInfo = { remote: this.remote, timestamp, bytes: bytes.length, problems: [] };
    for (const l of [...this.listeners]) l.message?.(parsed, info);
  }

  /** Simulates the connection dying. */
  die(error = new TransportError('TRANSPORT_ERR_CLOSED', 'peer closed')): void {
    for (const l of [...this.listeners]) l.error?.(error);
    this.closed = true;
    for (const l of [...this.listeners]) l.close?.();
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
