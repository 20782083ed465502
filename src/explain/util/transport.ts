import type { FlowMessage, Transport } from '../flow-message.js';

/** How the message travelled: what the capture or log said, else its top Via's transport. */
export function transportOf(m: FlowMessage): string | undefined {
  if (m.transport) return m.transport;
  const t = m.message.topVia?.transport;
  return t ? t.toLowerCase() : undefined;
}

const STREAM: ReadonlySet<string> = new Set<Transport | string>(['tcp', 'tls', 'ws', 'wss', 'sctp']);

/** TCP, TLS, WebSocket or SCTP: a connection, where messages are framed by Content-Length. */
export function isStream(t: string | undefined): boolean {
  return t !== undefined && STREAM.has(t.toLowerCase());
}
