import { isIP } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { errText } from './base-transport.js';
import { TransportError } from './errors.js';
import { awaitConnect, StreamTransport } from './stream-transport.js';
import { buildTlsReport, type TlsReport } from './tls-report.js';
import type { OpenTransportOptions, SipTransport } from './types.js';

/** The SNI name for a domain: none for IP literals (RFC 6066 §3). */
export function sniFor(domain: string | undefined): string | null {
  if (!domain) return null;
  const d = domain.replace(/^\[|\]$/g, '');
  return isIP(d) ? null : d;
}

/**
 * Starts a TLS client connection on the options' address (SNI = the SIP domain, chain checked by
 * OpenSSL, identity checked by us per RFC 5922 after the handshake so the report is complete
 * either way). `over` lets WebSocket hand in its own socket options.
 */
export function startTls(options: OpenTransportOptions): { socket: TLSSocket; servername: string | null } {
  const t = options.tls ?? {};
  const servername = sniFor(options.domain);
  const co: ConnectionOptions & { localAddress?: string; localPort?: number } = {
    localAddress: options.localAddress,
    localPort: options.localPort,
    host: options.address,
    port: options.port,
    ca: t.ca,
    cert: t.cert,
    key: t.key,
    passphrase: t.passphrase,
    rejectUnauthorized: false,
    checkServerIdentity: () => undefined,
  };
  if (servername) co.servername = servername;
  // Node sends the host as SNI when no servername is given unless it is an IP; keep it explicit.
  else co.servername = '';
  const socket = tlsConnect(co);
  if (t.keylog) {
    const sink = t.keylog;
    socket.on('keylog', (line: Buffer) => {
      try {
        sink(line);
      } catch {
        // a failing sink must not break the connection
      }
    });
  }
  return { socket, servername };
}

/** Checks the report; throws TRANSPORT_ERR_TLS_VERIFY unless verified or insecure. */
export function checkTlsReport(report: TlsReport, where: string): void {
  if (report.verified || report.insecure) return;
  const why = !report.chainVerified ? `certificate chain not trusted (${report.chainError})` : report.domainMatch.domain === null ? 'no SIP domain to match the certificate against' : `certificate does not match the SIP domain ${report.domainMatch.domain}${report.domainMatch.wildcardOnly ? ' (only by wildcard, not allowed by RFC 5922)' : ''}`;
  throw new TransportError('TRANSPORT_ERR_TLS_VERIFY', `TLS to ${where}: ${why}`, { details: { tls: report } });
}

export function tlsHandshakeError(err: Error, timedOut: boolean, tcpConnected: boolean, where: string, timeoutMs: number): TransportError {
  if (timedOut) return new TransportError('TRANSPORT_ERR_CONNECT_TIMEOUT', `no TLS connection to ${where} within ${timeoutMs} ms${tcpConnected ? ' (TCP connected, handshake not finished)' : ''}`, { cause: err });
  if (!tcpConnected) return new TransportError('TRANSPORT_ERR_CONNECT', `cannot connect to ${where}: ${errText(err)}`, { cause: err });
  return new TransportError('TRANSPORT_ERR_TLS_HANDSHAKE', `TLS handshake with ${where} failed: ${errText(err)}`, { cause: err });
}

/** SIP over TLS (RFC 3261 §26.2, RFC 5922, RFC 5630). */
export async function openTls(options: OpenTransportOptions): Promise<SipTransport> {
  if (isIP(options.address) === 0) throw new TransportError('TRANSPORT_ERR_CONNECT', `"${options.address}" is not an IP address (resolve the target first)`);
  const { socket, servername } = startTls(options);
  let tcpConnected = false;
  socket.once('connect', () => (tcpConnected = true));
  const where = `TLS ${options.address}:${options.port}`;
  await awaitConnect(socket, 'secureConnect', options, `connect to ${where}`, (err, timedOut) => tlsHandshakeError(err, timedOut, tcpConnected, where, options.connectTimeoutMs ?? 10_000));
  const report = buildTlsReport(socket, servername, options.domain ?? null, options.tls ?? {});
  try {
    checkTlsReport(report, where);
  } catch (e) {
    socket.destroy();
    throw e;
  }
  const transport = new StreamTransport('tls', options, socket);
  transport.tls = report;
  return transport;
}
