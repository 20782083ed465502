import { connect } from 'node:net';
import { decodeResponse, matchResponse } from './decode-response.js';
import type { ExchangeRequest, ExchangeResult } from './exchange.js';
import { noIgnored } from './types.js';

/** Read at most this many octets from one connection (a few full-size messages). */
const MAX_TCP_BYTES = 4 * 65537;

/**
 * Sends one query over TCP (RFC 1035 §4.2.2: two-octet length prefix; RFC 7766) and reads
 * length-prefixed messages until one matches our ID and question. The whole exchange, connect
 * included, is bounded by the timeout, and the octets read by MAX_TCP_BYTES.
 */
export function tcpExchange(req: ExchangeRequest): Promise<ExchangeResult> {
  return new Promise((resolve) => {
    const ignored = noIgnored();
    let malformed: string | null = null;
    let done = false;
    let buffered = Buffer.alloc(0);
    let total = 0;
    const sock = connect({ host: req.server.address, port: req.server.port, family: req.server.family });
    const finish = (r: ExchangeResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.removeAllListeners('data');
      sock.on('error', () => {});
      sock.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout', malformed, ignored }), req.timeoutMs);
    sock.on('error', (err: NodeJS.ErrnoException) => finish({ kind: 'network', error: err.code ?? err.message, ignored }));
    sock.on('close', () => finish(malformed ? { kind: 'timeout', malformed, ignored } : { kind: 'network', error: 'connection closed before an answer', ignored }));
    sock.on('connect', () => {
      const prefix = Buffer.alloc(2);
      prefix.writeUInt16BE(req.packet.length);
      sock.write(Buffer.concat([prefix, req.packet]));
    });
    sock.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_TCP_BYTES) {
        finish({ kind: 'timeout', malformed: malformed ?? `more than ${MAX_TCP_BYTES} octets without a matching answer`, ignored });
        return;
      }
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2) {
        const len = buffered.readUInt16BE(0);
        if (buffered.length < 2 + len) return;
        const msg = buffered.subarray(2, 2 + len);
        buffered = buffered.subarray(2 + len);
        const d = decodeResponse(msg, req.maxRecords);
        if (!d.ok) {
          ignored.malformed++;
          malformed = d.reason;
          continue;
        }
        const m = matchResponse(d.response, req.id, req.name, req.type);
        if (m === 'match') {
          finish({ kind: 'answer', response: d.response, ignored });
          return;
        }
        if (m === 'wrong-id') ignored.wrongId++;
        else if (m === 'wrong-question') ignored.wrongQuestion++;
        else ignored.malformed++;
      }
    });
  });
}
