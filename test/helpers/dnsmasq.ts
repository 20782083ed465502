import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { NetworkDnsClient } from '../../src/dns/network-dns-client.js';

/**
 * A real dnsmasq (Debian package `dnsmasq`) started on 127.0.0.1 at a free high port with a
 * zone given on the command line, and stopped by PID. Nothing else is read: --no-resolv
 * --no-hosts --conf-file=/dev/null, no PID file, and --local for the test domains so that
 * unknown names are NXDOMAIN instead of being forwarded.
 */

export interface DnsmasqZone {
  /** Domains dnsmasq answers for (NXDOMAIN for unknown names in them). */
  local: string[];
  naptr?: string[];
  srv?: string[];
  host?: string[];
  cname?: string[];
  /** TTL of the records from the command line (dnsmasq's default is 0). */
  ttl?: number;
}

export function findDnsmasq(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/local/sbin'];
  for (const d of dirs) {
    const p = join(d, 'dnsmasq');
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

/** A port free for both UDP and TCP on 127.0.0.1, above 20000. */
async function freePort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 20000 + Math.floor(Math.random() * 40000);
    const ok = await new Promise<boolean>((res) => {
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
  throw new Error('no free port pair found');
}

export class Dnsmasq {
  readonly port: number;
  readonly pid: number;
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  stderr = '';

  private constructor(child: ChildProcess, port: number) {
    this.child = child;
    this.port = port;
    this.pid = child.pid!;
    this.exited = new Promise((res) => child.once('exit', () => res()));
    child.stderr?.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
  }

  get server(): { address: string; port: number; family: 4 } {
    return { address: '127.0.0.1', port: this.port, family: 4 };
  }

  static args(zone: DnsmasqZone, port: number): string[] {
    const args = ['--no-resolv', '--no-hosts', '--keep-in-foreground', '--conf-file=/dev/null', `--port=${port}`, '--listen-address=127.0.0.1', '--bind-interfaces', '--pid-file=', '--log-facility=-', `--local-ttl=${zone.ttl ?? 300}`];
    if (process.getuid?.() === 0) args.push('--user=root');
    for (const d of zone.local) args.push(`--local=/${d}/`);
    for (const x of zone.naptr ?? []) args.push(`--naptr-record=${x}`);
    for (const x of zone.srv ?? []) args.push(`--srv-host=${x}`);
    for (const x of zone.host ?? []) args.push(`--host-record=${x}`);
    for (const x of zone.cname ?? []) args.push(`--cname=${x}`);
    return args;
  }

  static async start(zone: DnsmasqZone, probeName: string): Promise<Dnsmasq> {
    const bin = findDnsmasq();
    if (!bin) throw new Error('dnsmasq is not installed (Debian: apt-get install dnsmasq; .ci/run installs it)');
    let lastError = '';
    for (let attempt = 0; attempt < 5; attempt++) {
      const port = await freePort();
      const child = spawn(bin, Dnsmasq.args(zone, port), { stdio: ['ignore', 'ignore', 'pipe'] });
      const d = new Dnsmasq(child, port);
      if (await d.ready(probeName)) return d;
      lastError = d.stderr.trim();
      await d.stop();
    }
    throw new Error(`dnsmasq did not start: ${lastError}`);
  }

  /** Polls with a real query until dnsmasq answers (or exits), at most about 5 s. */
  private async ready(name: string): Promise<boolean> {
    const dns = new NetworkDnsClient({ servers: [this.server], timeoutMs: 100, tries: 1 });
    let dead = false;
    void this.exited.then(() => (dead = true));
    for (let i = 0; i < 50 && !dead; i++) {
      const a = await dns.query(name, 'A');
      if (a.status === 'noerror' || a.status === 'nodata' || a.status === 'nxdomain') return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }

  /** SIGTERM to our PID, SIGKILL after 2 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    try {
      process.kill(this.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(this.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, 2000);
    await this.exited;
    clearTimeout(timer);
  }
}
