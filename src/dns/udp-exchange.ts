import { anyAddress } from '../net/udp-bind.js';
import { openUdpPort, type UdpPort } from '../net/udp-port.js';
import { decodeResponse, matchResponse } from './decode-response.js';
import type { ExchangeRequest, ExchangeResult } from './exchange.js';
import { canonicalIPv6 } from './server-address.js';
import { noIgnored } from './types.js';

/** Stop listening after this many rejected datagrams (a flood ends the try early). */
const MAX_IGNORED = 256;

function sameAddress(from: string, server: string, family: 4 | 6): boolean {
  if (family === 4) return from === server || from === `::ffff:${server}`;
  const strip = (a: string): string => {
    const pct = a.indexOf('%');
    return canonicalIPv6(pct >= 0 ? a.slice(0, pct) : a);
  };
  return strip(from) === strip(server);
}

/**
 * Sends one query over UDP from a fresh socket on an OS-chosen (randomised) source port and
 * waits for a response that comes from the server's address and port, carries our ID and echoes
 * our question. Anything else is counted and ignored (RFC 5452 §9.1), so a spoofed or stray
 * datagram cannot end the wait early; the timeout bounds it.
 */
export function udpExchange(req: ExchangeRequest): Promise<ExchangeResult> {
  return new Promise((resolve) => {
    const ignored = noIgnored();
    let malformed: string | null = null;
    let done = false;
    const type = req.server.family === 6 ? 'udp6' : 'udp4';
    // a socket that needs neither node:dns for the lookup nor cluster for the bind (net/udp-port.ts)
    let sock: UdpPort | undefined;
    const finish = (r: ExchangeResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (sock) {
        sock.onMessage = undefined;
        sock.onError = undefined;
        void sock.close();
      }
      resolve(r);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout', malformed, ignored }), req.timeoutMs);
    const failed = (err: Error): void => finish({ kind: 'network', error: (err as NodeJS.ErrnoException).code ?? err.message, ignored });
    const onMessage = (msg: Buffer, rinfo: { address: string; port: number }): void => {
      if (done) return;
      if (rinfo.port !== req.server.port || !sameAddress(rinfo.address, req.server.address, req.server.family)) {
        ignored.wrongServer++;
      } else {
        const d = decodeResponse(msg, req.maxRecords);
        if (!d.ok) {
          if (d.id === req.id && d.isResponse && d.truncated) {
            finish({ kind: 'truncated-undecodable', reason: d.reason, ignored });
            return;
          }
          ignored.malformed++;
          malformed = d.reason;
        } else {
          const m = matchResponse(d.response, req.id, req.name, req.type);
          if (m === 'match') {
            finish({ kind: 'answer', response: d.response, ignored });
            return;
          }
          if (m === 'wrong-id') ignored.wrongId++;
          else if (m === 'wrong-question') ignored.wrongQuestion++;
          else {
            ignored.malformed++;
            malformed = 'a packet that is not a response to a query';
          }
        }
      }
      if (ignored.wrongServer + ignored.wrongId + ignored.wrongQuestion + ignored.malformed >= MAX_IGNORED) {
        finish({ kind: 'timeout', malformed, ignored });
      }
    };
    openUdpPort(type, anyAddress(type), 0).then((port) => {
      if (done) {
        void port.close();
        return;
      }
      sock = port;
      port.onError = failed;
      port.onMessage = onMessage;
      port.send(req.packet, req.server.port, req.server.address, (err) => {
        if (err) failed(err);
      });
    }, failed);
  });
}
