import { createSocket } from 'node:dgram';
import { buildResponse } from '../../core/build-response.js';
import { parseMessage } from '../../core/parse-message.js';
import { serializeMessage } from '../../core/serialize-message.js';
import { sendOptions } from '../../probe/options-probe.js';
import { ProbeSession } from '../../probe/session.js';

/**
 * Runs three OPTIONS transactions over UDP against a socket of this process (127.0.0.1) before the
 * real probe. V8 compiles functions on their first call: without this, the first real request
 * pays for compiling the socket, transaction, timer and matching code between sending and
 * reading the answer, and the RTT siptool reports would be milliseconds longer than the wire's.
 * Nothing leaves the machine; it is bounded to 500 ms and never fails the probe.
 */
export async function warmUp(): Promise<void> {
  const peer = createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      peer.once('error', reject);
      peer.bind(0, '127.0.0.1', () => resolve());
    });
    peer.on('message', (buf, rinfo) => {
      const { message } = parseMessage(buf, { validate: false });
      if (message?.kind === 'request') peer.send(serializeMessage(buildResponse(message, 200)), rinfo.port, rinfo.address);
    });
    const { UdpTransport } = await import('../../transport/udp.js');
    const transport = await UdpTransport.open({ protocol: 'udp', address: '127.0.0.1', port: peer.address().port, onWire: () => {} });
    const session = new ProbeSession({ transport, paceMs: 0, timers: { t1: 100, transactionTimeout: 500 } });
    try {
      for (let i = 0; i < 3; i++) await sendOptions(session, { target: 'sip:warm-up.invalid' });
    } finally {
      session.dispose();
      await transport.close();
    }
  } catch {
    // nothing depends on it
  } finally {
    peer.close();
  }
}
