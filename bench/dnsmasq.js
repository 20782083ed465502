// A dnsmasq for the resolve benchmark: the interop zone of fixtures/dns/dnsmasq/interop.json on
// 127.0.0.1 at a free high port, no config file, no upstream; stopped by its PID.
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NetworkDnsClient } from '../dist/index.js';

const ZONE = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'dns', 'dnsmasq', 'interop.json');

export function which(bin) {
  const r = spawnSync('sh', ['-c', `command -v ${bin} || ls /usr/sbin/${bin} 2>/dev/null`], { encoding: 'utf8' });
  return r.stdout.trim().split('\n')[0] || null;
}

export async function freePort() {
  for (let i = 0; i < 50; i++) {
    const port = 20000 + Math.floor(Math.random() * 40000);
    const ok = await new Promise((res) => {
      const u = createSocket('udp4');
      u.once('error', () => res(false));
      u.bind(port, '127.0.0.1', () => {
        const t = createServer();
        t.once('error', () => u.close(() => res(false)));
        t.listen(port, '127.0.0.1', () => t.close(() => u.close(() => res(true))));
      });
    });
    if (ok) return port;
  }
  throw new Error('no free port');
}

export async function startDnsmasq() {
  const bin = which('dnsmasq');
  if (!bin) return null;
  const zone = JSON.parse(readFileSync(ZONE, 'utf8'));
  const port = await freePort();
  const args = ['--no-resolv', '--no-hosts', '--keep-in-foreground', '--conf-file=/dev/null', `--port=${port}`, '--listen-address=127.0.0.1', '--bind-interfaces', '--pid-file=', '--log-facility=-', `--local-ttl=${zone.ttl}`];
  if (process.getuid?.() === 0) args.push('--user=root');
  for (const d of zone.local) args.push(`--local=/${d}/`);
  for (const x of zone.naptr) args.push(`--naptr-record=${x}`);
  for (const x of zone.srv) args.push(`--srv-host=${x}`);
  for (const x of zone.host) args.push(`--host-record=${x}`);
  for (const x of zone.cname) args.push(`--cname=${x}`);
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'ignore'] });
  const exited = new Promise((res) => child.once('exit', res));
  const server = { address: '127.0.0.1', port, family: 4 };
  const dns = new NetworkDnsClient({ servers: [server], timeoutMs: 100, tries: 1 });
  for (let i = 0; i < 50; i++) {
    const a = await dns.query('aonly.test', 'A');
    if (a.status === 'noerror') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    server,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      process.kill(child.pid, 'SIGTERM');
      await exited;
    },
  };
}
