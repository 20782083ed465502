import { spawnSync } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bindUdp, routedSource } from '../../src/net/udp-bind.js';

const root = join(import.meta.dirname, '..', '..');

function received(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once('message', (m) => resolve(m.toString())));
}

async function roundTrip(socket: Socket, type: 'udp4' | 'udp6', host: string): Promise<void> {
  const a = socket.address();
  expect(a.address).toBe(host);
  expect(a.port).toBeGreaterThan(0);
  const peer = createSocket(type);
  try {
    const got = received(socket);
    peer.send('ping', a.port, host);
    expect(await got).toBe('ping');
  } finally {
    peer.close();
  }
}

describe('bindUdp', () => {
  it.each([
    ['on a handle of its own', false],
    ['through the public bind()', true],
  ])('binds %s: address(), receiving and close work as with bind()', async (_how, plain) => {
    const s = createSocket('udp4');
    try {
      await bindUdp(s, 'udp4', '127.0.0.1', 0, { plain });
      await roundTrip(s, 'udp4', '127.0.0.1');
    } finally {
      await new Promise<void>((r) => s.close(() => r()));
    }
  });

  it('binds IPv6 sockets; connect() then works as on a socket Node bound', async () => {
    const s = createSocket('udp6');
    const peer = createSocket('udp6');
    try {
      await bindUdp(s, 'udp6', '::1', 0);
      await roundTrip(s, 'udp6', '::1');
      // bound to any address, connected: the source address the OS routes through
      await bindUdp(peer, 'udp6', '::', 0);
      await new Promise<void>((resolve, reject) => {
        peer.once('error', reject);
        peer.connect(s.address().port, '::1', () => resolve());
      });
      expect(peer.address().address).toBe('::1');
      const got = received(s);
      peer.send('hello');
      expect(await got).toBe('hello');
    } finally {
      s.close();
      peer.close();
    }
  });

  it('a port in use is the usual EADDRINUSE error', async () => {
    const taken = createSocket('udp4');
    await bindUdp(taken, 'udp4', '127.0.0.1', 0, { plain: true });
    const s = createSocket('udp4');
    try {
      await expect(bindUdp(s, 'udp4', '127.0.0.1', taken.address().port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      taken.close();
      s.close();
    }
  });

  it.each([
    ['udp4', '127.0.0.1'],
    ['udp6', '::1'],
  ] as const)('routedSource (%s): the address a connected dgram socket reports', async (type, host) => {
    const s = createSocket(type);
    try {
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.connect(5060, host, () => resolve());
      });
      expect(routedSource(type, host, 5060)).toBe(s.address().address);
    } finally {
      s.close();
    }
  });

  it('routedSource: undefined where the OS has no route (the caller then asks a dgram socket)', () => {
    expect(routedSource('udp4', '255.255.255.255', 5060)).toBeUndefined(); // broadcast: EACCES without SO_BROADCAST
  });

  // the reason it exists: the process does not load cluster (and child_process, net, streams)
  const built = join(root, 'dist', 'net', 'udp-bind.js');
  (existsSync(built) ? it : it.skip)('does not load node:cluster; falls back without a warning where process.binding would warn', () => {
    const script = `
      import { createSocket } from 'node:dgram';
      import { bindUdp } from ${JSON.stringify(built)};
      const s = createSocket('udp4');
      await bindUdp(s, 'udp4', '127.0.0.1', 0);
      console.log(JSON.stringify({ port: s.address().port, cluster: process.moduleLoadList.includes('NativeModule cluster') }));
      s.close();`;
    const run = (args: string[], env: Record<string, string> = {}) => {
      const r = spawnSync(process.execPath, [...args, '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 20_000 });
      expect(r.status).toBe(0);
      return { out: JSON.parse(r.stdout) as { port: number; cluster: boolean }, stderr: r.stderr };
    };
    const fast = run([]);
    expect(fast.out.port).toBeGreaterThan(0);
    expect(fast.out.cluster).toBe(false);
    // the check is real: Node's own bind() loads it
    expect(run([], { SIPTOOL_PLAIN_UDP_BIND: '1' }).out.cluster).toBe(true);
    const pending = run(['--pending-deprecation']);
    expect(pending.out.cluster).toBe(true);
    expect(pending.stderr).not.toMatch(/DeprecationWarning/);
  });
});
