import type { CancelSignal } from './cancel.js';
import type { AnySipMessage, Problem } from '../core/index.js';
import type { TransportError } from './errors.js';
import type { TlsClientOptions, TlsReport } from './tls-report.js';

/** The transports siptool can open. `ws`/`wss` are SIP over WebSocket (RFC 7118). */
export type TransportProtocol = 'udp' | 'tcp' | 'tls' | 'ws' | 'wss';

export const TRANSPORT_PROTOCOLS: readonly TransportProtocol[] = ['udp', 'tcp', 'tls', 'ws', 'wss'];

/** A socket address as the operating system reports it. */
export interface SocketEndpoint {
  address: string;
  port: number;
  family: 'IPv4' | 'IPv6';
}

/**
 * One SIP message on the wire, with the real addresses, for captures (pcap) and ladders.
 * `bytes` are the SIP message octets (for WebSocket: the frame payload, i.e. the clear SIP).
 */
export interface WireEvent {
  direction: 'out' | 'in';
  protocol: TransportProtocol;
  local: SocketEndpoint;
  remote: SocketEndpoint;
  /** Milliseconds since the epoch, with sub-millisecond precision. */
  timestamp: number;
  bytes: Buffer;
  /** The message (parsed when received); undefined for received bytes that are not SIP. */
  message: AnySipMessage | undefined;
}

/** What came with a received message. */
export interface ReceivedInfo {
  remote: SocketEndpoint;
  timestamp: number;
  bytes: number;
  /** Framing problems the parser found (values are parsed lazily, so usually few). */
  problems: Problem[];
}

/** Something worth reporting that did not stop the transport. */
export interface TransportNotice {
  code:
    | 'unparsable' // received bytes that are not a SIP message (dropped)
    | 'unexpected-source' // a UDP datagram from another address than the peer (still delivered)
    | 'trailing-octets' // octets after the body of a datagram (ignored)
    | 'large-udp-message' // sent a UDP message over 1300 bytes (RFC 3261 §18.1.1: fragmentation risk)
    | 'keepalive'; // a CRLF keep-alive on a stream
  message: string;
  remote?: SocketEndpoint;
  bytes?: number;
}

export interface TransportListener {
  message?(message: AnySipMessage, info: ReceivedInfo): void;
  notice?(notice: TransportNotice): void;
  /** A fatal error; the transport is closed right after (then `close` is called too). */
  error?(error: TransportError): void;
  close?(): void;
}

export interface TransportStats {
  messagesSent: number;
  messagesReceived: number;
  bytesSent: number;
  bytesReceived: number;
  /** Received datagrams/bytes that were dropped (not SIP, too large). */
  discarded: number;
  /** Bytes of an unfinished message held right now (streams). */
  bufferedBytes: number;
}

/** One client transport to one peer. Every implementation behaves the same from the outside. */
export interface SipTransport {
  readonly protocol: TransportProtocol;
  /** True for TCP, TLS, WS, WSS: no retransmissions (RFC 3261 §17.1.1.2). */
  readonly reliable: boolean;
  /** Our address and port as the socket is bound (use for Via sent-by and Contact). */
  readonly local: SocketEndpoint;
  /** The peer's address and port. */
  readonly remote: SocketEndpoint;
  /** The Via transport token: UDP, TCP, TLS, WS or WSS. */
  readonly viaTransport: string;
  /** The TLS report for tls and wss; null otherwise. */
  readonly tls: TlsReport | null;
  readonly stats: Readonly<TransportStats>;
  readonly closed: boolean;
  /**
   * Wall-clock time (ms, like ReceivedInfo.timestamp) at which the last message was handed to the
   * socket; undefined when the transport cannot tell. With the arrival time of the answer it
   * gives an RTT that leaves out serializing and parsing.
   */
  readonly lastSentAt?: number;
  /** Serializes and sends; rejects with TransportError (TRANSPORT_ERR_SEND or _INVALID_STATE). */
  send(message: AnySipMessage): Promise<void>;
  /** Adds a listener; returns a function that removes it. */
  on(listener: TransportListener): () => void;
  /** Closes the socket; resolves when it is closed. Safe to call twice. */
  close(): Promise<void>;
}

export interface TransportLimits {
  /** Largest message accepted from the peer, head and body (default 256 KiB). */
  maxMessageBytes: number;
  /** Largest header section accepted (default 64 KiB). */
  maxHeaderBytes: number;
}

export const DEFAULT_TRANSPORT_LIMITS: Readonly<TransportLimits> = { maxMessageBytes: 256 * 1024, maxHeaderBytes: 64 * 1024 };

export interface OpenTransportOptions {
  protocol: TransportProtocol;
  /** The peer's IP address (IPv4 or IPv6 literal, as resolved by the caller). */
  address: string;
  port: number;
  /**
   * The SIP domain of the target (e.g. from the Request-URI): TLS SNI and certificate match
   * (RFC 5922 §7), WebSocket Host header. When omitted or an IP literal, no SNI is sent.
   */
  domain?: string;
  /** WebSocket resource path (default "/"). */
  wsPath?: string;
  localAddress?: string;
  localPort?: number;
  /** Connect (and TLS/WS handshake) timeout in ms (default 10 000). */
  connectTimeoutMs?: number;
  limits?: Partial<TransportLimits>;
  tls?: TlsClientOptions;
  /** Called for every message sent and received, with real addresses and timestamps. */
  onWire?: (event: WireEvent) => void;
  /** Aborts the connect. */
  signal?: CancelSignal;
}

/** Opens a transport; the default is `openTransport`, tests pass fakes. */
export type TransportFactory = (options: OpenTransportOptions) => Promise<SipTransport>;
