import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer as createNetServer, isIP, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { serializeMessage, type AnySipMessage } from '../core/index.js';
import { BaseTransport, endpoint, errText, fmt } from '../transport/base-transport.js';
import { StreamTransport } from '../transport/stream-transport.js';
import { closeUdpSocket } from '../transport/udp.js';
import { TransportError, type ReceivedInfo, type SocketEndpoint, type TransportLimits, type TransportNotice, type WireEvent } from '../transport/index.js';

/** The transports `siptool listen` accepts requests on. */
export type ServerProtocol = 'udp' | 'tcp' | 'tls';

export const SERVER_PROTOCOLS: readonly ServerProtocol[] = ['udp', 'tcp', 'tls'];

/**
 * Where a request came from and how to answer it: for UDP the listening socket and the
 * sender's address, for TCP/TLS the accepted connection (RFC 3261 §18.2.2: responses go back
 * over the same connection).
 */
export interface InboundFlow {
  readonly protocol: ServerProtocol;
  readonly reliable: boolean;
  /** The Via transport token (UDP, TCP, TLS). */
  readonly viaTransport: string;
  readonly local: SocketEndpoint;
  readonly remote: SocketEndpoint;
  readonly closed: boolean;
  /** Sends on this flow; UDP may name another destination (Via received/rport routing). */
  send(message: AnySipMessage, to?: SocketEndpoint): Promise<void>;
}

export interface ListenerEvents {
  message?(message: AnySipMessage, info: ReceivedInfo, flow: InboundFlow): void;
  notice?(notice: TransportNotice): void;
  /** A connection was accepted, refused (over the limit) or ended (with the error that ended it). */
  connection?(event: { kind: 'open' | 'refused' | 'close'; remote: SocketEndpoint; protocol: ServerProtocol; error?: TransportError }): void;
}

export interface ListenOptions {
  protocol: ServerProtocol;
  /** Address to bind (127.0.0.1 by default in the CLI). */
  address: string;
  /** 0 = any free port. */
  port: number;
  /** Required for TLS: the server certificate and key (PEM). */
  tls?: { cert: Buffer; key: Buffer; passphrase?: string };
  limits?: Partial<TransportLimits>;
  /** Most TCP/TLS connections at once (default 256); more are refused and counted. */
  maxConnections?: number;
  /** A connection with no traffic for this long is closed (default 5 minutes). */
  idleTimeoutMs?: number;
  onWire?: (e: WireEvent) => void;
}

export interface ListenerStats {
  messagesReceived: number;
  messagesSent: number;
  /** Datagrams or stream bytes that were not SIP, or too large: dropped. */
  discarded: number;
  connectionsAccepted: number;
  connectionsRefused: number;
  /** Connections closed because the peer broke framing or the size limit. */
  connectionsFailed: number;
  tlsHandshakeFailures: number;
}

/** One listening socket (UDP) or server (TCP, TLS). */
export interface SipListener {
  readonly protocol: ServerProtocol;
  readonly local: SocketEndpoint;
  readonly stats: Readonly<ListenerStats>;
  /** Open TCP/TLS connections. */
  readonly connections: number;
  on(events: ListenerEvents): () => void;
  close(): Promise<void>;
}

/** UDP server socket: BaseTransport's datagram handling (limits, keep-alives, parse) for every sender. */
class UdpServerSocket extends BaseTransport {
  readonly protocol = 'udp' as const;
  readonly reliable = false;
  readonly viaTransport = 'UDP';
  readonly socket: UdpSocket;

  constructor(socket: UdpSocket, local: SocketEndpoint, o: ListenOptions) {
    super({ protocol: 'udp', address: local.address, port: local.port, limits: o.limits, onWire: o.onWire }, local, local);
    this.socket = socket;
    socket.on('message', (buf, rinfo) => this.receiveDatagram(buf, endpoint(rinfo.address, rinfo.port)));
    socket.on('error', () => undefined);
    socket.on('close', () => this.markClosed());
  }

  async sendTo(message: AnySipMessage, to: SocketEndpoint): Promise<void> {
    if (this.closed) throw new TransportError('TRANSPORT_ERR_INVALID_STATE', 'the UDP listener is closed');
    const bytes = serializeMessage(message);
    this.stats.messagesSent++;
    this.stats.bytesSent += bytes.length;
    this.wire('out', bytes, message, to);
    await new Promise<void>((resolve, reject) => this.socket.send(bytes, to.port, to.address, (err) => (err ? reject(new TransportError('TRANSPORT_ERR_SEND', `could not send to ${fmt(to)}: ${errText(err)}`, { cause: err })) : resolve())));
  }

  protected write(): Promise<void> {
    return Promise.reject(new TransportError('TRANSPORT_ERR_INVALID_STATE', 'a UDP listener sends with sendTo'));
  }

  close(): Promise<void> {
    if (this.released) return Promise.resolve();
    return closeUdpSocket(this.socket, () => this.markClosed());
  }
}

function udpFlow(server: UdpServerSocket, remote: SocketEndpoint): InboundFlow {
  return {
    protocol: 'udp',
    reliable: false,
    viaTransport: 'UDP',
    local: server.local,
    remote,
    get closed() {
      return server.closed;
    },
    send: (m, to) => server.sendTo(m, to ?? remote),
  };
}

