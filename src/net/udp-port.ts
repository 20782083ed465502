import type { Socket } from 'node:dgram';
import { getSystemErrorName } from 'node:util';
import { bindUdp, boundHandle, rawHandlesAllowed, udpWrap, type RawUdp } from './udp-bind.js';

/**
 * A bound UDP socket as the transports and the resolver use it: datagrams in, datagrams out to
 * IP literals, close. Two ways to have one:
 * - on a UDP handle of Node's udp_wrap binding (net/udp-bind.ts), read and written the way
 *   Node's dgram module does it (recvStart/onmessage, send with a SendWrap), without loading
 *   dgram: the module and the ~30 functions of it (and of diagnostics_channel) a send and a
 *   receive compile at first use cost about 1.5 ms of a one-shot probe;
 * - a dgram socket, wherever raw handles cannot be used (net/udp-bind.ts says when) or the
 *   handle is not the one expected; SIPTOOL_PLAIN_UDP_BIND=1 asks for it.
 * Both report errors as dgram does (an Error with code, errno, syscall, address and port).
 */
export interface UdpPort {
  readonly type: 'udp4' | 'udp6';
  /** The bound local address and port. */
  readonly local: { address: string; port: number };
  /** Called for each datagram, with the sender's address and port. */
  onMessage: ((data: Buffer, from: { address: string; port: number }) => void) | undefined;
  /** Called for a socket error (a failed receive). */
  onError: ((err: Error) => void) | undefined;
  /** Sends one datagram to an IP literal; `done` is called once, with the error if any. */
  send(data: Uint8Array, port: number, address: string, done: (err: Error | null) => void): void;
  /** Stops receiving and closes; resolves when closed (at once when it already was). */
  close(): Promise<void>;
}

export interface UdpPortOptions {
  /** SO_RCVBUF, best effort. */
  recvBufferSize?: number;
  /** A dgram socket even where a raw handle could be used (tests). */
  plain?: boolean;
}

/** A UDP socket bound to address:port (port 0: one the OS picks); rejects with the bind error. */
export async function openUdpPort(type: 'udp4' | 'udp6', address: string, port: number, options: UdpPortOptions = {}): Promise<UdpPort> {
  const raw = options.plain ? undefined : rawPort(type, address, port, options);
  if (raw) return raw;
  const { createSocket } = await import('node:dgram');
  // the peer is always an IP literal: answering the lookup at once makes send() hand the
  // datagram to the OS synchronously (dgram's default lookup loads node:dns and defers it)
  const socket = createSocket({ type, lookup: literalLookup, ...(options.recvBufferSize ? { recvBufferSize: options.recvBufferSize } : {}) });
  try {
    await bindUdp(socket, type, address, port);
  } catch (err) {
    socket.close();
    throw err;
  }
  return new DgramPort(type, socket);
}

/** The part of udp_wrap's SendWrap used here. */
interface SendReq {
  oncomplete?: (status: number) => void;
  list?: Uint8Array[];
}

function rawPort(type: 'udp4' | 'udp6', address: string, port: number, options: UdpPortOptions): UdpPort | undefined {
  if (!rawHandlesAllowed()) return undefined;
  const SendWrap = udpWrap()?.SendWrap as (new () => SendReq) | undefined;
  if (typeof SendWrap !== 'function') return undefined;
  const handle = boundHandle(type, address, port);
  if (!handle) return undefined;
  const send = type === 'udp6' ? handle.send6 : handle.send;
  const out: { address?: unknown; port?: unknown } = {};
  if (typeof send !== 'function' || handle.getsockname(out) !== 0 || typeof out.address !== 'string' || typeof out.port !== 'number') {
    handle.close();
    return undefined;
  }
  if (options.recvBufferSize) {
    try {
      handle.bufferSize?.(options.recvBufferSize, true, {});
    } catch {
      // best effort, as a hint to the OS
    }
  }
  try {
    return new RawPort(type, handle, send, SendWrap, { address: out.address, port: out.port });
  } catch {
    handle.close(); // it could not start receiving: the dgram socket says why, if it fails too
    return undefined;
  }
}

class RawPort implements UdpPort {
  onMessage: UdpPort['onMessage'];
  onError: UdpPort['onError'];
  readonly type: 'udp4' | 'udp6';
  readonly local: { address: string; port: number };
  private readonly handle: RawUdp;
  private readonly sendOn: NonNullable<RawUdp['send']>;
  private readonly SendWrap: new () => SendReq;
  private closed = false;

