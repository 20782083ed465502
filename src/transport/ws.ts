import { connect as netConnect, isIP, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import WebSocket from 'ws';
import { BaseTransport, endpoint, errText, fmt } from './base-transport.js';
import { TransportError } from './errors.js';
import { checkTlsReport, startTls, tlsHandshakeError } from './tls.js';
import { buildTlsReport, type TlsReport } from './tls-report.js';
import type { OpenTransportOptions, SipTransport } from './types.js';

/**
 * SIP over WebSocket (RFC 7118): subprotocol "sip", one SIP message per WebSocket message, sent
 * as text frames. The TCP/TLS socket is opened by us on the given address (so the Host header
 * and SNI can carry the SIP domain) and checked like plain TLS for wss.
 */
export class WsTransport extends BaseTransport {
  readonly protocol: 'ws' | 'wss';
  readonly reliable = true;
  readonly viaTransport: string;
  private readonly ws: WebSocket;
  private closing: Promise<void> | null = null;
  private localClose = false;

  private constructor(protocol: 'ws' | 'wss', options: OpenTransportOptions, ws: WebSocket, socket: Socket) {
    super(options, endpoint(socket.localAddress, socket.localPort), endpoint(socket.remoteAddress ?? options.address, socket.remotePort ?? options.port));
    this.protocol = protocol;
    this.viaTransport = protocol.toUpperCase();
    this.ws = ws;
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      const buf = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      this.receiveDatagram(buf, this.remote);
    });
    ws.on('error', (err: Error) => {
      const tooBig = /max payload|Max payload/i.test(err.message);
      this.fail(new TransportError(tooBig ? 'TRANSPORT_ERR_MESSAGE_TOO_LARGE' : 'TRANSPORT_ERR_SOCKET', `${this.viaTransport} connection to ${fmt(this.remote)}: ${errText(err)}`, { cause: err }));
    });
    ws.on('close', (code: number) => {
      if (!this.localClose) this.fail(new TransportError('TRANSPORT_ERR_CLOSED', `${fmt(this.remote)} closed the WebSocket (code ${code})`, { details: { wsCloseCode: code } }));
      this.markClosed();
    });
  }

  static async open(options: OpenTransportOptions): Promise<SipTransport> {
    const protocol = options.protocol === 'wss' ? 'wss' : 'ws';
    if (isIP(options.address) === 0) throw new TransportError('TRANSPORT_ERR_CONNECT', `"${options.address}" is not an IP address (resolve the target first)`);
    const host = options.domain ?? options.address;
    const hostPart = isIP(host) === 6 ? `[${host}]` : host;
    const url = `${protocol}://${hostPart}:${options.port}${options.wsPath ?? '/'}`;
    const where = `${protocol.toUpperCase()} ${options.address}:${options.port}`;
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    let socket: Socket | null = null;
    let tcpConnected = false;
    let tlsReport: TlsReport | null = null;
    let servername: string | null = null;
    const limits = { maxMessageBytes: options.limits?.maxMessageBytes ?? 256 * 1024 };
    const ws = new WebSocket(url, 'sip', {
      perMessageDeflate: false,
      maxPayload: limits.maxMessageBytes,
      handshakeTimeout: timeoutMs,
      createConnection: (() => {
        if (protocol === 'wss') {
          const started = startTls(options);
          servername = started.servername;
          socket = started.socket;
          started.socket.once('secureConnect', () => {
            tlsReport = buildTlsReport(started.socket as TLSSocket, servername, options.domain ?? null, options.tls ?? {});
          });
        } else {
          socket = netConnect({ host: options.address, port: options.port, localAddress: options.localAddress, localPort: options.localPort });
        }
        socket.once('connect', () => (tcpConnected = true));
        return socket;
      }) as unknown as typeof netConnect,
    });
    await new Promise<void>((resolve, reject) => {
      let status: number | null = null;
      const done = (err?: TransportError): void => {
        options.signal?.removeEventListener('abort', onAbort);
        ws.removeAllListeners('open');
        ws.removeAllListeners('error');
        ws.removeAllListeners('unexpected-response');
        if (err) {
          ws.on('error', () => undefined);
          ws.terminate();
          reject(err);
        } else resolve();
      };
      const onAbort = (): void => done(new TransportError('TRANSPORT_ERR_ABORTED', `connect to ${where} aborted`));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      ws.once('unexpected-response', (_req, res) => {
        status = res.statusCode ?? null;
        done(new TransportError('TRANSPORT_ERR_WS_HANDSHAKE', `${where} answered the WebSocket upgrade with HTTP ${status}`, { details: { httpStatus: status, tls: tlsReport } }));
      });
      ws.once('open', () => {
        if (tlsReport) {
          try {
            checkTlsReport(tlsReport, where);
          } catch (e) {
            done(e as TransportError);
            return;
          }
        }
        if (ws.protocol !== 'sip') done(new TransportError('TRANSPORT_ERR_WS_HANDSHAKE', `${where} did not accept the "sip" subprotocol`));
        else done();
      });
      ws.once('error', (err: Error) => {
        if (tlsReport && !tlsReport.verified && !tlsReport.insecure) {
          try {
            checkTlsReport(tlsReport, where);
          } catch (e) {
            done(e as TransportError);
            return;
          }
        }
        const timedOut = /timed out|timeout/i.test(err.message);
        if (protocol === 'wss' && !tlsReport) done(tlsHandshakeError(err, timedOut, tcpConnected, where, timeoutMs));
        else if (timedOut) done(new TransportError('TRANSPORT_ERR_CONNECT_TIMEOUT', `no WebSocket connection to ${where} within ${timeoutMs} ms`, { cause: err }));
        else if (!tcpConnected) done(new TransportError('TRANSPORT_ERR_CONNECT', `cannot connect to ${where}: ${errText(err)}`, { cause: err }));
        else done(new TransportError('TRANSPORT_ERR_WS_HANDSHAKE', `WebSocket handshake with ${where} failed: ${errText(err)}`, { cause: err }));
      });
      if (protocol === 'wss') {
        // verify as soon as the TLS handshake is done: do not send the upgrade to an unverified peer
        const s = socket as TLSSocket | null;
        s?.once('secureConnect', () => {
          if (tlsReport && !tlsReport.verified && !tlsReport.insecure) s.destroy(new Error('certificate verification failed'));
        });
      }
    });
    const t = new WsTransport(protocol, options, ws, socket!);
    t.tls = tlsReport;
    return t;
  }

  protected write(bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.send(bytes, { binary: false }, (err) => (err ? reject(err) : resolve()));
    });
  }

  close(): Promise<void> {
    if (this.released) return Promise.resolve();
    this.localClose = true;
    this.closing ??= new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close(1000);
      setTimeout(() => this.ws.terminate(), 1000).unref();
    });
    return this.closing;
  }
}