function streamFlow(t: StreamTransport, protocol: 'tcp' | 'tls'): InboundFlow {
  return {
    protocol,
    reliable: true,
    viaTransport: protocol.toUpperCase(),
    local: t.local,
    remote: t.remote,
    get closed() {
      return t.closed;
    },
    send: (m) => t.send(m),
  };
}

class Events {
  readonly set = new Set<ListenerEvents>();
  on(e: ListenerEvents): () => void {
    this.set.add(e);
    return () => this.set.delete(e);
  }
  each(fn: (e: ListenerEvents) => void): void {
    for (const e of [...this.set]) fn(e);
  }
}

async function startUdp(o: ListenOptions): Promise<SipListener> {
  // a large receive buffer, so that a burst (a flood, a busy trunk) is counted rather than lost in the kernel
  const socket = createSocket({ type: isIP(o.address) === 6 ? 'udp6' : 'udp4', recvBufferSize: 4 * 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(o.port, o.address, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const a = socket.address();
  const server = new UdpServerSocket(socket, endpoint(a.address, a.port), o);
  const events = new Events();
  const stats: ListenerStats = { messagesReceived: 0, messagesSent: 0, discarded: 0, connectionsAccepted: 0, connectionsRefused: 0, connectionsFailed: 0, tlsHandshakeFailures: 0 };
  server.on({
    message: (m, info) => events.each((e) => e.message?.(m, info, udpFlow(server, info.remote))),
    notice: (n) => events.each((e) => e.notice?.(n)),
  });
  return {
    protocol: 'udp',
    local: server.local,
    get stats() {
      return { ...stats, messagesReceived: server.stats.messagesReceived, messagesSent: server.stats.messagesSent, discarded: server.stats.discarded };
    },
    connections: 0,
    on: (e) => events.on(e),
    close: () => server.close(),
  };
}

async function startStream(o: ListenOptions): Promise<SipListener> {
  const protocol = o.protocol as 'tcp' | 'tls';
  const events = new Events();
  const live = new Set<StreamTransport>();
  const sockets = new Set<Socket>();
  const stats: ListenerStats = { messagesReceived: 0, messagesSent: 0, discarded: 0, connectionsAccepted: 0, connectionsRefused: 0, connectionsFailed: 0, tlsHandshakeFailures: 0 };
  const max = o.maxConnections ?? 256;
  const idle = o.idleTimeoutMs ?? 300_000;
  const onSocket = (socket: Socket): void => {
    const remote = endpoint(socket.remoteAddress, socket.remotePort);
    if (live.size >= max) {
      stats.connectionsRefused++;
      socket.destroy();
      events.each((e) => e.connection?.({ kind: 'refused', remote, protocol }));
      return;
    }
    stats.connectionsAccepted++;
    const t = new StreamTransport(protocol, { protocol, address: remote.address, port: remote.port, limits: o.limits, onWire: o.onWire }, socket);
    live.add(t);
    socket.setTimeout(idle, () => void t.close());
    const flow = streamFlow(t, protocol);
    let failure: TransportError | undefined;
    t.on({
      message: (m, info) => {
        stats.messagesReceived++;
        events.each((e) => e.message?.(m, info, flow));
      },
      notice: (n) => events.each((e) => e.notice?.(n)),
      error: (err) => {
        failure = err;
        if (err.code === 'TRANSPORT_ERR_FRAMING' || err.code === 'TRANSPORT_ERR_MESSAGE_TOO_LARGE') {
          stats.connectionsFailed++;
          stats.discarded++;
        }
      },
      close: () => {
        live.delete(t);
        stats.discarded += t.stats.discarded;
        stats.messagesSent += t.stats.messagesSent;
        events.each((e) => e.connection?.({ kind: 'close', remote, protocol, error: failure }));
      },
    });
    events.each((e) => e.connection?.({ kind: 'open', remote, protocol }));
  };
  let server: Server;
  if (protocol === 'tls') {
    if (!o.tls) throw new TransportError('TRANSPORT_ERR_INVALID_STATE', 'a TLS listener needs a certificate and a key');
    const s = createTlsServer({ cert: o.tls.cert, key: o.tls.key, passphrase: o.tls.passphrase, handshakeTimeout: 10_000 }, (sock: TLSSocket) => onSocket(sock));
    s.on('tlsClientError', (err) => {
      stats.tlsHandshakeFailures++;
      events.each((e) => e.notice?.({ code: 'unparsable', message: `TLS handshake failed: ${errText(err)}` }));
    });
    server = s;
  } else server = createNetServer(onSocket);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.address, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => undefined);
  const a = server.address() as { address: string; port: number };
  return {
    protocol,
    local: endpoint(a.address, a.port),
    get stats() {
      let sent = stats.messagesSent;
      let discarded = stats.discarded;
      for (const t of live) {
        sent += t.stats.messagesSent;
        discarded += t.stats.discarded;
      }
      return { ...stats, messagesSent: sent, discarded };
    },
    get connections() {
      return live.size;
    },
    on: (e) => events.on(e),
    close: async () => {
      const closed = new Promise<void>((r) => server.close(() => r()));
      await Promise.all([...live].map((t) => t.close()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

/** Starts a listener; throws a Node error (EADDRINUSE, EACCES...) when the port cannot be bound. */
export function startListener(o: ListenOptions): Promise<SipListener> {
  return o.protocol === 'udp' ? startUdp(o) : startStream(o);
}