  constructor(type: 'udp4' | 'udp6', handle: RawUdp, sendOn: NonNullable<RawUdp['send']>, SendWrap: new () => SendReq, local: { address: string; port: number }) {
    this.type = type;
    this.handle = handle;
    this.sendOn = sendOn;
    this.SendWrap = SendWrap;
    this.local = local;
    // as dgram's startListening: (nread, handle, buffer, rinfo) for each datagram
    handle.onmessage = (nread: number, _h: unknown, data?: Buffer, rinfo?: { address: string; port: number }) => {
      if (nread < 0 || !data || !rinfo) this.onError?.(errnoError(nread, 'recvmsg'));
      else this.onMessage?.(data, rinfo);
    };
    handle.onerror = (_nread: number, _h: unknown, err: Error) => this.onError?.(err);
    const err = handle.recvStart();
    if (err !== 0) throw errnoError(err, 'recvStart');
  }

  send(data: Uint8Array, port: number, address: string, done: (err: Error | null) => void): void {
    if (this.closed) {
      later(() => done(Object.assign(new Error('Not running'), { code: 'ERR_SOCKET_DGRAM_NOT_RUNNING' })));
      return;
    }
    const req = new this.SendWrap();
    req.list = [data]; // kept alive until sent, as dgram does
    req.oncomplete = (status) => done(status < 0 ? errnoError(status, 'send', address, port) : null);
    let err: number;
    try {
      err = this.sendOn.call(this.handle, req, [data], 1, port, address, true);
    } catch (e) {
      later(() => done(e as Error));
      return;
    }
    // >= 1: sent at once (bytes + 1), oncomplete is not called; 0: oncomplete will be; < 0: failed
    if (err >= 1) later(() => done(null));
    else if (err < 0) later(() => done(errnoError(err, 'send', address, port)));
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.handle.close();
    }
    return Promise.resolve();
  }
}

class DgramPort implements UdpPort {
  onMessage: UdpPort['onMessage'];
  onError: UdpPort['onError'];
  readonly type: 'udp4' | 'udp6';
  readonly local: { address: string; port: number };
  private readonly socket: Socket;
  private closing: Promise<void> | undefined;

  constructor(type: 'udp4' | 'udp6', socket: Socket) {
    this.type = type;
    this.socket = socket;
    const a = socket.address();
    this.local = { address: a.address, port: a.port };
    socket.on('message', (data, rinfo) => this.onMessage?.(data, rinfo));
    socket.on('error', (err) => this.onError?.(err));
  }

  send(data: Uint8Array, port: number, address: string, done: (err: Error | null) => void): void {
    try {
      this.socket.send(data, port, address, (err) => done(err ?? null));
    } catch (e) {
      later(() => done(e as Error));
    }
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      try {
        this.socket.close();
      } catch {
        resolve(); // already closed
      }
    });
    return this.closing;
  }
}

/**
 * Calls `fn` once the current job is done, as dgram calls a send's callback (never from inside
 * send). A resolved promise rather than queueMicrotask, which wraps each call in an async_hooks
 * resource (six functions of Node's to compile at first use).
 */
function later(fn: () => void): void {
  void Promise.resolve().then(fn);
}

/** An Error as Node's dgram makes for a failed system call. */
function errnoError(errno: number, syscall: string, address?: string, port?: number): Error {
  let code: string;
  try {
    code = getSystemErrorName(errno);
  } catch {
    code = `E${-errno}`;
  }
  const where = address !== undefined ? ` ${address}${port !== undefined ? `:${port}` : ''}` : '';
  return Object.assign(new Error(`${syscall} ${code}${where}`), { errno, code, syscall, ...(address !== undefined ? { address } : {}), ...(port !== undefined ? { port } : {}) });
}

/** dgram lookup for IP literals: calls back synchronously with the address itself. */
export function literalLookup(address: string, _family: unknown, callback: (err: Error | null, address: string, family: number) => void): void {
  const v = address.includes(':') ? 6 : /^\d{1,3}(\.\d{1,3}){3}$/.test(address) ? 4 : 0;
  if (v === 0) callback(Object.assign(new Error(`${address} is not an IP address`), { code: 'EINVAL' }), address, 4);
  else callback(null, address, v);
}
