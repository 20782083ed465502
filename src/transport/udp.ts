import type { Socket } from 'node:dgram';
import { BaseTransport, endpoint, errText, fmt } from './base-transport.js';
import { wallClock } from './clock.js';
import { TransportError } from './errors.js';
import { anyAddress, bindUdp, routedSource } from '../net/udp-bind.js';
import { literalLookup, openUdpPort, type UdpPort } from '../net/udp-port.js';
import { ipVersion } from './ip.js';
import type { SocketEndpoint, OpenTransportOptions, SipTransport } from './types.js';

/** The local address the OS would use to reach `address` (a connected UDP socket, nothing sent). */
async function routeSource(address: string, port: number, type: 'udp4' | 'udp6'): Promise<string> {
  const routed = routedSource(type, address, port);
  if (routed !== undefined) return routed;
  const { createSocket } = await import('node:dgram');
  const probe = createSocket({ type, lookup: literalLookup });
  try {
    // bound first (to any address), so that connect() does not bind through Node's cluster check (net/udp-bind.ts)
    await bindUdp(probe, type, anyAddress(type), 0);
    return await new Promise<string>((resolve, reject) => {
      probe.once('error', reject);
      probe.connect(port, address, () => resolve(probe.address().address));
    });
  } finally {
    probe.close();
  }
}

/**
 * SIP over UDP: one datagram per message. The socket is bound to the source address the OS
 * routes through (so `local` is a real address for Via/Contact) but not connected, so responses
 * from another source address still arrive and are reported (`unexpected-source`).
 */
export class UdpTransport extends BaseTransport {
  readonly protocol = 'udp' as const;
  readonly reliable = false;
  readonly viaTransport = 'UDP';
  private readonly port: UdpPort;
  private closing: Promise<void> | null = null;

  private constructor(options: OpenTransportOptions, port: UdpPort, remote: SocketEndpoint) {
    super(options, endpoint(port.local.address, port.local.port), remote);
    this.port = port;
    port.onMessage = (buf, rinfo) => {
      const at = wallClock(); // first: the arrival time of the answer for RTTs
      const from = endpoint(rinfo.address, rinfo.port);
      if (from.address !== this.remote.address || from.port !== this.remote.port) {
        this.notice({ code: 'unexpected-source', message: `a datagram came from ${fmt(from)}, not from ${fmt(this.remote)}`, remote: from, bytes: buf.length });
      }
      this.receiveDatagram(buf, from, at);
    };
    port.onError = (err) => this.fail(new TransportError('TRANSPORT_ERR_SOCKET', `UDP socket error: ${errText(err)}`, { cause: err }));
  }

  static async open(options: OpenTransportOptions): Promise<SipTransport> {
    const v = ipVersion(options.address);
    if (v === 0) throw new TransportError('TRANSPORT_ERR_CONNECT', `"${options.address}" is not an IP address (resolve the target first)`);
    const type = v === 6 ? 'udp6' : 'udp4';
    options.signal?.throwIfAborted();
    let source: string;
    try {
      source = options.localAddress ?? (await routeSource(options.address, options.port, type));
    } catch (cause) {
      throw new TransportError('TRANSPORT_ERR_CONNECT', `no route to ${options.address}: ${errText(cause)}`, { cause });
    }
    let port: UdpPort;
    try {
      port = await openUdpPort(type, source, options.localPort ?? 0, { recvBufferSize: 256 * 1024 });
    } catch (err) {
      throw new TransportError('TRANSPORT_ERR_CONNECT', `cannot bind UDP ${source}:${options.localPort ?? 0}: ${errText(err)}`, { cause: err });
    }
    return new UdpTransport(options, port, endpoint(options.address, options.port));
  }

  protected write(bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      // the send is handed to the OS synchronously (the peer is an IP literal), so the wire
      // timestamp taken just before it is the moment it leaves
      this.port.send(bytes, this.remote.port, this.remote.address, (err) => (err ? reject(err) : resolve()));
    });
  }

  close(): Promise<void> {
    if (this.released) return Promise.resolve();
    this.closing ??= this.port.close().then(() => this.markClosed());
    return this.closing;
  }
}

/** Closes a dgram socket; resolves on its 'close' event, or at once (after `gone`) when it was already closed. */
export function closeUdpSocket(socket: Socket, gone: () => void): Promise<void> {
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    try {
      socket.close();
    } catch {
      gone();
      resolve();
    }
  });
}
