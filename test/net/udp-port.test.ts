import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openUdpPort, type UdpPort } from '../../src/net/udp-port.js';

const root = join(import.meta.dirname, '..', '..');

function next(port: UdpPort): Promise<{ text: string; from: { address: string; port: number } }> {
  return new Promise((resolve) => {
    port.onMessage = (data, from) => resolve({ text: data.toString(), from: { address: from.address, port: from.port } });
  });
}

function sent(port: UdpPort, data: Uint8Array, to: number, address: string): Promise<Error | null> {
  return new Promise((resolve) => port.send(data, to, address, resolve));
}

describe('openUdpPort', () => {
  it.each([
    ['on a raw handle', false],
    ['on a dgram socket', true],
  ])('%s: binds, sends, receives with the sender address, reports send errors as dgram does, closes', async (_how, plain) => {
    const port = await openUdpPort('udp4', '127.0.0.1', 0, { plain, recvBufferSize: 256 * 1024 });
    const peer = createSocket('udp4');
    try {
      expect(port.local.address).toBe('127.0.0.1');
      expect(port.local.port).toBeGreaterThan(0);
      await new Promise<void>((r) => peer.bind(0, '127.0.0.1', () => r()));
      const echoed = new Promise<string>((resolve) => peer.once('message', (m, rinfo) => resolve(`${m.toString()} from ${rinfo.port}`)));
      expect(await sent(port, Buffer.from('ping'), peer.address().port, '127.0.0.1')).toBeNull();
      expect(await echoed).toBe(`ping from ${port.local.port}`);
      const got = next(port);
      peer.send('pong', port.local.port, '127.0.0.1');
      expect(await got).toEqual({ text: 'pong', from: { address: '127.0.0.1', port: peer.address().port } });
      // a datagram larger than UDP allows
      const err = await sent(port, Buffer.alloc(70_000), peer.address().port, '127.0.0.1');
      expect(err).toMatchObject({ code: 'EMSGSIZE', syscall: 'send' });
    } finally {
      peer.close();
      await port.close();
    }
    await port.close(); // twice: still resolves
    expect(await sent(port, Buffer.from('late'), 9, '127.0.0.1')).toMatchObject({ code: 'ERR_SOCKET_DGRAM_NOT_RUNNING' });
  });

  it.each([false, true])('IPv6 (plain %s): a round trip on ::1', async (plain) => {
    const a = await openUdpPort('udp6', '::1', 0, { plain });
    const b = await openUdpPort('udp6', '::1', 0, { plain });
    try {
      const got = next(b);
      expect(await sent(a, Buffer.from('six'), b.local.port, '::1')).toBeNull();
      expect(await got).toEqual({ text: 'six', from: { address: '::1', port: a.local.port } });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a port in use is the usual EADDRINUSE error', async () => {
    const taken = await openUdpPort('udp4', '127.0.0.1', 0);
    try {
      await expect(openUdpPort('udp4', '127.0.0.1', taken.local.port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await taken.close();
    }
  });

  // the reason it exists: a send and a receive without loading dgram
  const built = join(root, 'dist', 'net', 'udp-port.js');
  (existsSync(built) ? it : it.skip)('does not load node:dgram; SIPTOOL_PLAIN_UDP_BIND and --pending-deprecation take the dgram socket', () => {
    const script = `
      import { openUdpPort } from ${JSON.stringify(built)};
      const a = await openUdpPort('udp4', '127.0.0.1', 0);
      const b = await openUdpPort('udp4', '127.0.0.1', 0);
      const got = new Promise((r) => { b.onMessage = (d) => r(d.toString()); });
      a.send(Buffer.from('x'), b.local.port, '127.0.0.1', () => {});
      const text = await got;
      await a.close(); await b.close();
      console.log(JSON.stringify({ text, dgram: process.moduleLoadList.includes('NativeModule dgram') }));`;
    const run = (args: string[], env: Record<string, string> = {}) => {
      const r = spawnSync(process.execPath, [...args, '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 20_000 });
      expect(r.status).toBe(0);
      return { out: JSON.parse(r.stdout) as { text: string; dgram: boolean }, stderr: r.stderr };
    };
    expect(run([]).out).toEqual({ text: 'x', dgram: false });
    expect(run([], { SIPTOOL_PLAIN_UDP_BIND: '1' }).out).toEqual({ text: 'x', dgram: true });
    const pending = run(['--pending-deprecation']);
    expect(pending.out).toEqual({ text: 'x', dgram: true });
    expect(pending.stderr).not.toMatch(/DeprecationWarning/);
  });
});
