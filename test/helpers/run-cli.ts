import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './fixtures.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built siptool (bin/siptool.cjs, as a user would) with a clean colour environment:
 * stdout is a pipe, so colour is off unless the test sets FORCE_COLOR.
 */
export function runCli(args: string[], options: { input?: string | Buffer; env?: Record<string, string | undefined> } = {}): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, CI: undefined, ...options.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'siptool.cjs'), ...args], {
    cwd: ROOT,
    input: options.input ?? '',
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 20000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Like runCli, but without blocking the event loop, so that a server running inside the test
 * process (the in-process DNS server) can answer the command.
 */
export function runCliAsync(args: string[], options: { env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, CI: undefined, ...options.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'siptool.cjs'), ...args], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
