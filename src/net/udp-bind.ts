import type { Socket } from 'node:dgram';
import { nodeBinding } from './node-binding.js';

/**
 * Binds a dgram socket to a local address and port, like `socket.bind({ address, port,
 * exclusive: true })`, without loading Node's cluster module where it can.
 *
 * Why: Node's dgram bind() asks the cluster module whether the process is a cluster worker,
 * and loading it loads child_process, net and the whole stream machinery: about 5 ms of CPU,
 * the largest single cost of a one-shot `siptool probe` (docs/startup.md). The transports and the
 * resolver's DNS sockets use a raw handle without dgram at all (net/udp-port.ts); this serves
 * the dgram sockets where that cannot be used, and the routing question below. An exclusive bind
 * never uses cluster; Node's own code path for a socket handed an already bound handle
 * (`socket.bind(handle)`, what cluster workers get from their primary) skips it. So the socket
 * is bound the same way on a handle made here: the UDP handle class of Node's udp_wrap binding
 * (through `process.binding`, kept by Node for compatibility). Anything unexpected (another
 * Node version without it, the permission model, --pending-deprecation which would print a
 * warning for process.binding, a bind error) falls back to the public bind(), which then
 * reports errors as usual.
 */
export function bindUdp(socket: Socket, type: 'udp4' | 'udp6', address: string, port: number, options: { plain?: boolean } = {}): Promise<void> {
  const handle = options.plain ? undefined : boundHandle(type, address, port);
  return new Promise<void>((resolve, reject) => {
    const failed = (err: Error): void => reject(err);
    socket.once('error', failed);
    const done = (): void => {
      socket.removeListener('error', failed);
      resolve();
    };
    if (handle) socket.bind(handle as unknown as number, done);
    else socket.bind({ address, port, exclusive: true }, done);
  });
}

/**
 * The local address the OS routes through to reach address:port (a UDP handle connected there,
 * nothing sent), read without a dgram socket (~0.1 ms instead of ~2 ms for socket, connect and
 * close in a fresh process); undefined when raw handles cannot be used or the connect fails:
 * ask a dgram socket then.
 */
export function routedSource(type: 'udp4' | 'udp6', address: string, port: number): string | undefined {
  const handle = boundHandle(type, anyAddress(type), 0);
  if (!handle) return undefined;
  try {
    if (handle.connect(address, port) !== 0) return undefined;
    const out: { address?: unknown } = {};
    if (handle.getsockname(out) !== 0 || typeof out.address !== 'string') return undefined;
    return out.address;
  } catch {
    return undefined;
  } finally {
    handle.close();
  }
}

/** The any-address of a socket type, what bind() takes for "every interface". */
export function anyAddress(type: 'udp4' | 'udp6'): string {
  return type === 'udp6' ? '::' : '0.0.0.0';
}

/** The part of udp_wrap's UDP handle used here and by net/udp-port.ts (Node 20-24). */
export interface RawUdp {
  bind(address: string, port: number, flags: number): number;
  bind6(address: string, port: number, flags: number): number;
  connect(address: string, port: number): number;
  connect6(address: string, port: number): number;
  getsockname(out: object): number;
  recvStart(): number;
  close(): void;
  send?: (req: object, list: Uint8Array[], count: number, port: number, address: string, hasCallback: boolean) => number;
  send6?: (req: object, list: Uint8Array[], count: number, port: number, address: string, hasCallback: boolean) => number;
  bufferSize?: (size: number, recv: boolean, ctx: object) => unknown;
  onmessage?: (nread: number, handle: unknown, data?: Buffer, rinfo?: { address: string; port: number }) => void;
  onerror?: (nread: number, handle: unknown, err: Error) => void;
}

/** A UDP handle bound to address:port, or undefined: use the public bind(). */
export function boundHandle(type: 'udp4' | 'udp6', address: string, port: number): RawUdp | undefined {
  if (!rawHandlesAllowed()) return undefined;
  let handle: RawUdp | undefined;
  try {
    const UDP = udpWrap()?.UDP;
    if (typeof UDP !== 'function') return undefined;
    handle = new UDP();
    const h = handle;
    if (!['recvStart', 'bind', 'bind6', 'connect', 'connect6', 'getsockname'].every((m) => typeof h[m as keyof RawUdp] === 'function')) throw new Error('not the expected handle');
    // as Node's own udp6 handles (lib/internal/dgram.js newHandle): socket.bind(handle) takes
    // over the socket's lookup, bind and send, but connect() calls the handle's own
    if (type === 'udp6') handle.connect = handle.connect6;
    const err = type === 'udp6' ? handle.bind6(address, port, 0) : handle.bind(address, port, 0);
    if (err !== 0) throw new Error(`bind: ${err}`);
    return handle;
  } catch {
    try {
      handle?.close();
    } catch {
      // not open
    }
    return undefined;
  }
}

/** Raw UDP handles may be used: the binding is there (net/node-binding.ts) and SIPTOOL_PLAIN_UDP_BIND is not set. */
export function rawHandlesAllowed(): boolean {
  return !process.env.SIPTOOL_PLAIN_UDP_BIND && udpWrap() !== undefined;
}

/** Node's udp_wrap binding, or undefined (net/node-binding.ts). */
export function udpWrap(): { UDP?: new () => RawUdp; SendWrap?: new () => object } | undefined {
  return nodeBinding('udp_wrap');
}
