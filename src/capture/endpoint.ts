/** One end of a packet: an IP address (text as Node and tshark print it) and a port. */
export interface Endpoint {
  readonly address: string;
  readonly port: number;
  readonly family: 4 | 6;
}

/** "192.0.2.1:5060" or "[2001:db8::1]:5060". */
export function formatEndpoint(e: { address: string; port: number }): string {
  return e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}
