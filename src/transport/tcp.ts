import { connect, isIP } from 'node:net';
import { errText } from './base-transport.js';
import { TransportError } from './errors.js';
import { awaitConnect, StreamTransport } from './stream-transport.js';
import type { OpenTransportOptions, SipTransport } from './types.js';

/** SIP over TCP (RFC 3261 §18): one connection, messages framed by Content-Length. */
export async function openTcp(options: OpenTransportOptions): Promise<SipTransport> {
  if (isIP(options.address) === 0) throw new TransportError('TRANSPORT_ERR_CONNECT', `"${options.address}" is not an IP address (resolve the target first)`);
  const socket = connect({ host: options.address, port: options.port, localAddress: options.localAddress, localPort: options.localPort });
  const where = `TCP ${options.address}:${options.port}`;
  await awaitConnect(socket, 'connect', options, `connect to ${where}`, (err, timedOut) =>
    timedOut
      ? new TransportError('TRANSPORT_ERR_CONNECT_TIMEOUT', `no TCP connection to ${where} within ${options.connectTimeoutMs ?? 10_000} ms`, { cause: err })
      : new TransportError('TRANSPORT_ERR_CONNECT', `cannot connect to ${where}: ${errText(err)}`, { cause: err }),
  );
  return new StreamTransport('tcp', options, socket);
}
