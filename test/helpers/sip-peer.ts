import { createSocket } from 'node:dgram';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { WebSocketServer } from 'ws';
import { parseMessage, serializeMessage, StreamFramer, type AnySipMessage, type SipRequest } from '../../src/core/index.js';
import type { TransportProtocol } from '../../src/transport/index.js';

export type Out = AnySipMessage | Buffer | string;
/** Answers one request: call `send` any number of times (also later). */
export type PeerHandler = (request: SipRequest, send: (out: Out) => void) => void;

export interface TestPeer {
  port: number;
  received: SipRequest[];
  /** Raw bytes the peer got (all connections). */
  bytes: number;
  /** Sends to the most recent client (to push requests like BYE into the dialog). */
  push(out: Out): void;
  close(): Promise<void>;
}

function toBuf(out: Out): Buffer {
  return Buffer.isBuffer(out) ? out : typeof out === 'string' ? Buffer.from(out, 'latin1') : serializeMessage(out);
}

/**
 * An in-process SIP peer on 127.0.0.1 (port chosen by the OS) for UDP, TCP, TLS, WS or WSS.
 * `handler` sees every request; hostile behaviour is written in the handler.
 */
export async function startPeer(protocol: TransportProtocol, handler: PeerHandler, tls?: { cert: Buffer; key: Buffer; requestCert?: boolean; ca?: Buffer }): Promise<TestPeer> {
  const received: SipRequest[] = [];
  const state = { bytes: 0, last: null as ((b: Buffer) => void) | null };
  const onRequest = (m: AnySipMessage | undefined, reply: (b: Buffer) => void): void => {
    state.last = reply;
    if (m?.kind !== 'request') return;
    received.push(m);
    handler(m, (out) => reply(toBuf(out)));
  };
  if (protocol === 'udp') {
    const s = createSocket('udp4');
    s.on('message', (buf, rinfo) => {
      state.bytes += buf.length;
      onRequest(parseMessage(buf, { validate: false }).message, (b) => s.send(b, rinfo.port, rinfo.address));
    });
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
    return { port: s.address().port, received, get bytes() { return state.bytes; }, push: (o) => state.last?.(toBuf(o)), close: () => new Promise((r) => s.close(() => r())) };
  }
  if (protocol === 'ws' || protocol === 'wss') {
    const http = await import('node:http');
    const https = await import('node:https');
    const hs = protocol === 'wss' ? https.createServer({ cert: tls!.cert, key: tls!.key }) : http.createServer();
    const wss = new WebSocketServer({ server: hs, handleProtocols: (p) => (p.has('sip') ? 'sip' : false) });
    wss.on('connection', (ws) => {
      ws.on('message', (data: Buffer) => {
        state.bytes += data.length;
        onRequest(parseMessage(data, { validate: false }).message, (b) => ws.send(b, { binary: false }));
      });
    });
    await new Promise<void>((r) => hs.listen(0, '127.0.0.1', () => r()));
    const port = (hs.address() as { port: number }).port;
    return {
      port,
      received,
      get bytes() { return state.bytes; },
      push: (o) => state.last?.(toBuf(o)),
      close: async () => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        hs.closeAllConnections?.();
        await new Promise((r) => hs.close(() => r(undefined)));
      },
    };
  }
  const sockets = new Set<Socket>();
  const onConn = (sock: Socket): void => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => undefined);
    const framer = new StreamFramer({ validate: false });
    sock.on('data', (chunk: Buffer) => {
      state.bytes += chunk.length;
      for (const f of framer.push(chunk)) onRequest(f.message, (b) => { if (!sock.destroyed) sock.write(b); });
    });
  };
  const server: Server = protocol === 'tls' ? createTlsServer({ cert: tls!.cert, key: tls!.key, requestCert: tls!.requestCert ?? false, rejectUnauthorized: false, ca: tls!.ca }, onConn) : createNetServer(onConn);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as { port: number }).port,
    received,
    get bytes() { return state.bytes; },
    push: (o) => state.last?.(toBuf(o)),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(() => r(undefined)));
    },
  };
}
