import { InvalidArgumentError } from '../errors.js';
import { openTcp } from './tcp.js';
import { openTls } from './tls.js';
import { UdpTransport } from './udp.js';
import { WsTransport } from './ws.js';
import type { OpenTransportOptions, SipTransport, TransportFactory, TransportProtocol } from './types.js';

/** protocol → opener. A new transport is one file plus one entry here. */
export const TRANSPORT_FACTORIES: Readonly<Record<TransportProtocol, TransportFactory>> = {
  udp: (o) => UdpTransport.open(o),
  tcp: openTcp,
  tls: openTls,
  ws: (o) => WsTransport.open(o),
  wss: (o) => WsTransport.open(o),
};

/**
 * Opens a client transport to `address:port`. Throws TransportError (TRANSPORT_ERR_CONNECT,
 * _CONNECT_TIMEOUT, _TLS_HANDSHAKE, _TLS_VERIFY, _WS_HANDSHAKE, _ABORTED).
 */
export const openTransport: TransportFactory = (options: OpenTransportOptions): Promise<SipTransport> => {
  const open = TRANSPORT_FACTORIES[options.protocol];
  if (!open) throw new InvalidArgumentError(`unknown transport "${String(options.protocol)}"`);
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) throw new InvalidArgumentError(`port ${options.port} is not 1..65535`);
  return open(options);
};
