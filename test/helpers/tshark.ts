import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';

/**
 * tshark and dumpcap for the capture tests (Debian package `tshark`, installed by .ci/run).
 * Every wait is bounded and waits for something observable (a line on stderr, a marker packet
 * in the capture), never for a fixed time.
 */

export function toolPath(name: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Call-IDs of the SIP messages tshark decodes, in frame order (several per frame for coalesced TCP). */
export function tsharkCallIds(file: string, sipPorts: number[] = []): string[] {
  const decodeAs = sipPorts.flatMap((p) => ['-d', `udp.port==${p},sip`, '-d', `tcp.port==${p},sip`]);
  const r = spawnSync('tshark', ['-n', '-r', file, ...decodeAs, '-Y', 'sip', '-T', 'fields', '-e', 'sip.Call-ID', '-E', 'aggregator=,'], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`tshark failed (${r.status}): ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l.length > 0).flatMap((l) => l.split(','));
}

/** Lines of `tshark -T fields` for a display filter. */
export function tsharkFields(file: string, filter: string, fields: string[], extra: string[] = []): string[] {
  const r = spawnSync('tshark', ['-n', '-r', file, ...extra, '-Y', filter, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`tshark failed (${r.status}): ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l.length > 0);
}

/** Resolves when `check` is true, polling every 20 ms; rejects after `ms`. */
export async function until(what: string, check: () => boolean, ms = 10_000, tick?: () => void): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    tick?.();
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A dumpcap capture on the loopback interface, written to a pipe (dumpcap flushes every packet
 * then), so the test can see when a marker packet has been captured.
 */
export class LoopbackCapture {
  private readonly proc: ChildProcess;
  private readonly chunks: Buffer[] = [];
  private stderr = '';
  private exited: number | null | undefined;
  private markers = 0;
  private readonly markerPort: number;

  private constructor(filter: string, pcap: boolean, markerPort: number) {
    this.markerPort = markerPort;
    this.proc = spawn('dumpcap', ['-q', '-i', 'lo', '-f', `${filter} or udp port ${markerPort}`, ...(pcap ? ['-P'] : []), '-w', '-'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stdout!.on('data', (c: Buffer) => this.chunks.push(c));
    this.proc.stderr!.on('data', (c: Buffer) => (this.stderr += c.toString()));
    this.proc.on('exit', (code) => (this.exited = code));
    this.proc.on('error', (e) => {
      this.stderr += String(e);
      this.exited = -1;
    });
  }

  /** Starts dumpcap and waits until it captures (a first marker packet is in the output). */
  static async start(filter: string, opts: { pcap?: boolean; markerPort: number }): Promise<LoopbackCapture> {
    const c = new LoopbackCapture(filter, opts.pcap ?? false, opts.markerPort);
    await until('dumpcap to start', () => c.stderr.includes('Capturing on') || c.exited !== undefined);
    if (c.exited !== undefined) throw new Error(`dumpcap could not capture: ${c.stderr.trim()}`);
    await c.mark();
    return c;
  }

  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }

  /** Sends a marker datagram (not SIP) until it shows up in the capture. */
  async mark(): Promise<void> {
    const text = `siptool-marker-${this.markers++}-${process.pid}`;
    const sock = createSocket('udp4');
    try {
      await until(`marker ${text} in the capture`, () => this.bytes.includes(text), 10_000, () => sock.send(text, this.markerPort, '127.0.0.1'));
    } finally {
      sock.close();
    }
  }

  /** Marks the end, stops dumpcap by its PID and returns the capture. */
  async stop(): Promise<Buffer> {
    await this.mark();
    this.proc.kill('SIGTERM');
    await until('dumpcap to exit', () => this.exited !== undefined, 10_000);
    return this.bytes;
  }

  /** Kills dumpcap if a test failed half-way. */
  kill(): void {
    if (this.exited === undefined) this.proc.kill('SIGKILL');
  }
}
