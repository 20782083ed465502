import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './fixtures.js';
import { Child, freePort, waitForTcp } from './processes.js';

export interface ListenEvent {
  schema: string;
  event: string;
  [k: string]: unknown;
}

/** `siptool listen --json` running as a child process, its JSON events parsed as they come. */
export interface ListenProcess {
  proc: ChildProcess;
  ports: Record<string, number>;
  events(): ListenEvent[];
  stderr(): string;
  /** Resolves with the exit code (bounded: SIGKILL after `timeoutMs`). */
  exit(timeoutMs?: number): Promise<number | null>;
  /** SIGINT (Ctrl-C) to the process. */
  interrupt(): void;
  /** Waits until an event matches (bounded). */
  waitFor(pred: (e: ListenEvent) => boolean, timeoutMs?: number): Promise<ListenEvent>;
}

const started = new Set<ChildProcess>();

/** Kills (SIGKILL, by PID) every listener a test started and left running, e.g. after a failed assertion. */
export function killListeners(): void {
  for (const p of started) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  started.clear();
}

/** Starts `siptool listen --json --port 0 ...args` and waits for its `listening` event. */
export async function startListen(args: string[], timeoutMs = 10_000): Promise<ListenProcess> {
  const proc = spawn(process.execPath, [join(ROOT, 'bin', 'siptool.cjs'), 'listen', '--json', '--port', '0', '--tls-port', '0', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  started.add(proc);
  proc.once('exit', () => started.delete(proc));
  let out = '';
  let err = '';
  const events: ListenEvent[] = [];
  proc.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    let nl: number;
    while ((nl = out.indexOf('\n')) >= 0) {
      const line = out.slice(0, nl);
      out = out.slice(nl + 1);
      if (line.trim()) events.push(JSON.parse(line) as ListenEvent);
    }
  });
  proc.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-100_000)));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const waitFor = async (pred: (e: ListenEvent) => boolean, ms = 10_000): Promise<ListenEvent> => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const e = events.find(pred);
      if (e) return e;
      if (proc.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no such listen event within ${ms} ms; events: ${JSON.stringify(events).slice(0, 2000)}\nstderr: ${err}`);
  };
  const listening = await waitFor((e) => e.event === 'listening', timeoutMs);
  const ports: Record<string, number> = {};
  for (const l of listening.listeners as Array<{ transport: string; port: number }>) ports[l.transport] = l.port;
  return {
    proc,
    ports,
    events: () => events,
    stderr: () => err,
    interrupt: () => proc.kill('SIGINT'),
    waitFor,
    exit: async (ms = 15_000) => {
      const timer = setTimeout(() => proc.kill('SIGKILL'), ms);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Runs SIPp as a UAC (built-in `uac` scenario, or `-sf` given in args) and returns its exit code and output. */
export function runSipp(args: string[], timeoutMs = 30_000): Promise<{ code: number | null; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'siptool-sipp-'));
  return new Promise((resolve) => {
    const p = spawn('sipp', [...args, '-nostdin', '-trace_err', '-error_file', join(dir, 'err.log')], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    p.stdout.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-50_000)));
    p.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-50_000)));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('exit', (code) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}

/**
 * Kamailio as a carrier edge in front of the listener: every INVITE is record-routed and
 * relayed to 127.0.0.1:`target` over `transport`; in-dialog requests follow Route, or go to the
 * listener when they carry none (SIPp's built-in UAC sends its ACK and BYE without Route).
 */
export async function startForwarder(target: number, transport: 'udp' | 'tcp'): Promise<{ port: number; stop: () => Promise<void>; log: () => string }> {
  const dir = mkdtempSync(join(tmpdir(), 'siptool-kam-fwd-'));
  const port = await freePort();
  const cfg = `#!KAMAILIO
debug=2
log_stderror=yes
children=2
tcp_children=2
auto_aliases=no
dns=no
rev_dns=no
use_dns_cache=off
listen=udp:127.0.0.1:${port}
listen=tcp:127.0.0.1:${port}
mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "siputils.so"
loadmodule "textops.so"
request_route {
  if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
  if (has_totag()) {
    if (!loose_route()) { $du = "sip:127.0.0.1:${target};transport=${transport}"; }
    t_relay();
    exit;
  }
  if (is_method("CANCEL")) { if (t_check_trans()) { t_relay(); } exit; }
  if (t_check_trans()) { exit; }
  record_route();
  $du = "sip:127.0.0.1:${target};transport=${transport}";
  if (!t_relay()) { sl_reply_error(); }
  exit;
}
`;
  writeFileSync(join(dir, 'kamailio.cfg'), cfg);
  const kam = new Child('kamailio', 'kamailio', ['-f', join(dir, 'kamailio.cfg'), '-DD', '-E', '-m', '32', '-M', '8', '-Y', dir, '-w', dir], dir);
  try {
    await waitForTcp(port, kam);
  } catch (e) {
    await kam.stop();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    port,
    log: () => kam.output,
    stop: async () => {
      await kam.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
